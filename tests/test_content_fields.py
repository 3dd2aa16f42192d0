"""Where every field of a news item and an event shows on the built site.

Adding a field to a content kind starts in hooks/cluster_site/content/models.py. This test then
fails and says where else the field must reach: its page (theme/news_item.html, event.html),
the news feeds or the events calendar (outputs/feeds.py), the structured data (outputs/structured.py),
the listings' teasers (theme/partials/cluster-macros.html); the schema follows from the model
(`make schema`, tests/test_editor_tools.py). Write the field into FIELDS below with the outputs
that show it (or why none does), and one item below with a value for it.
"""

from __future__ import annotations

import json

import pytest
from PIL import Image

from cluster_site.content.models import EventFrontMatter, NewsFrontMatter
from conftest import run_build

# Keys without dates, so that a date found on a page is the field, not part of a link.
NEWS_KEY, EVENT_KEY = "feldmeldung", "feldtermin"

NEWS = f"""---
title: Feldtitel Meldung
date: 2026-11-02
summary: Feldzusammenfassung der Meldung.
tags: [wasserstoff]
image:
  src: assets/feldbild.png
  alt: Feldbild Beschreibung
  credit: Feldbild Urheberin
source:
  name: Feldquelle Verlag
  url: https://example.org/feldquelle
own_part: Feldbeitrag des Clusters
id: feldalt-meldung
aliases: [feldalte-adresse-meldung]
updated: 2026-11-05
event: {EVENT_KEY}
note: Feldnotiz intern Meldung
---

Text der Meldung.
"""

EVENT = f"""---
title: Feldtitel Termin
start: 2026-12-03 10:00
end: 2026-12-03 12:30
location:
  venue: Feldhaus Saal
  city: Feldstadt
  address: Feldweg 17
online: true
join_url: https://example.org/feldkonferenz
status: postponed
organizer: Feldveranstalter GmbH
url: https://example.org/feldanmeldung
summary: Feldzusammenfassung des Termins.
tags: [europa]
image:
  src: assets/feldbild.png
  alt: Feldbild Termin
  credit: Feldbild Fotograf
news: {NEWS_KEY}
id: feldalt-termin
aliases: [feldalte-adresse-termin]
note: Feldnotiz intern Termin
---

Text des Termins.
"""

# field -> {output: text that must appear there}, or the reason no output shows it.
# Outputs: "page" (the item's page), "listing" (its teaser in the news or events listing),
# "feed" (the Atom feed), "calendar" (events.ics), "structured" (JSON-LD on its page),
# "redirect" (the pages at the item's old addresses).
FIELDS: dict[str, dict[str, dict[str, str] | str]] = {
    "news": {
        "title": {"page": "Feldtitel Meldung", "listing": "Feldtitel Meldung", "feed": "Feldtitel Meldung", "structured": "Feldtitel Meldung"},
        "date": {"page": "2026-11-02", "listing": "2026-11-02", "feed": "2026-11-02", "structured": "2026-11-02"},
        "summary": {"page": "Feldzusammenfassung der Meldung.", "listing": "Feldzusammenfassung der Meldung.",
                    "feed": "Feldzusammenfassung der Meldung.", "structured": "Feldzusammenfassung der Meldung."},
        "tags": {"page": "Wasserstoff", "listing": "Wasserstoff", "feed": "Wasserstoff", "structured": "Wasserstoff"},
        "image": {"page": "Feldbild Urheberin", "structured": "assets/pictures/feldbild-"},
        "source": {"page": "Feldquelle Verlag", "listing": "Aus dem Netzwerk", "structured": "Feldquelle Verlag"},
        "own_part": {"page": "Feldbeitrag des Clusters"},
        "date_of": "labels the date as the event's instead of a publication (tests/test_truthful_pages.py)",
        "draft": "decides whether the item is published at all (tests/test_listings.py)",
        "id": {"feed": "news/feldalt-meldung/de"},
        "aliases": {"redirect": "feldmeldung.html"},
        "updated": {"page": "5. November 2026", "feed": "2026-11-05", "structured": "2026-11-05"},
        "event": {"page": f"events/{EVENT_KEY}.html"},
        "note": "for the editors only: never on the site (checked below)",
        "translation_of": "for `cluster-site translations` only (tests/test_editor_tools.py)",
    },
    "events": {
        "title": {"page": "Feldtitel Termin", "listing": "Feldtitel Termin", "calendar": "Feldtitel Termin", "structured": "Feldtitel Termin"},
        "start": {"page": "2026-12-03T10:00", "listing": "2026-12-03T10:00", "calendar": "20261203T100000", "structured": "2026-12-03T10:00"},
        "end": {"page": "12:30", "calendar": "20261203T123000", "structured": "2026-12-03T12:30"},
        "location": {"page": "Feldweg 17", "listing": "Feldstadt", "calendar": "Feldhaus Saal", "structured": "Feldweg 17"},
        "online": {"page": "Online", "listing": "Online", "calendar": "Online", "structured": "VirtualLocation"},
        "join_url": {"page": "https://example.org/feldkonferenz", "calendar": "CONFERENCE;FEATURE=VIDEO;VALUE=URI:https://example.org/feldkonferenz",
                     "structured": "https://example.org/feldkonferenz"},
        "status": {"page": "Verschoben", "listing": "Verschoben", "calendar": "STATUS:TENTATIVE", "structured": "EventPostponed"},
        "organizer": {"page": "Feldveranstalter GmbH", "calendar": "Feldveranstalter GmbH", "structured": "Feldveranstalter GmbH"},
        "url": {"page": "https://example.org/feldanmeldung"},  # structured data: the online place only without a join_url
        "summary": {"page": "Feldzusammenfassung des Termins.", "listing": "Feldzusammenfassung des Termins.",
                    "calendar": "Feldzusammenfassung des Termins.", "structured": "Feldzusammenfassung des Termins."},
        "tags": {"page": "Europa", "listing": "Europa", "calendar": "Europa"},
        "news": {"page": f"news/{NEWS_KEY}.html"},
        "image": {"page": "Feldbild Fotograf", "structured": "assets/pictures/feldbild-"},
        "draft": "decides whether the item is published at all (tests/test_listings.py)",
        "id": {"calendar": "UID:feldalt-termin.de@"},
        "aliases": {"redirect": "feldtermin.html"},
        "note": "for the editors only: never on the site (checked below)",
        "translation_of": "for `cluster-site translations` only (tests/test_editor_tools.py)",
    },
}
MODELS = {"news": NewsFrontMatter, "events": EventFrontMatter}


