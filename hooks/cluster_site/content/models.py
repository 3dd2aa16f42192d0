"""One declared model per content kind: the schema, the validator and the documentation.

Every model forbids unknown fields (typos are caught) and is frozen once loaded. Text that
differs per language is a `Localized` mapping ``{de: "…", en: "…"}``; which languages are
allowed and which one is required comes from the validation context (mkdocs.yml decides).
Fields an operator has not filled in yet are ``null`` and are reported by the build, never
replaced by invented data.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated
from zoneinfo import ZoneInfo

from .source_files import BIDI_CONTROLS, CONTROL_CHARACTERS, is_editor_file

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

SLUG_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# Characters that never belong in a text: control characters (tab and line breaks aside) and
# the bidirectional overrides and isolates that make text display in another order than it reads.
_FORBIDDEN_CHARACTERS = re.compile(f"[{CONTROL_CHARACTERS}{BIDI_CONTROLS}]")


def _check_characters(value: str) -> str:
    bad = _FORBIDDEN_CHARACTERS.search(value)
    if bad:
        code = "bidi_control" if bad[0] >= "\u202a" else "control_character"
        raise ValueError(f"{code}:U+{ord(bad[0]):04X}")
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_check_characters)]
TITLE_MAX = 200
SUMMARY_MAX = 400
Title = Annotated[Text, StringConstraints(max_length=TITLE_MAX)]
Summary = Annotated[Text, StringConstraints(max_length=SUMMARY_MAX)]


def _check_docs_path(value: str) -> str:
    """A file under docs/: relative, forward slashes, no "..", no scheme."""
    parts = value.split("/")
    if value.startswith("/") or "\\" in value or ":" in value or any(part in ("", ".", "..") for part in parts):
        raise ValueError("docs_path")
    if is_editor_file(parts[-1]):  # never published (source_files.EDITOR_FILES)
        raise ValueError(f"editor_file:{parts[-1]}")
    return value


DocsPath = Annotated[Text, AfterValidator(_check_docs_path)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_RE)]


def _check_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value):
        raise ValueError("url")
    return value


Url = Annotated[str, AfterValidator(_check_url), Field(json_schema_extra={"format": "uri"})]


def _check_email(value: str) -> str:
    if not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", value):
        raise ValueError("email")
    return value


Email = Annotated[str, AfterValidator(_check_email)]


def _check_localized(value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
    """A localized text must have the default language; other keys must be configured."""
    context = info.context or {}
    languages = context.get("languages")
    default = context.get("default_language")
    if languages:
        unknown = [key for key in value if key not in languages]
        if unknown:
            raise ValueError(f"unknown_language:{','.join(unknown)}:{','.join(languages)}")
    if default and default not in value:
        raise ValueError(f"missing_default_language:{default}")
    return value


# "x-localized" marks the field for the JSON Schema export, which fills in the configured languages.
Localized = Annotated[dict[str, Text], AfterValidator(_check_localized), Field(json_schema_extra={"x-localized": True})]


class Model(BaseModel):
    # The docstring under a field is its description in the exported JSON Schema (editors
    # see it as a tooltip), so it is written for editors, in German.
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


# --- dates and times --------------------------------------------------------------------

TIME_ZONE = ZoneInfo("Europe/Berlin")  # every time in content is local time there
YEAR_MIN, YEAR_MAX = 1900, 2999  # what every calendar and feed reader handles


def _check_year(value: dt.date) -> dt.date:
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        raise ValueError(f"year_range:{YEAR_MIN}:{YEAR_MAX}")
    return value


def _berlin_time(value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    """A date, or a local date-time in TIME_ZONE: one with an offset (…T09:30:00+01:00) is
    converted; a local time that the clock change skips or repeats is refused."""
    if not isinstance(value, dt.datetime):
        return _check_year(value)
    if value.tzinfo is not None:
        value = value.astimezone(TIME_ZONE).replace(tzinfo=None)
    _check_year(value)
    first, second = value.replace(tzinfo=TIME_ZONE, fold=0), value.replace(tzinfo=TIME_ZONE, fold=1)
    if first.utcoffset() != second.utcoffset():
        round_trip = first.astimezone(dt.timezone.utc).astimezone(TIME_ZONE).replace(tzinfo=None)
        raise ValueError("time_gap" if round_trip != value else "time_ambiguous")
    return value


Day = Annotated[dt.date, AfterValidator(_check_year)]


# --- the organisation: content/site.yml ------------------------------------------------


class Founding(Model):
    date: dt.date
    place: Text
    occasion: Localized | None = None
    source: Url | None = None


class Address(Model):
    street: Text | None = None
    postal_code: Text | None = None
    city: Text | None = None
    country: Localized | None = None


class Contact(Model):
    email: Email | None = None
    phone: Text | None = None
    address: Address | None = None
    contact_form: Url | None = None


class Legal(Model):
    """What § 5 DDG and § 18 MStV require on the Impressum."""

    operator: Text | None = None
    legal_form: Text | None = None
    address: Address | None = None
    represented_by: Text | None = None
    email: Email | None = None
    phone: Text | None = None
    register_court: Text | None = None
    register_number: Text | None = None
    vat_id: Text | None = None
    responsible_for_content: Text | None = None
    note: Localized | None = None


class Privacy(Model):
    controller: Text | None = None
    data_protection_officer: Text | None = None
    hosting_provider: Text | None = None
    server_log_retention_days: int | None = Field(default=None, ge=0, le=365)
    supervisory_authority: Text | None = None
    supervisory_authority_url: Url | None = None


class ConformanceStatus(str, Enum):
    full = "full"
    partial = "partial"
    none = "none"


class AccessibilityStatement(Model):
    status: ConformanceStatus | None = None
    evaluated_on: dt.date | None = None
    method: Localized | None = None
    known_limitations: list[Localized] = []
    feedback_email: Email | None = None
    enforcement_body: Text | None = None
    enforcement_url: Url | None = None


class SignLanguage(Model):
    """Das Video in Deutscher Gebärdensprache (BITV 2.0 § 4): Datei unter docs/, selbst gehostet."""

    video: DocsPath | None = None
    """Videodatei unter docs/, z. B. assets/dgs/startseite.mp4 (fehlt sie, nennt der Build sie als Aufgabe)."""
    captions: DocsPath | None = None
    """Untertitel als WebVTT-Datei unter docs/, z. B. assets/dgs/startseite.de.vtt."""
    poster: DocsPath | None = None
    """Vorschaubild unter docs/."""
    transcript: Localized | None = None
    """Der Inhalt des Videos als Text, je Sprache."""


class EasyLanguage(Model):
    """Die Seite in Leichter Sprache (docs/leichte-sprache.de.md): wer sie geprüft hat."""

    reviewed_on: dt.date | None = None
    """Tag, an dem Menschen aus der Zielgruppe den Text geprüft haben (Regeln des Netzwerks Leichte Sprache); leer: noch nicht geprüft."""
    reviewed_by: Text | None = None
    """Wer geprüft hat, z. B. eine Prüfgruppe (optional)."""


class ExternalLink(Model):
    label: Localized
    url: Url


class CoordinationOffice(Model):
    member: Slug
    description: Localized


def _check_colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise ValueError("colour")
    return value.lower()


Colour = Annotated[str, AfterValidator(_check_colour)]
CONTRAST_MIN = 4.5  # WCAG 2.1 AA for normal text


def contrast_with_white(colour: str) -> float:
    """WCAG contrast ratio of white text on `colour` (#rrggbb)."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(int(colour[i:i + 2], 16)) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def _readable_with_white(value: str) -> str:
    ratio = contrast_with_white(value)
    if ratio < CONTRAST_MIN:
        raise ValueError(f"low_contrast:{ratio:.1f}:{CONTRAST_MIN}")
    return value


class Brand(Model):
    """Das Erscheinungsbild: Farben, Logo und Favicon. Ein anderes Cluster ändert hier sein Aussehen."""

    primary: Annotated[Colour, AfterValidator(_readable_with_white)]
    """Hauptfarbe (#rrggbb): Kopfzeile, Schaltflächen, Überschriften; weiße Schrift darauf muss lesbar sein (Kontrast 4,5:1)."""
    accent: Annotated[Colour, AfterValidator(_readable_with_white)]
    """Akzentfarbe (#rrggbb): Links beim Überfahren, Hervorhebungen; ebenfalls mit weißer Schrift lesbar."""
    logo: DocsPath
    """Logo als SVG-Datei unter docs/ (z. B. assets/brand/logo.svg); erscheint in der Kopfzeile auf der Hauptfarbe."""
    favicon: DocsPath
    """Symbol im Browser-Tab, SVG-Datei unter docs/."""
    illustration: DocsPath | None = None
    """Bild neben dem Leitsatz auf der Startseite (SVG unter docs/); schmückend, ohne Aussage."""


class Site(Model):
    name: Localized
    short_name: Text
    brand: Brand
    # What a new cluster fills in first (`cluster-site init` leaves them empty; the build names them).
    tagline: Localized | None = None
    mission: Localized | None = None
    vision: Localized | None = None
    goal_year: int | None = Field(default=None, ge=2000, le=2100)
    founding: Founding | None = None
    region: Localized | None = None
    website: Url | None = None
    coordination_office: CoordinationOffice | None = None
    contact: Contact = Contact()
    legal: Legal = Legal()
    privacy: Privacy = Privacy()
    accessibility: AccessibilityStatement = AccessibilityStatement()
    sign_language: SignLanguage = SignLanguage()
    easy_language: EasyLanguage = EasyLanguage()
    links: list[ExternalLink] = []
    sources: list[Url] = []


# --- images: news, events, members, topics ----------------------------------------------


class Image(Model):
    """Ein Bild in einer Sprachfassung (Meldung, Veranstaltung). Die Website zeigt es in mehreren
    Größen (AVIF/WebP), die der Build aus der Datei erzeugt."""

    src: DocsPath
    """Bilddatei (JPEG, PNG oder WebP) unter docs/, z. B. assets/news/jahrestreffen.jpg."""
    alt: Text
    """Alternativtext: was das Bild zeigt, für Menschen, die es nicht sehen (Pflicht)."""
    caption: Text | None = None
    """Bildunterschrift."""
    credit: Text
    """Urheber oder Rechteinhaber (Pflicht; erscheint nach ©). Nur Bilder mit geklärten Rechten."""
    licence: Text | None = None
    """Lizenz, z. B. CC BY 4.0 (erscheint hinter dem Urheber)."""


class LocalizedImage(Model):
    """Ein Bild zu einem Mitglied oder Thema: eine Datei, Alternativtext in jeder Sprache."""

    src: DocsPath
    """Bilddatei (JPEG, PNG oder WebP) unter docs/, z. B. assets/members/campus.jpg."""
    alt: Localized
    """Alternativtext je Sprache: {de: …, en: …} (Pflicht in jeder Sprache der Website)."""
    caption: Localized | None = None
    """Bildunterschrift je Sprache."""
    credit: Text
    """Urheber oder Rechteinhaber (Pflicht; erscheint nach ©). Nur Bilder mit geklärten Rechten."""
    licence: Text | None = None
    """Lizenz, z. B. CC BY 4.0 (erscheint hinter dem Urheber)."""


# --- members: content/members/<slug>.yml -----------------------------------------------


class MemberKind(str, Enum):
    university = "university"
    research_institute = "research_institute"
    public_agency = "public_agency"
    company = "company"
    association = "association"


class MemberRole(str, Enum):
    founding_member = "founding_member"
    member = "member"
    partner = "partner"


class Member(Model):
    """Ein Mitglied oder Partner des Clusters: content/members/<kennung>.yml."""

    name: Localized
    """Voller Name, je Sprache: {de: …, en: …}."""
    short_name: Text
    """Kurzname oder Abkürzung, z. B. TU."""
    kind: MemberKind | None = None
    """Art der Einrichtung; leer lassen, wenn keine Quelle sie nennt."""
    role: MemberRole
    """Rolle im Cluster."""
    location: Text | None = None
    """Standorte, durch Komma getrennt, z. B. „Musterstadt, Beispielstadt“ (mit Quelle unter sources)."""
    description: Localized
    """Ein bis drei Sätze, was die Einrichtung zum Cluster beiträgt, je Sprache."""
    website: Url | None = None
    """Website, mit https://."""
    logo: DocsPath | None = None
    """Logo-Datei unter docs/, z. B. assets/members/logo.svg (dann ist logo_alt Pflicht)."""
    logo_alt: Localized | None = None
    """Alternativtext des Logos, je Sprache."""
    image: LocalizedImage | None = None
    """Optionales Bild (z. B. Gebäude, Anlage) mit Alternativtext je Sprache und Urheber."""
    order: int = 100
    """Reihenfolge auf der Mitgliederseite (kleiner = weiter oben)."""
    draft: bool = False
    """true: noch nicht veröffentlichen."""
    sources: list[Url] = []
    """Öffentliche Quellen der Angaben (erscheinen nicht auf der Website)."""

    @model_validator(mode="after")
    def _logo_needs_alt(self) -> "Member":
        if self.logo and not self.logo_alt:
            raise ValueError("logo_without_alt")
        return self


# --- offers: content/offers.yml --------------------------------------------------------


class Offer(Model):
    id: Slug
    title: Localized
    description: Localized
    icon: Text | None = None


class Offers(Model):
    intro: Localized
    offers: list[Offer] = Field(min_length=1)


# --- topics: content/topics.yml and content/topics/<slug>.yml --------------------------


class Bullet(Model):
    """Ein Punkt einer Aufzählung: Text je Sprache, optional mit Unterpunkten."""

    text: Localized
    items: list[Localized] = []


class OptionGroup(Model):
    title: Localized
    text: Localized | None = None
    items: list[Localized] = []


class Topic(Model):
    order: int
    title: Localized
    abbreviation: Text | None = None
    summary: Localized
    trends: list[Bullet] = []
    starting_points: list[Bullet] = []
    options: list[OptionGroup] = []
    lead_projects: list[Localized] = []
    immediate_measures: list[Localized] = []
    image: LocalizedImage | None = None
    """Optionales Bild zum Thema mit Alternativtext je Sprache und Urheber."""


class TopicsSection(Model):
    title: Localized
    intro: Localized
    context_notice: Localized | None = None
    source_title: Localized | None = None
    strategy: list[OptionGroup] = []
    """Die Strategie im Einzelnen, in der Reihenfolge der Quelle: je Abschnitt Titel, Text und/oder Punkte."""


# --- tags: content/tags.yml ------------------------------------------------------------


class Tag(Model):
    label: Localized


# --- news and events: content/news/<slug>.<lang>.md, content/events/<slug>.<lang>.md ---


class Source(Model):
    name: Text
    """Name der Quelle, z. B. der Herausgeber eines Berichts."""
    url: Url | None = None
    """Adresse der Quelle, mit https://."""


TranslationOf = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}$")]
# content/translations.yml: file -> language -> the checked pairs "original:translation" (the
# versions, hashes, of a text and its translation; editors/translation_status.py writes them).
# Pairs, not field positions: moving an entry within a list changes nothing.
TranslationPair = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}:[0-9a-f]{12}$")]
TranslationRecord = dict[str, dict[str, list[TranslationPair]]]


