"""The texts `cluster-site new` writes for an editor to replace. One list for the scaffold that
writes them and the check that refuses to publish them (a draft may keep them)."""

from __future__ import annotations

import functools

NEWS_SUMMARY = {"de": "Ein bis zwei Sätze für Übersichten, Feeds und Suchmaschinen.",
                "en": "One or two sentences for listings, feeds and search engines."}
NEWS_BODY = {"de": "Text der Meldung in Markdown. Zwischenüberschriften mit „## “, Links auf andere Seiten als .md-Datei, z. B. [Mitglieder](../members.md).",
             "en": "The text of the item in Markdown (translation of the German file)."}
EVENT_SUMMARY = {"de": "Ein bis zwei Sätze für Übersichten und den Kalender.",
                 "en": "One or two sentences for listings and the calendar."}
EVENT_BODY = {"de": "Beschreibung der Veranstaltung in Markdown: Programm, Zielgruppe, Anmeldung.",
              "en": "Description of the event in Markdown (translation of the German file)."}
MEMBER_DESCRIPTION = {"de": "Ein bis drei Sätze, was die Einrichtung zum Cluster beiträgt.",
                      "en": "One to three sentences on what the institution contributes."}

ALL = tuple(text for texts in (NEWS_SUMMARY, NEWS_BODY, EVENT_SUMMARY, EVENT_BODY, MEMBER_DESCRIPTION)
            for text in texts.values())


def found_in(text: str | None) -> bool:
    """Whether `text` still holds a placeholder (a sentence of it is enough)."""
    return bool(text) and _found_in(text)


@functools.lru_cache(maxsize=65536)  # each text searched once per process: the live preview checks all on each edit
def _found_in(text: str) -> bool:
    return any(placeholder in text for placeholder in ALL)
