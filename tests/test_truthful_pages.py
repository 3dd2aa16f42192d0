"""Pages that tell the truth (issue 17): the accessibility statement lists what the build knows
is not yet accessible, facts about members come with a public source, proper names stay as
they are in every language."""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT, run_build

NO_LIMITATIONS = {"": "Es sind keine Einschränkungen bekannt.", "en/": "No limitations are known."}


def _limitations(build, prefix: str) -> list[str]:
    page = build.html(prefix + "accessibility.html")
    return [" ".join(li.text_content().split()) for li in page.cssselect("#main li")]


def test_statement_names_the_gaps_the_build_knows(site):
    for prefix, video, easy in (("", "Gebärdensprache", "Leichter Sprache"), ("en/", "Sign Language", "Easy-to-read German")):
        limitations = _limitations(site, prefix)
        assert any(video in item for item in limitations) and any(easy in item for item in limitations), limitations
        assert NO_LIMITATIONS[prefix] not in site.text(prefix + "accessibility.html")
    assert "Operator must fill in: content/site.yml" in site.output and "easy_language.reviewed_on" in site.output


def test_gaps_go_when_the_facts_arrive_and_untranslated_items_are_counted(project):
    (project / "docs/assets/dgs").mkdir(parents=True)
    (project / "docs/assets/dgs/video.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    site_yml = project / "content/site.yml"
    text = site_yml.read_text(encoding="utf-8")
    text = text.replace("easy_language:\n  reviewed_on: null", "easy_language:\n  reviewed_on: 2026-11-30")
    text = text.replace("sign_language:\n  video: null", "sign_language:\n  video: assets/dgs/video.mp4")
    site_yml.write_text(text, encoding="utf-8")
    (project / "content/news/2021-09-23-go-cluster-virtuelles-clustertreffen.en.md").unlink()
    build = run_build(project)
    assert build.result.returncode == 0, build.output
    assert _limitations(build, "") == [] and NO_LIMITATIONS[""] in build.text("accessibility.html")
    assert _limitations(build, "en/") == ["Items available in German only: 1. They are shown in that language, with a notice."]
    assert NO_LIMITATIONS["en/"] not in build.text("en/accessibility.html")


def test_every_fact_about_a_member_beyond_the_sources_texts_names_a_public_page():
    for file in sorted((ROOT / "content/members").glob("*.yml")):
        member = yaml.safe_load(file.read_text(encoding="utf-8"))
        if member.get("location") or member.get("kind"):
            assert member.get("sources"), f"{file.name}: location or kind without a public source"


def test_member_cards_claim_no_unsourced_kind_and_name_every_site(site):
    cards = {card.get("id"): " ".join(card.text_content().split()) for card in site.html("members.html").cssselect("#main section.cluster-card")}
    assert "Öffentliche Einrichtung" not in cards["kei"] and "Koordinierungsstelle" in cards["kei"]
    assert "Cottbus, Zittau, Bochum" in cards["fraunhofer-ieg"] and "Cottbus, Zittau" in cards["dlr-di"]


def test_proper_names_stay_as_they_are_in_english(site):
    about = site.html("en/about.html")
    names = [" ".join(span.text_content().split()) for span in about.xpath("//*[@lang='de']")]
    assert "2. Lausitzer Fachkonferenz – Klimaneutrale Industrie" in names
    assert "Lusatian Expert Conference" not in site.text("en/about.html")


DUESSELDORF = "news/2023-11-09-clusters-meet-regions-duesseldorf.html"
JAHRESTREFFEN = "news/2022-10-21-go-cluster-jahrestreffen.html"


def test_a_date_the_source_does_not_give_is_not_shown_as_a_publication_date(site):
    import json

    for prefix, label, wrong in (("", "Datum der Veranstaltung: 8.–9. November 2023", "Veröffentlicht"),
                                 ("en/", "Date of the event: 8–9 November 2023", "Published")):
        meta = " ".join(site.html(prefix + DUESSELDORF).cssselect("#main .cluster-meta")[0].text_content().split())
        assert meta.startswith(label) and wrong not in meta, meta
        listing = site.text(prefix + "news.html")
        assert label in listing
        data = json.loads(site.html(prefix + DUESSELDORF).xpath("//script[@type='application/ld+json']")[0].text)
        # The text is the site's summary: the source's organisation publishes what it is based
        # on and is not its author.
        assert "datePublished" not in data and "author" not in data
        assert data["isBasedOn"]["url"].startswith("https://") and data["isBasedOn"]["publisher"]["name"]
    assert "Veröffentlicht am 21. Oktober 2022" in site.text(JAHRESTREFFEN)  # a real publication date stays one


def test_reports_by_others_say_so_name_their_source_and_the_clusters_part(site):
    for prefix, network, part in (("", "Aus dem Netzwerk", "Beitrag des Clusters:"), ("en/", "From the network", "The cluster's contribution:")):
        page = site.html(prefix + JAHRESTREFFEN)
        assert page.cssselect("#main .cluster-kind")[0].text_content().strip() == network
        source = page.cssselect("#main .cluster-meta a[href^='https://www.clusterplattform.de/']")
        assert source and "go-cluster" in source[0].text_content()
        assert page.cssselect("#main .cluster-own-part")[0].text_content().strip().startswith(part)
        teasers = site.html(prefix + "news.html").cssselect("article.cluster-teaser")
        assert teasers and all(network in t.text_content() for t in teasers)  # all three are reports by others


def test_co2_is_written_with_its_subscript_in_pages_feeds_and_calendars(site):
    import re

    texts = [p for p in site.site.rglob("*") if p.suffix in (".html", ".xml", ".ics", ".json") and "pagefind" not in p.parts]
    assert len(texts) > 60
    for file in texts:
        text = re.sub(r"https?://\S+", "", file.read_text(encoding="utf-8"))  # addresses keep what their owners chose
        assert not re.search(r"\bCO2\b", text), file.relative_to(site.site)


def test_contact_page_names_what_is_missing_once_and_always_offers_a_way_to_reach_someone(site, project):
    office_site = yaml.safe_load((ROOT / "content/members/kei.yml").read_text(encoding="utf-8"))["website"]
    for prefix, email in (("", "E-Mail"), ("en/", "E-mail")):
        notice = site.html(prefix + "contact.html").cssselect("#main .cluster-pending")
        assert len(notice) == 1 and email in notice[0].text_content()
        assert notice[0].cssselect(f"a[href='{office_site}']")
    site_yml = project / "content/site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace("contact:\n  email: null", "contact:\n  email: cdi@example.org"),
                        encoding="utf-8")
    build = run_build(project)
    assert build.result.returncode == 0, build.output
    page = build.html("contact.html")
    assert page.cssselect("#main dl a[href='mailto:cdi@example.org']")
    assert "E-Mail" not in page.cssselect("#main .cluster-pending")[0].text_content()  # phone and address still missing