class DateOf(str, Enum):
    publication = "publication"
    event = "event"


class NewsFrontMatter(Model):
    """Kopfdaten einer Meldung: content/news/<JJJJ-MM-TT-kennung>.<sprache>.md."""

    title: Title
    """Überschrift."""
    date: Day
    """Datum der Meldung (JJJJ-MM-TT). Liegt es in der Zukunft, erscheint die Meldung erst ab diesem Tag."""
    summary: Summary
    """Ein bis zwei Sätze für Übersichten, Feeds und Suchmaschinen."""
    tags: list[Slug] = []
    """Schlagwörter aus content/tags.yml, z. B. [netzwerk, transformation]."""
    date_of: DateOf = DateOf.publication
    """Was `date` ist: publication (Tag der Veröffentlichung, bei Berichten anderer an der Quelle) oder event (die Quelle nennt keinen; dann der Tag der Veranstaltung, und die Website sagt das so)."""
    image: Image | None = None
    """Optionales Bild mit Alternativtext."""
    source: Source | None = None
    """Bei Berichten anderer (z. B. eines Förderprogramms): wer berichtet hat, mit Adresse, wenn öffentlich. Die Website zeigt die Meldung dann als „Aus dem Netzwerk“."""
    own_part: Text | None = None
    """Bei Berichten anderer: was das Cluster selbst beigetragen hat, ein Satz (erscheint hervorgehoben)."""
    draft: bool = False
    """true: Entwurf, wird nie veröffentlicht."""
    id: Slug | None = None
    """Nur nach Umbenennen der Datei: die alte Kennung (alter Dateiname ohne Sprache und .md). Feeds behalten dann die Kennung des Eintrags, Abonnenten sehen ihn nicht doppelt."""
    aliases: list[Slug] = []
    """Nur nach Umbenennen der Datei: alte Kennungen, deren Adressen hierher weiterleiten."""
    updated: Day | None = None
    """Datum einer wesentlichen Aktualisierung (JJJJ-MM-TT)."""
    event: Slug | None = None
    """Kennung der zugehörigen Veranstaltung in content/events/."""
    note: Text | None = None
    """Interne Notiz für die Redaktion (erscheint nicht auf der Website)."""
    translation_of: TranslationOf | None = None
    """Nur in Übersetzungen: Fassung des Originals, die übersetzt wurde (setzt `cluster-site translations --done`)."""

    @model_validator(mode="after")
    def _updated_after_date(self) -> "NewsFrontMatter":
        if self.updated and self.updated < self.date:
            raise ValueError("updated_before_date")
        return self

    @model_validator(mode="after")
    def _own_part_in_reports_by_others(self) -> "NewsFrontMatter":
        if self.own_part and self.source is None:  # the site shows it as the cluster's part of another's report
            raise ValueError("own_part_without_source")
        return self


