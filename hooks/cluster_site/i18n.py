"""Languages and localized text: UI strings, localized content fields, dates.

UI strings ship with the generator (``ui/<lang>.yml`` beside this file) and a site may
replace or add any of them in ``content/ui/<lang>.yml``; a language without its own strings
(say a newly configured third language) falls back to the default language's strings.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from babel.dates import format_date, format_time, get_date_format, get_month_names
from markupsafe import Markup, escape

UI_DIR = Path(__file__).parent / "ui"


def builtin_ui() -> dict[str, dict[str, str]]:
    """The generator's own interface texts per language (read again only if a file changed)."""
    return {f.stem: _ui_file(str(f), f.stat().st_mtime_ns) for f in sorted(UI_DIR.glob("*.yml"))}


@functools.lru_cache(maxsize=32)
def _ui_file(path: str, modified: int) -> dict[str, str]:
    # Our own file, not content: libyaml's loader where it is installed (the pure-Python one is slow).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader)


class Translator:
    """Everything a template needs to speak one language."""

    def __init__(self, lang: str, default: str, overrides: dict[str, dict[str, str]] | None = None):
        self.lang = lang
        self.default = default
        self._dates: dict[dt.date, str] = {}
        self._ranges: dict[tuple, str] = {}
        self._language_names: dict[tuple[str, bool], str] = {}
        builtin = builtin_ui()
        overrides = overrides or {}
        self.strings: dict[str, str] = {}
        # Keys this language has itself; the rest fall back to the default language.
        self.own_keys = set(builtin.get(lang, {})) | set(overrides.get(lang, {}))
        # Lowest precedence first: the default language, then this language; content wins.
        for source in (builtin.get(default, {}), overrides.get(default, {}), builtin.get(lang, {}), overrides.get(lang, {})):
            self.strings.update(source)
        if lang not in builtin and "locale" not in overrides.get(lang, {}):
            self.strings["locale"] = lang  # a new language gets its own date formats from babel

    def t(self, key: str, **values: Any) -> str:
        template = self.strings.get(key, key)
        return template.format(**values) if values else template

    def pick(self, localized: dict[str, str] | None) -> str:
        """A localized content field in this language, else in the default language."""
        if not localized:
            return ""
        return localized.get(self.lang) or localized[self.default]

    def is_fallback(self, localized: dict[str, str] | None) -> bool:
        return bool(localized) and self.lang not in (localized or {})

    def long_date_pattern(self) -> str:
        """The language's long date as `{day}`, `{month}` and `{year}` with its own punctuation
        (babel's 'd. MMMM y' -> '{day}. {month} {year}'), for what renders dates outside Python."""
        if self.is_own("feed.date"):
            return self.t("feed.date")
        pattern = get_date_format("long", locale=self.locale).pattern
        fields = {"d": "{day}", "M": "{month}", "y": "{year}"}
        return "".join(part.strip("'") if part.startswith("'") else fields.get(part[0], part)
                       for part in re.findall(r"'[^']*'|d+|M+|y+|[^'dMy]+", pattern))

    def is_own(self, key: str) -> bool:
        return self.lang == self.default or key in self.own_keys

    def html(self, localized: dict[str, str] | None) -> Markup:
        """Escaped text; a fallback is marked with its language for screen readers."""
        if self.is_fallback(localized):
            return Markup('<span lang="{}">{}</span>').format(self.default, self.pick(localized))
        return escape(self.pick(localized))

    @cached_property
    def locale(self) -> str:
        return self.strings.get("locale", self.lang)

    def language_name(self, code: str, in_own_language: bool = False) -> str:
        # Asked for every language on every page (the switcher): babel's lookup once per name.
        key = (code, in_own_language)
        if key not in self._language_names:
            name = Locale.parse(code).get_display_name(code if in_own_language else self.lang) or code
            self._language_names[key] = name[:1].upper() + name[1:] if in_own_language else name
        return self._language_names[key]

    def date(self, value: dt.date | dt.datetime) -> str:
        if isinstance(value, dt.datetime):
            value = value.date()
        # Every date is shown on several pages (item, listings, tags): format it once.
        if value not in self._dates:
            self._dates[value] = format_date(value, "long", locale=self.locale)
        return self._dates[value]

    def month_names(self) -> dict[int, str]:
        """1 -> 'Januar' … 12 -> 'Dezember' (as a date writes them)."""
        return dict(get_month_names("wide", locale=self.locale))

    def month(self, value: dt.date) -> str:
        """'November 2021'."""
        return format_date(value, "LLLL yyyy", locale=self.locale)

    def time(self, value: dt.datetime) -> str:
        suffix = self.t("event.time_suffix")
        text = format_time(value, "short", locale=self.locale)
        return f"{text} {suffix}".strip()

    def date_range(self, start: dt.date | dt.datetime, end: dt.date | dt.datetime | None) -> str:
        """'20. Oktober 2022', '8.–9. November 2023', '20. Oktober 2022, 10:00–12:00 Uhr'."""
        # Each event's dates are shown on its page, its listings and its tags: formatted once.
        key = (start, end)
        if key not in self._ranges:
            self._ranges[key] = self._date_range(start, end)
        return self._ranges[key]

    def _date_range(self, start: dt.date | dt.datetime, end: dt.date | dt.datetime | None) -> str:
        # The model gives start and end the same kind: both days, or both times of day.
        start_day = start.date() if isinstance(start, dt.datetime) else start
        end_day = (end.date() if isinstance(end, dt.datetime) else end) if end else start_day
        if start_day == end_day:
            text = self.date(start_day)
            if isinstance(start, dt.datetime):
                times = format_time(start, "short", locale=self.locale)
                if isinstance(end, dt.datetime) and end != start:
                    times += "–" + format_time(end, "short", locale=self.locale)
                suffix = self.t("event.time_suffix")
                text += f", {times} {suffix}".rstrip()
            return text
        if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
            return self.t("date.range", start=f"{self.date(start)}, {self.time(start)}", end=f"{self.date(end)}, {self.time(end)}")
        if (start_day.year, start_day.month) == (end_day.year, end_day.month):
            return self.t("date.range_same_month", start_day=start_day.day, end=self.date(end_day))
        return self.t("date.range", start=self.date(start_day), end=self.date(end_day))
