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
        "de": "nur Kleinbuchstaben, Ziffern und Bindestriche erlaubt (z. B. „netzwerk“)",
        "en": "only lower-case letters, digits and hyphens allowed (e.g. 'netzwerk')",
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
    "own_part_without_source": {
        "de": "„own_part“ gehört zu Berichten anderer: dazu „source“ angeben (wer berichtet hat), oder „own_part“ weglassen",
        "en": "'own_part' belongs to reports by others: add 'source' (who reported), or leave out 'own_part'",
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
    "yaml_colon": {
        "de": "ein Doppelpunkt im Wert: den ganzen Wert in Anführungszeichen setzen, z. B. title: \"Jahrestreffen: Wasserstoff\"",
        "en": "a colon inside a value: put the whole value in quotes, e.g. title: \"Annual meeting: hydrogen\"",
    },
    "yaml_tab": {
        "de": "Tabulatorzeichen sind nicht erlaubt: mit Leerzeichen einrücken",
        "en": "tabs are not allowed: indent with spaces",
    },
    "yaml_quote": {
        "de": "Anführungszeichen nicht geschlossen: am Ende des Werts fehlt das schließende Zeichen",
        "en": "quote not closed: the closing quote at the end of the value is missing",
    },
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
        "de": "Dateiname muss „<kennung>.<sprache>.md“ sein, z. B. „2026-03-05-jahrestreffen.de.md“",
        "en": "file name must be '<key>.<language>.md', e.g. '2026-03-05-jahrestreffen.de.md'",
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
    "colour": {
        "de": "Farbe als #rrggbb erwartet (z. B. #1f4e79)",
        "en": "colour expected as #rrggbb (e.g. #1f4e79)",
    },
    "low_contrast": {
        "de": "weiße Schrift auf dieser Farbe hat nur den Kontrast {0}:1; nötig sind {1}:1 (eine dunklere Farbe wählen)",
        "en": "white text on this colour has a contrast of only {0}:1; {1}:1 is needed (choose a darker colour)",
    },
    "unknown_icon": {
        "de": "Symbol „{0}“ gibt es nicht: Namen wie material/school-outline aus https://pictogrammers.com/library/mdi/ verwenden",
        "en": "icon '{0}' does not exist: use names like material/school-outline from https://pictogrammers.com/library/mdi/",
    },
    "missing_docs_file": {
        "de": "Datei „{0}“ gibt es nicht unter docs/",
        "en": "file '{0}' does not exist under docs/",
    },
    "missing_image": {
        "de": "Bild „{0}“ gibt es nicht (Bilder liegen unter docs/)",
        "en": "image '{0}' does not exist (images live under docs/)",
    },
    "unreadable_image": {
        "de": "Bild „{0}“ lässt sich nicht lesen ({1}); bitte als JPEG, PNG oder WebP neu speichern",
        "en": "image '{0}' cannot be read ({1}); please save it again as JPEG, PNG or WebP",
    },
    "image_format": {
        "de": "Bild „{0}“ ist {1}: erlaubt sind JPEG, PNG und WebP (Grafiken als SVG gehören ins Erscheinungsbild, nicht zu Beiträgen)",
        "en": "image '{0}' is {1}: JPEG, PNG and WebP are allowed",
    },
    "image_too_large": {
        "de": "Bild „{0}“ ist zu groß ({1}); höchstens {2}: bitte verkleinert speichern",
        "en": "image '{0}' is too large ({1}); at most {2}: please save a smaller version",
    },
    "image_alt_missing": {
        "de": "Bild ohne Alternativtext in {0}: jede Sprache braucht einen (alt: {{{0}: …}})",
        "en": "image without alternative text in {0}: every language needs one (alt: {{{0}: …}})",
    },
    "translation_image_missing": {
        "de": "das Original ({0}) hat ein Bild: diese Übersetzung braucht es auch, mit Alternativtext in ihrer Sprache (image: src, alt, credit)",
        "en": "the original ({0}) has an image: this translation needs it too, with alternative text in its language (image: src, alt, credit)",
    },
    "missing_file": {"de": "Datei fehlt", "en": "file is missing"},
    "unknown_page": {
        "de": "Link auf „{0}“: diese Seite gibt es nicht (Links zeigen auf .md-Dateien, z. B. „../members.md“ oder „2026-03-05-jahrestreffen.md“)",
        "en": "link to '{0}': no such page (links point to .md files, e.g. '../members.md' or '2026-03-05-jahrestreffen.md')",
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
    "string_too_long": {"de": "zu lang: höchstens {0} Zeichen", "en": "too long: at most {0} characters"},
    "control_character": {
        "de": "Steuerzeichen {0} im Text (unsichtbar; die Stelle neu tippen oder aus einem einfachen Editor kopieren)",
        "en": "control character {0} in the text (invisible; retype the passage or copy it from a plain editor)",
    },
    "bidi_control": {
        "de": "Richtungs-Steuerzeichen {0}: es lässt Text in anderer Reihenfolge erscheinen, als er gelesen wird",
        "en": "bidirectional control character {0}: it makes text display in another order than it reads",
    },
    "file_too_large": {
        "de": "Datei zu groß ({0} MB; höchstens {1} MB): bitte kürzen oder auf mehrere Seiten verteilen",
        "en": "file too large ({0} MB; at most {1} MB): shorten it or split it into several pages",
    },
    "yaml_alias": {
        "de": "YAML-Verweise (&name und *name) sind nicht erlaubt: den Wert ausschreiben",
        "en": "YAML aliases (&name and *name) are not allowed: write the value out",
    },
    "yaml_too_deep": {
        "de": "zu tief verschachtelt (höchstens {0} Ebenen)",
        "en": "nested too deeply (at most {0} levels)",
    },
    "symlink_outside": {
        "de": "symbolischer Link auf „{0}“ außerhalb des Repositorys: nicht erlaubt (die Datei selbst hineinkopieren)",
        "en": "symbolic link to '{0}' outside the repository: not allowed (copy the file itself in)",
    },
    "symlink": {
        "de": "symbolischer Link auf „{0}“: Links sind unter docs/, content/ und overrides/ nicht erlaubt (die Datei kopieren)",
        "en": "symbolic link to '{0}': links are not allowed under docs/, content/ and overrides/ (copy the file)",
    },
    "editor_file": {
        "de": "„{0}“ ist eine Datei, die ein Editor neben der eigentlichen anlegt (Sicherung, Sperre), und wird nicht veröffentlicht: die eigentliche Datei angeben",
        "en": "'{0}' is a file an editor keeps beside the real one (backup, lock) and is not published: name the real file",
    },
    "docs_path": {
        "de": "Pfad einer Datei unter docs/ erwartet, relativ und ohne „..“ (z. B. assets/news/bild.jpg)",
        "en": "path of a file under docs/ expected, relative and without '..' (e.g. assets/news/picture.jpg)",
    },
    "year_range": {"de": "Jahr außerhalb von {0} bis {1}", "en": "year outside {0} to {1}"},
    "time_gap": {
        "de": "diese Uhrzeit gibt es in Berlin nicht (Umstellung auf Sommerzeit)",
        "en": "this time does not exist in Berlin (the clocks go forward)",
    },
    "time_ambiguous": {
        "de": "diese Uhrzeit ist in Berlin doppelt (Umstellung auf Winterzeit): eine Uhrzeit außerhalb von 2 bis 3 Uhr wählen",
        "en": "this time happens twice in Berlin (the clocks go back): choose a time outside 2 to 3 am",
    },
    "unsafe_element": {
        "de": "HTML-Element <{0}> ist in Inhalten nicht erlaubt (keine Skripte, Einbettungen, Formulare oder Stile; Markdown verwenden)",
        "en": "HTML element <{0}> is not allowed in content (no scripts, embeds, forms or styles; use Markdown)",
    },
    "unsafe_attribute": {
        "de": "HTML-Attribut „{0}“ an <{1}> ist in Inhalten nicht erlaubt (keine Skripte oder Stile)",
        "en": "HTML attribute '{0}' on <{1}> is not allowed in content (no scripts or styles)",
    },
    "unsafe_url": {
        "de": "Adresse „{0}“ ist nicht erlaubt: nur https://, http://, mailto:, tel: oder ein relativer Link",
        "en": "address '{0}' is not allowed: only https://, http://, mailto:, tel: or a relative link",
    },
    "markdown_too_deep": {
        "de": "Klammern zu tief verschachtelt (höchstens {0} Ebenen)",
        "en": "brackets nested too deeply (at most {0} levels)",
    },
    "asset_type": {
        "de": "Dateien der Art „{0}“ gehören nicht unter docs/ (erlaubt: Markdown-Seiten und {1})",
        "en": "files of the kind '{0}' do not belong under docs/ (allowed: Markdown pages and {1})",
    },
    "svg_script": {
        "de": "SVG-Datei mit Skript, Ereignis-Attribut oder eingebettetem HTML: nicht erlaubt",
        "en": "SVG file with script, event attribute or embedded HTML: not allowed",
    },
    "translation_tags": {
        "de": "andere Schlagwörter als in {0} ({1} statt {2}); eine Übersetzung hat dieselben Schlagwörter",
        "en": "other tags than in {0} ({1} instead of {2}); a translation has the same tags",
    },
    "placeholder": {
        "de": "hier steht noch der Platzhaltertext aus „cluster-site new“: bitte durch den eigenen Text ersetzen (oder „draft: true“ lassen)",
        "en": "this is still the placeholder text from 'cluster-site new': please replace it with your own (or keep 'draft: true')",
    },
    "alias_clash": {
        "de": "die alte Adresse „{0}“ ist schon vergeben (eine Seite der Website oder die Weiterleitung eines anderen Eintrags): bitte entfernen",
        "en": "the old address '{0}' is taken (a page of the site or another entry's redirect): please remove it",
    },
    "id_clash": {
        "de": "„{0}“ ist die Kennung eines anderen Eintrags: als id nur die alte Kennung dieses Eintrags angeben",
        "en": "'{0}' is another entry's key: give as id only this entry's own old key",
    },
    "page_clash": {
        "de": "eine Seite „{0}“ erzeugt die Website selbst aus content/: diese Datei bitte anders benennen",
        "en": "the site makes a page '{0}' itself from content/: please give this file another name",
    },
    "own_address_source": {
        "de": "„{0}“ liegt unter der Adresse dieser Website, ist aber keine ihrer Seiten: sobald diese Website dort online ist, "
              "führt der Link ins Leere. Bitte eine dauerhafte Adresse angeben: eine andere öffentliche Seite mit denselben Angaben "
              "oder eine archivierte Kopie (z. B. bei web.archive.org)",
        "en": "'{0}' is under this website's address but is not one of its pages: once this website is online there, the link "
              "leads nowhere. Please give a lasting address: another public page with the same facts, or an archived copy "
              "(e.g. at web.archive.org)",
    },
    "crash": {
        "de": "Der Build ist bei {0} abgebrochen ({1}). Nichts wurde veröffentlicht, site/ ist unverändert; die Einzelheiten zeigt „mkdocs build --verbose“.",
        "en": "The build stopped at {0} ({1}). Nothing was published, site/ is as it was; 'mkdocs build --verbose' shows the details.",
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

    def summary(self, nothing_was: str = "built") -> str:
        """The build's message: how many problems, that nothing was built (or published), and each."""
        return f"Content has {len(self.problems)} problem(s); nothing was {nothing_was}:\n{self.report()}"
