"""The shipped CDI site: every seed fact, both languages, switcher, hreflang, sitemap, 404."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT, run_build

PAGES = ["index.html", "about.html", "members.html", "offers.html", "topics.html", "news.html",
         "events.html", "contact.html", "imprint.html", "privacy.html", "accessibility.html"]
FOUNDERS = {
    "de": ["Brandenburgische Technische Universität", "Institut für CO₂-arme Industrieprozesse",
           "Fraunhofer-Einrichtung für Energieinfrastrukturen und Geothermie",
           "Kompetenzzentrum Klimaschutz in energieintensiven Industrien"],
    "en": ["Brandenburg University of Technology", "Institute of Low-Carbon Industrial Processes",
           "Fraunhofer Research Institution for Energy Infrastructures and Geothermal Systems",
           "Competence Centre for Climate Change Mitigation in Energy-Intensive Industries"],
}
OFFERS = {
    "de": ["Netzwerkaufbau", "Konferenzen, Fachveranstaltungen und Kongresse", "gemeinsame Forschungsprojekte",
           "Sichtbarkeit der Cluster-Kompetenzen", "Qualifizierung und Fachkräftesicherung"],
    "en": ["Building the network", "Conferences, expert events and congresses", "joint research projects",
           "Visibility of the cluster's expertise", "Training and securing skilled workers"],
}
PREFIX = {"de": "", "en": "en/"}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_page_exists_in_both_languages_with_its_lang(site, lang, page):
    doc = site.html(PREFIX[lang] + page)
    assert doc.get("lang") == lang
    assert doc.findtext(".//title").strip()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_founders_on_members_and_about_pages(site, lang):
    members = site.text(PREFIX[lang] + "members.html")
    about = site.text(PREFIX[lang] + "about.html")
    for name in FOUNDERS[lang]:
        assert name in members
        assert name in about
    assert ("November 2021" in about) and ("2045" in about) and ("Cottbus" in about)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_home_page_has_mission_offers_news_events_members(site, lang):
    home = site.text(PREFIX[lang] + "index.html")
    assert "2045" in home
    for offer in OFFERS[lang]:
        assert offer in home
    for short in ("BTU", "DLR", "IEG", "KEI"):
        assert short in home
    # The newest item first; no event is upcoming on the build date, so the archive is offered.
    assert ("Cluster als Katalysatoren" if lang == "de" else "Clusters as catalysts") in home
    assert ("Zurzeit sind keine Termine angekündigt" if lang == "de" else "No dates have been announced") in home


@pytest.mark.parametrize("lang", ["de", "en"])
def test_offers_page_lists_the_five_offers(site, lang):
    doc = site.html(PREFIX[lang] + "offers.html")
    headings = [" ".join(h.text_content().split()) for h in doc.iter("h2")]
    assert len([h for h in headings if any(o in h for o in OFFERS[lang])]) == 5


@pytest.mark.parametrize("lang", ["de", "en"])
def test_topics_overview_and_five_field_pages(site, lang):
    overview = site.text(PREFIX[lang] + "topics.html")
    assert ("nicht das Programm des CDI" if lang == "de" else "not describe the CDI's own programme") in overview
    for slug, word in [("energie", "LCE"), ("mobilitaet", "LCM"), ("biooekonomie", "LCB"),
                       ("gesundheit-tourismus", "LCG"), ("ki-campus", "KI" if lang == "de" else "AI")]:
        page = site.text(f"{PREFIX[lang]}topics/{slug}.html")
        assert word in page
    energy = site.text(f"{PREFIX[lang]}topics/energie.html")
    for heading in (["Trends", "Anknüpfungspunkte", "Handlungsoptionen", "Leitprojekte", "Sofortmaßnahmen"] if lang == "de"
                    else ["Trends", "Starting points", "Options for action", "Lead projects", "Immediate measures"]):
        assert heading in energy
    assert "Jänschwalde" in energy


def test_news_and_events_from_the_seeds_in_both_languages(site):
    for lang, expected in {
        "de": ["20. Oktober 2022", "16. September 2021", "8.–9. November 2023", "Düsseldorf"],
        "en": ["20 October 2022", "16 September 2021", "8–9 November 2023", "Düsseldorf"],
    }.items():
        events = site.text(PREFIX[lang] + "events.html")
        for text in expected:
            assert text in events
    item = site.text("news/2022-10-21-go-cluster-jahrestreffen.html")
    assert "Andreas Findeisen" in item and "One-Stop-Shop" in item and "21. Oktober 2022" in item
    item_en = site.text("en/news/2022-10-21-go-cluster-jahrestreffen.html")
    assert "one-stop shop" in item_en and "21 October 2022" in item_en


def _switcher(site, path):
    doc = site.html(path)
    return {a.get("hreflang"): a.get("href") for a in doc.cssselect(".cluster-languages a")}


@pytest.mark.parametrize("page", PAGES + ["news/2022-10-21-go-cluster-jahrestreffen.html", "topics/energie.html"])
def test_language_switcher_leads_to_the_same_page(site, page):
    from posixpath import dirname, normpath, join
    for lang, other in (("de", "en"), ("en", "de")):
        path = PREFIX[lang] + page
        links = _switcher(site, path)
        target = normpath(join(dirname(path), links[other]))
        assert target == PREFIX[other] + page, (path, links)
        assert (site.site / target).is_file()


def test_every_header_switches_to_its_own_translation(site):
    """The header is rendered once per folder with slots: each page must still get its own language links."""
    from posixpath import dirname, join, normpath

    pages = sorted(p.relative_to(site.site).as_posix() for p in site.public_pages()
                   if not p.relative_to(site.site).as_posix().startswith(("assets/", "pagefind/", "en/pagefind/")))
    assert len(pages) > 70
    for path in pages:
        if path.endswith("404.html"):
            continue  # no page of its own (any address): test_one_404_page_per_language
        doc = site.html(path)
        lang = doc.get("lang")
        links = {a.get("hreflang"): a.get("href") for a in doc.cssselect(".cluster-languages a")}
        assert set(links) == {"de", "en"}, (path, links)
        assert normpath(join(dirname(path), links[lang])) == path, (path, links)
        for other, href in links.items():
            target = site.site / normpath(join(dirname(path), href))
            assert target.is_file() and site.html(target.relative_to(site.site).as_posix()).get("lang") == other, (path, href)


def test_hreflang_alternates_in_head_are_absolute_with_x_default(site):
    doc = site.html("en/members.html")
    alternates = {l.get("hreflang"): l.get("href") for l in doc.xpath("//head/link[@rel='alternate'][@hreflang]")}
    assert alternates == {
        "de": "https://www.cluster-dekarbonisierung.de/members.html",
        "en": "https://www.cluster-dekarbonisierung.de/en/members.html",
        "x-default": "https://www.cluster-dekarbonisierung.de/members.html",
    }


def test_sitemap_lists_every_page_with_alternates(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site.site / "sitemap.xml").getroot()
    urls = {u.findtext("s:loc", namespaces=ns): u for u in root.findall("s:url", ns)}
    base = "https://www.cluster-dekarbonisierung.de/"
    for page in PAGES:
        page_url = "" if page == "index.html" else page
        for lang in ("de", "en"):
            entry = urls[base + PREFIX[lang] + page_url]
            links = {l.get("hreflang"): l.get("href") for l in entry.findall("x:link", ns)}
            assert links == {"de": base + page_url, "en": base + "en/" + page_url, "x-default": base + page_url}
    assert not any("404" in loc for loc in urls)


def test_one_404_page_per_language(site):
    de, en = site.html("404.html"), site.html("en/404.html")
    assert de.get("lang") == "de" and "Seite nicht gefunden" in de.text_content()
    assert en.get("lang") == "en" and "Page not found" in en.text_content()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_footer_has_contact_and_legal_links_on_every_page(site, lang):
    for page in PAGES:
        doc = site.html(PREFIX[lang] + page)
        hrefs = [a.get("href").rsplit("/", 1)[-1] for a in doc.cssselect(".cluster-footer a")]
        assert hrefs == ["contact.html", "get-involved.html", "news.html", "events.html", "subscribe.html", "search.html",
                         "imprint.html", "privacy.html", "accessibility.html", "leichte-sprache.html", "sign-language.html"], page
        assert "Made with" not in doc.text_content()


def test_legal_pages_show_gaps_not_invented_data_and_the_build_names_the_fields(site):
    for prefix in ("", "en/"):
        imprint = site.html(prefix + "imprint.html")
        # The unknown facts are named once, in one notice, with a way to reach the cluster meanwhile.
        notices = imprint.cssselect("#main .cluster-pending")
        assert len(notices) == 1 and len(notices[0].cssselect(".cluster-missing")) >= 5
        assert notices[0].cssselect("a[href^='https://']"), "a partner always has a way to reach someone"
        assert not imprint.cssselect("#main dl .cluster-missing")  # no list of "to follow" badges
    assert "Operator must fill in: content/site.yml:" in site.output
    assert re.search(r"content/site\.yml:\d+: legal\.operator", site.output)


def test_no_third_party_requests_or_material_javascript(site):
    for path in site.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, path
        assert "bundle." not in html, path  # Material's JS would rewrite our switcher links
        assert not re.search(r"<script[^>]+src=\"https?://", html), path
        # No page runs a script but search (structured data is JSON, not run); test_browser.py
        # relies on it to wait only for the load event elsewhere.
        scripts = [tag for tag in re.findall(r"<script\b[^>]*>", html) if 'type="application/ld+json"' not in tag]
        # The editing page runs Decap CMS from the site's own files (tests/test_cms.py); no public page does.
        assert scripts == [] or path.name == "search.html" or path.parent.name == "admin", (path, scripts)


def test_nothing_generated_is_written_into_docs(site):
    built_from = sorted(p.relative_to(site.project).as_posix() for p in (site.project / "docs").rglob("*"))
    in_repository = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").rglob("*"))
    assert built_from == in_repository
    assert (site.site / "members.html").is_file() and not (site.project / "docs/members.de.md").exists()


def test_each_page_is_converted_on_its_own(project):
    # One Markdown converter serves every page of a build (hooks/cluster_site/speed/markdown_render.py):
    # nothing of one page may leak into the next: heading ids, link definitions, the title.
    news = project / "content/news"
    first = ("---\ntitle: Erste Meldung\ndate: 2026-01-05\nsummary: Eins.\n---\n\n"
             "## Ausblick\n\nSiehe [Quelle][q].\n\n[q]: https://example.org/quelle\n")
    second = ("---\ntitle: Zweite Meldung\ndate: 2026-01-06\nsummary: Zwei.\n---\n\n"
              "## Ausblick\n\nOhne Definition: [Quelle][q].\n")
    (news / "2026-01-05-erste.de.md").write_text(first, encoding="utf-8")
    (news / "2026-01-06-zweite.de.md").write_text(second, encoding="utf-8")
    build = run_build(project)
    assert build.result.returncode == 0, build.output
    for key in ("2026-01-05-erste", "2026-01-06-zweite"):
        page = build.html(f"news/{key}.html")
        assert page.xpath("//h2[@id='ausblick']"), key  # not "ausblick_1" on the later page
        toc = page.xpath("//nav[contains(@class, 'md-nav--secondary')]//a/@href")
        assert toc and set(toc) == {"#ausblick"}, (key, toc)  # its own table of contents only
    assert build.html("news/2026-01-05-erste.html").xpath("//a[@href='https://example.org/quelle']")
    later = build.html("news/2026-01-06-zweite.html")
    assert not later.xpath("//a[@href='https://example.org/quelle']") and "[Quelle][q]" in later.text_content()


def test_the_contact_page_does_not_offer_the_site_itself_as_the_clusters_website(site):
    # site.yml's website is this site's own address: "Website: <this site>" on its own contact page
    # would send a visitor to the home page as if it were elsewhere.
    for prefix in ("", "en/"):
        contact = site.html(prefix + "contact.html")
        assert not contact.cssselect('main a[href^="https://www.cluster-dekarbonisierung.de"]')
        assert contact.cssselect("main .cluster-pending a[href^='https://']")  # and still a way to reach the office
