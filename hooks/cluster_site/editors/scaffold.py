"""`cluster-site new news|event|member "Titel"`: start a content file that already passes the check.

Every field of the model is in the file: required ones with a placeholder, optional ones
commented out with an example. New files are drafts (`draft: true`), so nothing half-written
is published; the editor removes that line when the text is ready.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from ..content import Languages, placeholders
from .schema import header_for

UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}


def slugify(title: str, max_length: int = 60) -> str:
    """'Größe & Maß: Wärme-Tag 2026' -> 'groesse-mass-waerme-tag-2026' (German transliteration)."""
    text = "".join(UMLAUTS.get(ch, ch) for ch in title)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "eintrag"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _news(title: str, day: dt.date) -> str:
    return f"""---
# Neue Meldung. Jedes Feld ist erklärt in CONTRIBUTING.md und schemas/news.schema.json.
title: {_quote(title)}
date: {day.isoformat()}  # JJJJ-MM-TT; liegt das Datum in der Zukunft, erscheint die Meldung erst an diesem Tag
# date_of: event  # nur wenn die Quelle kein Veröffentlichungsdatum nennt: date ist dann der Tag der Veranstaltung
summary: "{placeholders.NEWS_SUMMARY['de']}"
tags: []  # Schlagwörter aus content/tags.yml, z. B. [netzwerk, transformation]
# image:  # ein Foto (JPEG, PNG, WebP) unter docs/; die Website zeigt es in passenden Größen
#   src: assets/news/bild.jpg
#   alt: Was auf dem Bild zu sehen ist
#   caption: Bildunterschrift
#   credit: Urheberin oder Urheber  # Pflicht: nur Bilder mit geklärten Rechten
#   licence: CC BY 4.0
# source:  # bei Berichten anderer: wer berichtet hat (die Website zeigt „Aus dem Netzwerk“)
#   name: Herausgeber
#   url: https://www.example.org/bericht
# own_part: Was das Cluster selbst beigetragen hat, ein Satz
# updated: {day.isoformat()}  # nur nach einer wesentlichen Änderung
# event: 2026-03-04-jahrestreffen  # Kennung einer Veranstaltung in content/events/
# note: Interne Notiz, erscheint nicht auf der Website
# id: alte-kennung  # nur nach Umbenennen der Datei: die alte Kennung, damit Feeds den Eintrag wiedererkennen
# aliases: [alte-kennung]  # nur nach Umbenennen der Datei: die alte Adresse leitet hierher weiter
draft: true  # diese Zeile löschen, wenn die Meldung erscheinen soll
---

{placeholders.NEWS_BODY['de']}
"""


def _event(title: str, day: dt.date) -> str:
    return f"""---
# Neue Veranstaltung. Jedes Feld ist erklärt in CONTRIBUTING.md und schemas/event.schema.json.
title: {_quote(title)}
start: {day.isoformat()}  # JJJJ-MM-TT (ganztägig) oder JJJJ-MM-TT HH:MM (Uhrzeit in Berlin)
# end: {day.isoformat()}  # Ende in derselben Form wie start; bei mehrtägigen Veranstaltungen der letzte Tag
# location:  # Ort; oder online: true; oder beides
#   venue: Name des Hauses
#   address: Straße 1
#   city: Musterstadt
#   geo: {{lat: 50.1, lon: 8.7}}  # Koordinaten, wenn bekannt
online: true  # false, wenn man nicht online teilnehmen kann (dann location angeben)
# join_url: https://www.example.org/konferenzraum  # Link zur Online-Teilnahme, steht auch im Kalender
# status: cancelled  # nur bei Absage (cancelled) oder Verschiebung (postponed); die Veranstaltung bleibt sichtbar
# organizer: Wer veranstaltet
# url: https://www.example.org/anmeldung  # Anmeldung oder weitere Informationen
summary: "{placeholders.EVENT_SUMMARY['de']}"
tags: []  # Schlagwörter aus content/tags.yml
# image:  # ein Foto (JPEG, PNG, WebP) unter docs/, mit Alternativtext und Urheber
#   src: assets/events/bild.jpg
#   alt: Was auf dem Bild zu sehen ist
#   credit: Urheberin oder Urheber
# news: 2026-03-05-jahrestreffen  # Kennung der Meldung, die später darüber berichtet
# note: Interne Notiz, erscheint nicht auf der Website
# id: alte-kennung  # nur nach Umbenennen der Datei: die alte Kennung, damit Kalender den Termin wiedererkennen
# aliases: [alte-kennung]  # nur nach Umbenennen der Datei: die alte Adresse leitet hierher weiter
draft: true  # diese Zeile löschen, wenn die Veranstaltung erscheinen soll
---

