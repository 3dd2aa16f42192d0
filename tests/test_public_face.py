"""The cluster's public face: identity from content, the home page, header and footer (issue 16).

Read from the built HTML; the browser tests (test_browser.py) check the same pages at 320 and
375 px, the header search and the mobile tabs.
"""

from __future__ import annotations

import re

import yaml

from conftest import ROOT, run_build

PREFIX = {"de": "", "en": "en/"}


def _content(name: str) -> dict:
    return yaml.safe_load((ROOT / "content" / name).read_text(encoding="utf-8"))


def test_logo_favicon_and_colours_come_from_the_brand_block(site):
    brand = _content("site.yml")["brand"]
    for prefix in ("", "en/"):
        doc = site.html(prefix + "index.html")
        up = "../" if prefix else ""
        assert doc.xpath("//link[@rel='icon']/@href") == [up + brand["favicon"]]
        assert doc.cssselect(".cluster-brand img")[0].get("src") == up + brand["logo"]
        assert up + "assets/brand.css" in doc.xpath("//link[@rel='stylesheet']/@href")
    css = (site.site / "assets/brand.css").read_text(encoding="utf-8")
    assert f"--md-primary-fg-color: {brand['primary']};" in css and f"--cluster-accent: {brand['accent']};" in css


def test_another_cluster_changes_its_look_in_content_only(project):
    site_yml = project / "content/site.yml"
    text = site_yml.read_text(encoding="utf-8").replace('primary: "#0b5a3c"', 'primary: "#6b1d4f"')
    site_yml.write_text(text, encoding="utf-8")
    build = run_build(project)
    assert build.result.returncode == 0, build.output
    assert "--md-primary-fg-color: #6b1d4f;" in (build.site / "assets/brand.css").read_text(encoding="utf-8")
    assert "#0b5a3c" not in (build.site / "assets/brand.css").read_text(encoding="utf-8")


def test_home_page_says_what_the_cluster_is_and_what_to_do_next(site):
    site_yml, offers = _content("site.yml"), _content("offers.yml")["offers"]
    members = sorted(p.stem for p in (ROOT / "content/members").glob("*.yml"))
    for lang, prefix in PREFIX.items():
        doc = site.html(prefix + "index.html")
        hero = doc.cssselect(".cluster-hero")[0]
        assert hero.cssselect("h1")[0].text_content().strip() == site_yml["name"][lang]
        assert site_yml["tagline"][lang] in hero.text_content()
        actions = [a.get("href") for a in hero.cssselect(".cluster-hero__actions a")]
        assert actions == ["get-involved.html", "events.html"], actions
        # The page says the goal year once, not in every paragraph.
        assert doc.cssselect("#main")[0].text_content().count(str(site_yml["goal_year"])) == 1
        cards = doc.cssselect("#home-offers ~ .cluster-offer-cards li")
        assert len(cards) == len(offers) and all(card.cssselect(".cluster-icon svg") for card in cards)
        member_cards = doc.cssselect(".cluster-member-card")
        assert len(member_cards) == len(members)
        assert all(card.cssselect("a[href^='https://']") for card in member_cards), "each member links to its website"
        assert not doc.cssselect(".cluster-mark"), "members are named, not shown as initials"
        assert doc.cssselect(".cluster-event-card .cluster-date-badge"), "events (next or latest) with a date badge"


def test_get_involved_page_is_in_both_languages_and_linked_from_every_header(site):
    offers = _content("offers.yml")["offers"]
    for lang, prefix in PREFIX.items():
        doc = site.html(prefix + "get-involved.html")
        assert doc.get("lang") == lang
        assert len(doc.cssselect(".cluster-offer-card")) == len(offers)
        assert doc.cssselect("#main a[href$='contact.html']")
        for page in ("index.html", "news.html", "topics/energie.html", "404.html"):
            header = site.html(prefix + page).cssselect("header")[0]
            assert any(a.get("href").endswith("get-involved.html") for a in header.cssselect("a.cluster-cta")), page


def test_header_has_search_languages_and_accessibility_links_and_no_generic_texts(site):
    for lang, prefix in PREFIX.items():
        doc = site.html(prefix + "about.html")
        header = doc.cssselect("header")[0]
        form = header.cssselect("form[role='search']")[0]
        assert form.get("method") == "get" and form.get("action").endswith("search.html")
        field = form.cssselect("input[type='search'][name='q']")[0]
        assert form.cssselect(f"label[for='{field.get('id')}']"), "the field has a label"
        assert [a.get("hreflang") for a in header.cssselect(".cluster-languages a")] == ["de", "en"]
        assert header.cssselect(f".cluster-languages a[hreflang='{lang}'][aria-current]")
        assert len(header.cssselect(".cluster-service__access a svg")) == 2
        text = doc.text_content()
        assert "Made with" not in text and "Material for MkDocs" not in text
        assert not re.search(r'lang=""', (site.site / (prefix + "members.html")).read_text(encoding="utf-8"))
        assert not doc.cssselect("#__drawer, #__search, label[for='__drawer']")