class Geo(Model):
    lat: float = Field(ge=-90, le=90)
    """Breitengrad in Grad, z. B. 51.7563."""
    lon: float = Field(ge=-180, le=180)
    """Längengrad in Grad, z. B. 14.3329."""


class Location(Model):
    venue: Text | None = None
    """Veranstaltungsort, z. B. der Name eines Hauses."""
    city: Text | None = None
    """Stadt."""
    address: Text | None = None
    """Straße und Hausnummer."""
    geo: Geo | None = None
    """Koordinaten des Orts (lat, lon), wenn bekannt; Kalender-Apps zeigen ihn dann auf der Karte."""


class EventStatus(str, Enum):
    scheduled = "scheduled"
    cancelled = "cancelled"
    postponed = "postponed"


# YAML reads "2022-10-20" as a date and "2022-10-20 10:00" as a date-time (Europe/Berlin).
DateOrDateTime = Annotated[dt.datetime | dt.date, AfterValidator(_berlin_time)]


class EventFrontMatter(Model):
    """Kopfdaten einer Veranstaltung: content/events/<JJJJ-MM-TT-kennung>.<sprache>.md."""

    title: Title
    """Name der Veranstaltung."""
    start: DateOrDateTime
    """Beginn: JJJJ-MM-TT (ganztägig) oder JJJJ-MM-TT HH:MM (Uhrzeit in Berlin)."""
    end: DateOrDateTime | None = None
    """Ende, in derselben Form wie start; leer bei eintägigen Veranstaltungen ohne Uhrzeit."""
    location: Location | None = None
    """Ort (venue, city, address); oder online: true, oder beides."""
    online: bool = False
    """true, wenn man online teilnehmen kann."""
    join_url: Url | None = None
    """Link zur Online-Teilnahme (z. B. Videokonferenz), mit https://; steht auch im Kalendereintrag."""
    status: EventStatus = EventStatus.scheduled
    """scheduled (findet statt), cancelled (abgesagt) oder postponed (verschoben). Abgesagte und verschobene Veranstaltungen bleiben sichtbar und werden so gekennzeichnet, auch in abonnierten Kalendern."""
    organizer: Text | None = None
    """Wer veranstaltet."""
    url: Url | None = None
    """Anmeldung oder weitere Informationen, mit https://."""
    summary: Summary
    """Ein bis zwei Sätze für Übersichten und den Kalender."""
    tags: list[Slug] = []
    """Schlagwörter aus content/tags.yml."""
    image: Image | None = None
    """Optionales Bild mit Alternativtext und Urheber."""
    news: Slug | None = None
    """Kennung der Meldung, die über die Veranstaltung berichtet."""
    draft: bool = False
    """true: Entwurf, wird nie veröffentlicht."""
    id: Slug | None = None
    """Nur nach Umbenennen der Datei: die alte Kennung (alter Dateiname ohne Sprache und .md). Kalender behalten dann die Kennung des Termins, Abonnenten sehen ihn nicht doppelt."""
    aliases: list[Slug] = []
    """Nur nach Umbenennen der Datei: alte Kennungen, deren Adressen hierher weiterleiten."""
    note: Text | None = None
    """Interne Notiz für die Redaktion (erscheint nicht auf der Website)."""
    translation_of: TranslationOf | None = None
    """Nur in Übersetzungen: Fassung des Originals, die übersetzt wurde (setzt `cluster-site translations --done`)."""

    @model_validator(mode="after")
    def _consistent_times(self) -> "EventFrontMatter":
        if self.end is not None:
            if isinstance(self.start, dt.datetime) != isinstance(self.end, dt.datetime):
                raise ValueError("start_end_mixed")
            if self.end < self.start:
                raise ValueError("end_before_start")
        if self.location is None and not self.online:
            raise ValueError("no_place")
        return self