@pytest.mark.parametrize("kind", list(MODELS))
def test_every_field_says_where_it_shows(kind):
    fields = list(MODELS[kind].model_fields)
    undecided = [name for name in fields if name not in FIELDS[kind]]
    assert not undecided, (f"{MODELS[kind].__name__} has new fields {undecided}: show them where a reader expects them "
                           "and list them in FIELDS (see this file's docstring)")
    assert [name for name in FIELDS[kind] if name not in fields] == []  # no field listed that the model lost


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("fields"))
    Image.new("RGB", (400, 300), "#336699").save(project / "docs/assets/feldbild.png")
    (project / f"content/news/{NEWS_KEY}.de.md").write_text(NEWS, encoding="utf-8")
    (project / f"content/events/{EVENT_KEY}.de.md").write_text(EVENT, encoding="utf-8")
    build = run_build(project)  # the build date (conftest.EPOCH) is 2026-11-21: the event is upcoming
    assert build.result.returncode == 0, build.output[-3000:]
    return build


def _outputs(build, kind: str) -> dict[str, str]:
    key = NEWS_KEY if kind == "news" else EVENT_KEY
    page = build.html(f"{kind}/{key}.html")
    listing = build.html("news.html" if kind == "news" else "events.html")
    teaser = next(article for article in listing.cssselect("article.cluster-teaser")
                  if article.xpath(f".//a[contains(@href, '{key}')]"))

    def text_and_links(element) -> str:
        return " ".join([element.text_content()] + element.xpath(".//@href | .//@src | .//@datetime"))

    return {
        "page": text_and_links(page.cssselect("#main")[0]),
        "listing": text_and_links(teaser),
        "feed": (build.site / "feeds/news.atom.xml").read_text(encoding="utf-8"),
        "calendar": (build.site / "feeds/events.ics").read_text(encoding="utf-8").replace("\n ", ""),  # lines unfolded
        "redirect": " ".join(build.html(f"{kind}/feldalte-adresse-{'meldung' if kind == 'news' else 'termin'}.html").xpath("//a/@href")),
        "structured": json.dumps([json.loads(script.text) for script in page.xpath("//script[@type='application/ld+json']")],
                                 ensure_ascii=False),
    }


@pytest.mark.parametrize("kind", list(MODELS))
def test_each_field_shows_where_it_says(built, kind):
    outputs = _outputs(built, kind)
    missing = [f"{name} in {output}: {text!r}" for name, where in FIELDS[kind].items() if isinstance(where, dict)
               for output, text in where.items() if text not in outputs[output]]
    assert missing == []


def test_notes_for_editors_never_reach_the_site(built):
    for file in built.site.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".xml", ".ics", ".json", ".txt"):
            assert "Feldnotiz" not in file.read_text(encoding="utf-8", errors="replace"), file
