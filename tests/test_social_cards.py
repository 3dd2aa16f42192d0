"""Social cards (issue 16): every page in every language has its own 1200×630 PNG, in the brand's
colours, referenced by og:image and twitter:image with absolute URLs, drawn once and then taken
from the cache. (Byte-identical output across builds: test_reproducible.py covers the cards too.)
"""

from __future__ import annotations

import hashlib
import re

import yaml
from PIL import Image

from conftest import ROOT, copy_project, run_build
from cluster_site.outputs import social

SITE_URL = "https://www.cluster-dekarbonisierung.de/"  # mkdocs.yml's site_url without SITE_URL set


def _brand() -> dict:
    return yaml.safe_load((ROOT / "content/site.yml").read_text(encoding="utf-8"))["brand"]


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def _meta(doc, attribute: str, name: str) -> str | None:
    found = doc.xpath(f"//meta[@{attribute}='{name}']/@content")
    return found[0] if found else None


def test_every_page_has_its_own_card_in_the_brand_colours(site):
    brand, cards = _brand(), {}
    pages = [p for p in site.public_pages() if "pagefind" not in p.parts and p.name != "404.html"]
    assert len(pages) > 60
    for page in pages:
        relative = page.relative_to(site.site).as_posix()
        doc = site.html(relative)
        if doc.xpath("//meta[@http-equiv='refresh']"):
            continue  # a redirect has no content to share
        url = _meta(doc, "property", "og:image")
        assert url and url.startswith(SITE_URL), relative
        assert _meta(doc, "name", "twitter:image") == url and _meta(doc, "name", "twitter:card") == "summary_large_image"
        assert _meta(doc, "property", "og:image:alt"), relative
        file = site.site / url[len(SITE_URL):]
        with Image.open(file) as card:
            assert card.format == "PNG" and card.size == (1200, 630), relative
            rgb = card.convert("RGB")
            assert rgb.getpixel((5, 5)) == _rgb(brand["primary"]) and rgb.getpixel((5, 625)) == _rgb(brand["accent"])
            assert len(rgb.getcolors(1_000_000)) > 20  # text with smooth edges, not an empty plate
        cards[relative] = hashlib.sha256(file.read_bytes()).hexdigest()
    # One card per page: the German and English versions of a page, and different pages, differ.
    assert cards["index.html"] != cards["en/index.html"]
    assert len(set(cards.values())) == len(cards)


def test_home_card_says_what_the_cluster_does(site):
    tagline = yaml.safe_load((ROOT / "content/site.yml").read_text(encoding="utf-8"))["tagline"]
    for prefix, lang in (("", "de"), ("en/", "en")):
        assert _meta(site.html(prefix + "index.html"), "property", "og:image:alt") == tagline[lang]


def test_a_long_title_fits_the_card_and_is_cut_with_an_ellipsis():
    width = social.WIDTH - 2 * social.MARGIN
    font, lines = social._fit_title("Ein sehr langer Titel " * 20, width)
    assert font.size == min(social.TITLE_SIZES) and lines[-1].endswith(" …")
    assert all(font.getlength(line) <= width for line in lines)
    assert len(lines) * round(font.size * social.LEADING) <= social.TITLE_AREA[1] - social.TITLE_AREA[0]
    font, lines = social._fit_title("Kontakt", width)
    assert font.size == max(social.TITLE_SIZES) and lines == ["Kontakt"]


def test_cards_are_drawn_once_and_redrawn_when_their_page_changes(tmp_path):
    project = copy_project(tmp_path / "cold")  # no cache yet
    first = run_build(project)
    assert first.result.returncode == 0, first.output
    assert "Social cards (de): " in first.output and "drawn anew: 0" not in first.output
    before = (first.site / "assets/social/contact.png").read_bytes()
    (project / "content/ui/de.yml").write_text("page.contact: Kontakt und Anfahrt\n", encoding="utf-8")
    again = run_build(project)
    assert again.result.returncode == 0, again.output
    drawn = dict(re.findall(r"Social cards \((\w+)\): \d+, drawn anew: (\d+)", again.output))
    assert drawn == {"de": "1", "en": "0"}, again.output  # only the German contact page's title changed
    assert (again.site / "assets/social/contact.png").read_bytes() != before


def test_cards_can_be_switched_off(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("social_cards: true", "social_cards: false"), encoding="utf-8")
    build = run_build(project)
    assert build.result.returncode == 0, build.output
    doc = build.html("index.html")
    assert _meta(doc, "property", "og:image") is None and _meta(doc, "name", "twitter:card") == "summary"
    assert not (build.site / "assets/social").exists()