@pytest.mark.parametrize("page", ["contact.html", "imprint.html", "privacy.html", "accessibility.html"])
def test_operator_pages_name_missing_facts_once_not_as_badges(site, page):
    for prefix in ("", "en/"):
        doc = site.html(prefix + page)
        notices = doc.cssselect("#main .cluster-pending")
        assert len(notices) == 1, (prefix, page)  # every one of these pages still misses a fact today
        badges = doc.cssselect("#main .cluster-missing")
        assert badges and all(badge.getparent().getparent() is notices[0] for badge in badges)


def test_one_form_of_gender_inclusive_german(site):
    """The site writes pairs ("Expertinnen und Experten") or neutral forms ("Teilnehmende"), never
    a star, colon, underscore or capital I inside a word (Leichte Sprache forbids them too)."""
    import re

    pages = [p for p in site.site.rglob("*.html") if "pagefind" not in p.parts and not p.relative_to(site.site).parts[0] == "en"]
    for page in pages:
        text = site.text(page.relative_to(site.site).as_posix())
        found = re.findall(r"\w+(?:[*:_·]in(?:nen)?|Innen)\b", text)
        assert not found, (page.name, found)


SEPTEMBER_2021 = ("news/2021-09-23-go-cluster-virtuelles-clustertreffen.html", "events/2021-09-16-go-cluster-virtuelles-clustertreffen.html")


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_pages_claim_no_more_than_the_sources_say(site, prefix):
    """Second look (issue 35): sentences that said more than any source are gone or corrected."""
    german = prefix == ""
    # The privacy page: the editing page stores a login in the editor's browser and talks to GitHub;
    # while the host is unknown, no legal basis and no server logs are stated as facts.
    privacy = site.text(prefix + "privacy.html")
    assert "/admin/" in privacy and "GitHub" in privacy
    assert ("Zugriffstoken" if german else "access token") in privacy
    assert "Art. 6" not in privacy and ("speichert Server-Protokolle" not in privacy if german else "stores server logs" not in privacy)
    # No video in German Sign Language is said to be on its way.
    sign = site.text(prefix + "sign-language.html")
    assert ("noch kein Video" if german else "no video in German Sign Language yet") in sign
    assert not any(word in sign for word in ("vorbereitet", "in Arbeit", "being prepared", "in preparation"))
    # The accessibility statement speaks of the site, not of an unnamed operator's efforts.
    assert not any(word in site.text(prefix + "accessibility.html") for word in ("bemüht", "strives"))
    # The topic pages present the states' strategy presentation without tying the CDI to it.
    topic = site.text(prefix + "topics/energie.html")
    assert ("undatiert" if german else "undated") in topic
    assert not any(words in topic for words in ("in der das CDI arbeitet", "within which the CDI works"))
    # Düsseldorf: NRW.innovativ was no co-host.
    assert "together with NRW.innovativ" not in site.text(prefix + DUESSELDORF)
    # The go-cluster meeting of September 2021 came before the cluster: said on its pages and in the listings.
    before = "vor der Gründung des CDI" if german else "before the CDI was founded"
    for path in SEPTEMBER_2021:
        assert before in site.text(prefix + path), path
    assert before in site.text(prefix + "news/2021.html") and before in site.text(prefix + "events/2021.html")
    # The easy-language page promises no way of reporting a problem that the site does not give.
    if german:
        easy = " ".join(site.text("leichte-sprache.html").split())
        assert "Wie können Sie uns ein Problem melden?" not in easy and "Wer hilft Ihnen" not in easy
        assert "Dort steht noch nicht: Wie Sie uns ein Problem melden können." in easy
