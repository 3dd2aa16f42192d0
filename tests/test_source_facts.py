"""The facts of the source texts (../shared/seeds/, see its README) that the site must show, per
language (issue 17). Each entry: a page and words that must be on it; the words are our own
wording of the source's fact, so a rewording that drops the fact fails here."""

from __future__ import annotations

import pytest

FACTS = {
    # seed 002: the strategy presentation for Lusatia
    "topics.html": {
        "de": ["Industrie, Tourismus und Landwirtschaft in Einklang", "Bausteine der Strategie", "Raum- und Stadtentwicklung",
               "kurz-, mittel- und langfristigen Umsetzungsstrategie", "„kurze Wege“", "wenige, erfolgversprechende Cluster",
               "Beteiligung der Zivilgesellschaft", "Bundesinstitut für Strukturwandel", "EIN Revier – EIN Konzept",
               "Polen und Tschechien"],
        "en": ["industry, tourism and agriculture into harmony", "Building blocks of the strategy", "spatial and urban development",
               "short-, medium- and long-term implementation strategy", "short lines of communication", "a few promising clusters",
               "participation of civil society", "federal institute for structural change", "EIN Revier – EIN Konzept",
               "Poland and the Czech Republic"],
    },
    # seed 001: the panel discussions
    "news/2023-11-09-clusters-meet-regions-duesseldorf.html": {
        "de": ["Wirtschaft Nordrhein-Westfalens", "Rolle der Cluster in den aktuellen Krisen", "Gesetzgebung"],
        "en": ["economy of North Rhine-Westphalia", "role of clusters in the current crises", "legislation"],
    },
    # seed 003: Büttner's talk has its own place, before the award
    "news/2021-09-23-go-cluster-virtuelles-clustertreffen.html": {
        "de": ["Stefan Büttner", "ClusterERFOLG 2021"],
        "en": ["Stefan Büttner", "ClusterERFOLG 2021"],
    },
    # seed 004: the CDI's own part
    "news/2022-10-21-go-cluster-jahrestreffen.html": {
        "de": ["Andreas Findeisen", "One-Stop-Shop"],
        "en": ["Andreas Findeisen", "one-stop shop"],
    },
    # seed 000: founding and members
    "about.html": {
        "de": ["November 2021", "Cottbus", "Koordinierungsstelle"],
        "en": ["November 2021", "Cottbus", "coordination office"],
    },
}


@pytest.mark.parametrize("page, lang", [(page, lang) for page in FACTS for lang in ("de", "en")])
def test_the_site_shows_the_sources_facts(site, page, lang):
    text = site.text(("en/" if lang == "en" else "") + page)
    missing = [fact for fact in FACTS[page][lang] if fact not in text]
    assert not missing, missing


def test_buettners_talk_is_not_under_the_award_heading(site):
    for prefix in ("", "en/"):
        page = site.html(prefix + "news/2021-09-23-go-cluster-virtuelles-clustertreffen.html")
        headings = [h.text_content() for h in page.cssselect("#main h2")]
        award = headings.index("ClusterERFOLG 2021")
        talk = page.xpath("//p[contains(., 'Stefan Büttner')]/preceding-sibling::h2[1]")[0].text_content()
        assert talk != "ClusterERFOLG 2021" and headings.index(talk) < award
