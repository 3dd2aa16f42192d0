"""Problems found in content, written for editors: ``path:line: field: message``.

Messages exist in German (default) and English; the editor picks with ``--lang`` or the
``CLUSTER_SITE_LANG`` environment variable.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass

MESSAGES: dict[str, dict[str, str]] = {
    "missing": {
        "de": "Pflichtfeld fehlt",
        "en": "required field is missing",
    },
    "extra_forbidden": {
        "de": "unbekanntes Feld",
        "en": "unknown field",
    },
    "did_you_mean": {"de": "meinten Sie „{0}“?", "en": "did you mean '{0}'?"},
    "allowed_fields": {"de": "erlaubt sind: {0}", "en": "allowed are: {0}"},
    "string_type": {"de": "Text erwartet", "en": "text expected"},
    "string_too_short": {"de": "darf nicht leer sein", "en": "must not be empty"},
    "string_pattern_mismatch": {
        "de": "nur Kleinbuchstaben, Ziffern und Bindestriche erlaubt (z. B. „go-cluster“)",
        "en": "only lower-case letters, digits and hyphens allowed (e.g. 'go-cluster')",
    },
    "int_type": {"de": "ganze Zahl erwartet", "en": "whole number expected"},
    "int_parsing": {"de": "ganze Zahl erwartet", "en": "whole number expected"},
    "bool_type": {"de": "true oder false erwartet", "en": "true or false expected"},
    "bool_parsing": {"de": "true oder false erwartet", "en": "true or false expected"},
    "list_type": {"de": "Liste erwartet (Zeilen mit „- “)", "en": "list expected (lines starting with '- ')"},
    "dict_type": {"de": "Abschnitt mit Feldern erwartet", "en": "a section with fields expected"},
    "model_type": {"de": "Abschnitt mit Feldern erwartet", "en": "a section with fields expected"},
    "too_short": {"de": "mindestens ein Eintrag nötig", "en": "at least one entry needed"},
    "date": {
        "de": "kein gültiges Datum (erwartet JJJJ-MM-TT, z. B. 2022-10-20)",
        "en": "not a valid date (expected YYYY-MM-DD, e.g. 2022-10-20)",
    },
    "datetime": {
        "de": "kein gültiges Datum oder Datum mit Uhrzeit (erwartet 2022-10-20 oder 2022-10-20 10:00)",
        "en": "not a valid date or date-time (expected 2022-10-20 or 2022-10-20 10:00)",
    },
    "enum": {"de": "ungültiger Wert; erlaubt sind: {0}", "en": "invalid value; allowed are: {0}"},
    "greater_than_equal": {"de": "Zahl zu klein (mindestens {0})", "en": "number too small (at least {0})"},
    "less_than_equal": {"de": "Zahl zu groß (höchstens {0})", "en": "number too large (at most {0})"},
    "url": {
        "de": "keine gültige Webadresse (erwartet https://…)",
        "en": "not a valid web address (expected https://…)",
    },
    "email": {"de": "keine gültige E-Mail-Adresse", "en": "not a valid e-mail address"},
    "unknown_language": {
        "de": "Sprache „{0}“ ist nicht konfiguriert (konfiguriert: {1})",
        "en": "language '{0}' is not configured (configured: {1})",
    },
    "missing_default_language": {
        "de": "der Text in der Hauptsprache „{0}“ fehlt",
        "en": "the text in the default language '{0}' is missing",
    },
    "logo_without_alt": {
        "de": "ein Logo braucht einen Alternativtext (logo_alt)",
        "en": "a logo needs alternative text (logo_alt)",
    },
    "updated_before_date": {
        "de": "„updated“ liegt vor dem Datum der Meldung",
        "en": "'updated' is before the item's date",
    },
    "start_end_mixed": {
        "de": "Beginn und Ende müssen beide ein Datum oder beide Datum mit Uhrzeit sein",
        "en": "start and end must both be dates or both be date-times",
    },
    "end_before_start": {
        "de": "die Veranstaltung endet, bevor sie beginnt",
        "en": "the event ends before it starts",
    },
    "no_place": {
        "de": "Ort fehlt: „location“ angeben oder „online: true“ setzen",
        "en": "no place: give a 'location' or set 'online: true'",
    },
    "yaml": {"de": "YAML-Fehler: {0}", "en": "YAML error: {0}"},
    "not_mapping": {
        "de": "die Datei muss Felder enthalten (name: Wert)",
        "en": "the file must contain fields (name: value)",
    },
    "front_matter_missing": {
        "de": "Kopfdaten fehlen: die Datei muss mit einer Zeile „---“ beginnen, dann die Felder, dann wieder „---“",
        "en": "front matter missing: the file must start with a line '---', then the fields, then '---' again",
    },
    "front_matter_unclosed": {
        "de": "Kopfdaten nicht abgeschlossen: die schließende Zeile „---“ fehlt",
        "en": "front matter not closed: the closing line '---' is missing",
    },
    "not_utf8": {
        "de": "die Datei ist nicht UTF-8-kodiert (im Editor als UTF-8 speichern)",
        "en": "the file is not UTF-8 encoded (save it as UTF-8 in your editor)",
    },
    "bad_file_name": {
        "de": "Dateiname muss „<kennung>.<sprache>.md“ sein, z. B. „2022-10-21-go-cluster.de.md“",
        "en": "file name must be '<key>.<language>.md', e.g. '2022-10-21-go-cluster.de.md'",
    },
    "bad_slug": {
        "de": "Kennung „{0}“ im Dateinamen: nur Kleinbuchstaben, Ziffern und Bindestriche erlaubt",
        "en": "key '{0}' in the file name: only lower-case letters, digits and hyphens allowed",
    },
    "reserved_slug": {
        "de": "Kennung „{0}“ ist für Archivseiten reserviert (weder „page“ noch eine Jahreszahl): bitte z. B. das Datum voranstellen",
        "en": "key '{0}' is reserved for archive pages (neither 'page' nor a year): prefix it, e.g. with the date",
    },
    "unconfigured_language": {
        "de": "Sprachkürzel „{0}“ ist nicht konfiguriert (konfiguriert: {1})",
        "en": "language suffix '{0}' is not configured (configured: {1})",
    },
    "wrong_folder": {
        "de": "Datei gehört nicht in diesen Ordner (erwartet: {0})",
        "en": "file does not belong in this folder (expected: {0})",
    },
    "duplicate": {
        "de": "doppelte Kennung „{0}“ (auch in {1})",
        "en": "duplicate key '{0}' (also in {1})",
    },
    "translation_mismatch": {
        "de": "weicht von der Fassung in {0} ab ({1} ≠ {2}); Übersetzungen müssen dasselbe Datum haben",
        "en": "differs from the version in {0} ({1} ≠ {2}); translations must have the same date",
    },
    "unknown_member": {
        "de": "Mitglied „{0}“ gibt es nicht (vorhanden: {1})",
        "en": "member '{0}' does not exist (available: {1})",
    },
    "unknown_tag": {
        "de": "Schlagwort „{0}“ ist nicht in content/tags.yml angelegt (vorhanden: {1})",
        "en": "tag '{0}' is not defined in content/tags.yml (available: {1})",
    },
    "unknown_ref": {
        "de": "„{0}“ gibt es nicht in {1}",
        "en": "'{0}' does not exist in {1}",
    },
    "missing_image": {
        "de": "Bild „{0}“ gibt es nicht (Bilder liegen unter docs/)",
        "en": "image '{0}' does not exist (images live under docs/)",
    },
    "missing_file": {"de": "Datei fehlt", "en": "file is missing"},
    "unknown_page": {
        "de": "Link auf „{0}“: diese Seite gibt es nicht (Links zeigen auf .md-Dateien, z. B. „../members.md“ oder „2022-10-21-go-cluster-jahrestreffen.md“)",
        "en": "link to '{0}': no such page (links point to .md files, e.g. '../members.md' or '2022-10-21-go-cluster-jahrestreffen.md')",
    },
    "unknown_file": {
        "de": "Link auf „{0}“: diese Datei gibt es unter docs/ nicht",
        "en": "link to '{0}': no such file under docs/",
    },
    "absolute_link": {
        "de": "Link auf „{0}“: bitte relativ verlinken (z. B. „../members.md“), sonst bricht er, wenn die Website in einem Unterordner liegt",
        "en": "link to '{0}': please link relatively (e.g. '../members.md'); absolute links break when the site lives in a sub-folder",
    },
    "image_without_alt": {
        "de": "Bild „{0}“ ohne Alternativtext: zwischen die eckigen Klammern gehört, was das Bild zeigt",
        "en": "image '{0}' has no alternative text: describe what it shows between the square brackets",
    },
    "raw": {"de": "{0}", "en": "{0}"},
}


def message_language() -> str:
    return os.environ.get("CLUSTER_SITE_LANG", "de")


def text(code: str, lang: str | None = None, *args: object) -> str:
    lang = lang or message_language()
    entry = MESSAGES.get(code)
    if entry is None:
        return code
    template = entry.get(lang) or entry["en"]
    return template.format(*args)


def did_you_mean(word: str, choices: list[str], lang: str | None = None) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return text("did_you_mean", lang, close[0])
    return text("allowed_fields", lang, ", ".join(choices))


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix, located as precisely as the file allows."""

    path: str
    line: int
    field: str
    code: str
    args: tuple = ()

    def message(self, lang: str | None = None) -> str:
        if self.code == "extra_forbidden":  # args: (the unknown word, the allowed fields)
            word, allowed = self.args
            return f"{text(self.code, lang)}; {did_you_mean(word, list(allowed), lang)}"
        return text(self.code, lang, *self.args)

    def format(self, lang: str | None = None) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.path}:{self.line}:{field} {self.message(lang)}"


class ContentError(Exception):
    """Raised when content has problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self, lang: str | None = None) -> str:
        return "\n".join(p.format(lang) for p in self.problems)
