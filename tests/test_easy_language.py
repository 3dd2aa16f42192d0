"""Leichte Sprache and German Sign Language (BITV 2.0 § 4): linked from every page, honest about
the missing video, and the Leichte Sprache text keeps the rules we can check mechanically."""

from __future__ import annotations

import re

from conftest import ROOT, run_build

EASY = ROOT / "docs" / "leichte-sprache.de.md"
# Proper names that Leichte Sprache keeps as they are.
NAMES = {"CO₂"}


def _sentences(markdown: str) -> list[str]:
    body = markdown.split("\n---", 1)[1]
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", body)  # link text only
    text = re.sub(r"[*#>]", " ", text)
    parts = re.split(r"(?<=[.?!:])\s+|\n", text)
    return [p.strip(" -") for p in parts if p.strip(" -")]


def test_easy_language_follows_the_checkable_rules():
    sentences = _sentences(EASY.read_text(encoding="utf-8"))
    assert len(sentences) > 30
    long = [s for s in sentences if len(s.split()) > 12 and not s.startswith(("Brandenburgische", "Deutsches Zentrum", "Fraunhofer", "Kompetenz"))]
    assert long == [], "sentences of at most 12 words"
    text = " ".join(sentences)
    abbreviations = set(re.findall(r"\b(?:[A-ZÄÖÜ]{2,}[\d₀-₉]*|z\. ?B\.|bzw\.|usw\.|ca\.|d\. ?h\.)", text)) - NAMES
    assert abbreviations == set(), abbreviations
    # Long compound nouns are split with hyphens (Treib-Haus-Gase), so no word is very long.
    long_words = [w for w in re.findall(r"[A-Za-zÄÖÜäöüß]+", text) if len(w) > 16]
    assert long_words == [], long_words


def test_both_pages_are_linked_from_every_page_in_both_languages(site):
    for path in ("index.html", "about.html", "news.html", "en/index.html", "en/events.html", "404.html", "en/404.html"):
        doc = site.html(path)
        for links in (".cluster-service__access a", ".cluster-footer a"):  # header service bar and footer
            hrefs = [a.get("href") for a in doc.cssselect(links)]
            assert any(h.endswith("leichte-sprache.html") for h in hrefs), (path, links)
            assert any(h.endswith("sign-language.html") for h in hrefs), (path, links)
    easy = site.html("leichte-sprache.html")
    assert easy.get("lang") == "de" and "Treib-Haus-Gase" in site.text("leichte-sprache.html")
    # On the English site the page stays German and says so.
    assert site.html("en/leichte-sprache.html").cssselect('[lang="de"]')


def test_missing_sign_language_video_is_named_and_not_invented(site):
    assert "Operator must fill in: content/site.yml:" in site.output and "sign_language.video" in site.output
    for path in ("sign-language.html", "en/sign-language.html"):
        doc = site.html(path)
        assert not doc.cssselect("video")
        assert "noch kein Video" in site.text(path) or "no video in German Sign Language yet" in site.text(path)


def test_sign_language_video_with_captions_when_configured(project):
    (project / "docs/assets/dgs").mkdir(parents=True)
    (project / "docs/assets/dgs/start.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    (project / "docs/assets/dgs/start.de.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nWillkommen\n", encoding="utf-8")
    site_yml = project / "content/site.yml"
    text = site_yml.read_text(encoding="utf-8")
    text = text.replace("sign_language:\n  video: null\n  captions: null", "sign_language:\n  video: assets/dgs/start.mp4\n  captions: assets/dgs/start.de.vtt")
    text = text.replace("  transcript: null\nlinks:", "  transcript:\n    de: Willkommen beim Cluster.\nlinks:")
    site_yml.write_text(text, encoding="utf-8")
    build = run_build(project)
    assert build.result.returncode == 0, build.output
    assert "sign_language.video" not in build.output
    video = build.html("sign-language.html").cssselect("video")[0]
    assert video.get("src").endswith("assets/dgs/start.mp4") and video.get("controls") is not None
    assert video.cssselect('track[kind="captions"]')[0].get("src").endswith("start.de.vtt")
    assert "Willkommen beim Cluster." in build.text("sign-language.html")