{placeholders.EVENT_BODY['de']}
"""


def _member(title: str, languages: Languages) -> str:
    others = [code for code in languages.codes if code != languages.default]
    def localized(text_default: str, text_other: str) -> str:
        lines = [f"  {languages.default}: {_quote(text_default)}"] + [f"  # {code}: {_quote(text_other)}" for code in others]
        return "\n".join(lines)
    return f"""{header_for('members/x.yml')}
# Neues Mitglied. Jedes Feld ist erklärt in CONTRIBUTING.md und schemas/member.schema.json.
name:
{localized(title, 'Name in this language')}
short_name: {_quote(title.split()[0] if title.split() else title)}  # Kurzname oder Abkürzung, z. B. TU
# kind: university  # university, research_institute, public_agency, company oder association; nur, wenn eine Quelle es sagt
role: member  # founding_member, member oder partner
# location: Musterstadt  # Standorte, mit Quelle unter sources
description:
{localized(placeholders.MEMBER_DESCRIPTION['de'], placeholders.MEMBER_DESCRIPTION['en'])}
# website: https://www.example.org
# logo: assets/members/logo.svg  # Datei unter docs/; dann ist logo_alt Pflicht
# logo_alt:
#   {languages.default}: Logo von …
# image:  # ein Foto (JPEG, PNG, WebP) unter docs/, Alternativtext in jeder Sprache
#   src: assets/members/bild.jpg
#   alt:
#     {languages.default}: Was auf dem Bild zu sehen ist
#   credit: Urheberin oder Urheber
order: 100  # Reihenfolge auf der Mitgliederseite (kleiner = weiter oben)
# sources: [https://www.example.org/ueber-uns]  # öffentliche Quellen der Angaben
draft: true  # diese Zeile löschen, wenn das Mitglied erscheinen soll
"""


def _translation(kind: str, title: str, day: dt.date, original: str) -> str:
    """A translation's file: only what is translated, with English comments (the editor
    translating may not read German); the other fields come from the original (`original`)."""
    if kind == "news":
        when, summary, body = f"date: {day.isoformat()}  # as in the original", placeholders.NEWS_SUMMARY["en"], placeholders.NEWS_BODY["en"]
    else:
        when, summary, body = (f"start: {day.isoformat()}  # as in the original; also end, location or online, url\n"
                               "online: true  # as in the original"), placeholders.EVENT_SUMMARY["en"], placeholders.EVENT_BODY["en"]
    return f"""---
# Translation of {original}: translate the title, the summary and the text below.
# Dates and tags as in the original; every field is explained in CONTRIBUTING.en.md.
title: {_quote(title)}  # translate (a proper name stays as it is)
{when}
summary: "{summary}"
tags: []  # the same tags as the original
# translation_of: set by `cluster-site translations --done <file>` when the translation is done
draft: true  # delete this line when the {'item' if kind == 'news' else 'event'} should appear
---

{body}
"""


def create(root: Path, kind: str, title: str, languages: Languages, today: dt.date) -> list[Path]:
    """Write the new files; raise FileExistsError rather than overwrite anything."""
    content = root / "content"
    if kind == "member":
        files = {content / "members" / f"{slugify(title)}.yml": _member(title, languages)}
    else:
        slug = f"{today.isoformat()}-{slugify(title)}"
        folder = content / ("news" if kind == "news" else "events")
        make = _news if kind == "news" else _event
        original = folder / f"{slug}.{languages.default}.md"
        files = {original: make(title, today)}
        for code in languages.codes[1:]:
            files[folder / f"{slug}.{code}.md"] = _translation(kind, title, today, original.relative_to(root).as_posix())
    existing = [path for path in files if path.exists()]
    if existing:
        raise FileExistsError(", ".join(str(p.relative_to(root)) for p in existing))
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)
