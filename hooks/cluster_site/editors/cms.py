"""The editing page /admin/ (Decap CMS): its configuration, made from the content models.

One source: the JSON Schema of each model (editors/schema.py, itself from models.py) becomes
the CMS's form fields, with the field docstrings as help texts, required fields, the allowed
values, and the languages from mkdocs.yml. Add a field to a model and the form has it. The
configuration is made by every build (site/admin/config.yml), so it always matches the models
and the tags in content/tags.yml.

News and events are one Markdown file per language (`<key>.<lang>.md`): Decap's i18n structure
`multiple_files`. Their texts are translated per language; dates, tags, links and the like are
the same in every language, and the CMS copies them into each file.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..content import Languages
from ..content.load import Content
from ..content.models import EventFrontMatter, Member, NewsFrontMatter, Offers, Site, Tag, Topic, TopicsSection
from ..i18n import Translator
from .schema import DATE, DATE_TIME, schema_for

# A day (all-day) or a day and a time: what the models accept for an event's start and end.
DAY_OR_TIME = r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$"

MEDIA_FOLDER = "assets/uploads"  # under docs/: where pictures uploaded in the CMS go
# Texts of an item that are not translated: who made a picture, its licence, where an event is.
SAME_IN_EVERY_LANGUAGE = {"credit", "licence", "location"}
# Fields that name another item by its key: the form offers the items instead.
RELATIONS = {"event": "events", "news": "news"}


@dataclass(frozen=True)
class CmsSettings:
    """`extra.cms` in mkdocs.yml: where the CMS commits (a GitHub repository)."""

    repo: str | None = None  # owner/name; null until the operator names it (the build says so)
    branch: str = "main"
    base_url: str | None = None  # the OAuth service that logs editors in to GitHub
    local_backend: str = "http://localhost:8081/api/v1"  # `make edit`: decap-server

    @classmethod
    def from_extra(cls, value: Any) -> "CmsSettings | None":
        """None: no editing page (`cms: false`)."""
        if value is False:
            return None
        if value in (None, True):
            return cls()
        names = [setting.name for setting in fields(cls)]
        if not isinstance(value, dict) or set(value) - set(names):
            raise ValueError(f"extra.cms in mkdocs.yml: expected false or a mapping with {', '.join(names)}")
        return cls(**value)


class _Fields:
    """JSON Schema (one model) -> Decap field list."""

    def __init__(self, schema: dict, languages: Languages, names: dict[str, str], t: Translator,
                 tags: dict[str, Tag] | None = None, item: bool = False):
        self.defs = schema.get("$defs", {})
        self.languages = languages
        self.names = names  # language code -> its name, for localized texts
        self.t = t
        self.tags = tags or {}
        self.item = item  # a news item or event: one file per language

    def _ui(self, key: str) -> str | None:
        """An interface text, or None where the language files have none."""
        text = self.t.t(key)
        return None if text == key else text

    def label(self, name: str) -> str:
        return self._ui(f"cms.field.{name}") or name

    def option(self, name: str, value: str) -> str:
        label = self._ui(f"cms.option.{name}.{value}")
        return f"{label} ({value})" if label else value

    def resolve(self, node: dict) -> dict:
        while "$ref" in node:
            node = {**self.defs[node["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    def of(self, schema: dict, top: bool = False) -> list[dict]:
        schema = self.resolve(schema)
        required = set(schema.get("required", []))
        return [self.field(name, node, name in required, top) for name, node in schema.get("properties", {}).items()]

    def field(self, name: str, node: dict, required: bool, top: bool = False) -> dict:
        description = node.get("description")
        options = [self.resolve(option) for option in node.get("anyOf", [node])]
        nullable = any(option.get("type") == "null" for option in options)
        options = [option for option in options if option.get("type") != "null"]
        field: dict[str, Any] = {"name": name, "label": self.label(name)}
        field.update(self.widget(name, options, top))
        if description:
            field["hint"] = " ".join(description.split())
        if not required or nullable:
            field["required"] = False
            if field["widget"] == "object":
                _optional_parts(field, self.t.t("cms.hint.required_with", part=field["label"]))
        if "default" in node and node["default"] not in (None, [], {}):
            field["default"] = node["default"]
        if self.item:
            address = any(option.get("format") == "uri" for option in options)
            field["i18n"] = self.i18n_mode(name, field, address)
        return field

    def i18n_mode(self, name: str, field: dict, address: bool) -> Any:
        if field["widget"] in ("object", "list"):
            # Decap takes only true here: the parts decide (a picture's alt text is translated, its file is not).
            if name in SAME_IN_EVERY_LANGUAGE:
                _duplicate_parts(field)
            return True
        if field["widget"] == "hidden" or (field["widget"] in ("string", "text") and "pattern" not in field
                                           and not address and name not in SAME_IN_EVERY_LANGUAGE):
            return True  # translated: each language file has its own; an address is the same in all
        return "duplicate"

    def widget(self, name: str, options: list[dict], top: bool) -> dict:
        if self.item and top and name == "translation_of":
            # Set by `cluster-site translations --done`; an editor never types the hash.
            return {"widget": "hidden"}
        if self.item and top and name == "tags":
            return {"widget": "select", "multiple": True,
                    "options": [{"label": self.t.pick(tag.label), "value": key} for key, tag in sorted(self.tags.items())]}
        if self.item and top and name in RELATIONS:
            return {"widget": "relation", "collection": RELATIONS[name], "value_field": "{{slug}}",
                    "search_fields": ["title"], "display_fields": ["title", "{{slug}}"]}
        patterns = [option.get("pattern") for option in options]
        if set(patterns) == {DATE}:
            return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": self.t.t("cms.date_format"), "time_format": False,
                    "picker_utc": False}
        if DATE_TIME in patterns:
            # A day (all-day event) or a day and a time, local time in Berlin: the text keeps the
            # choice visible; the check reads it as the site does.
            return {"widget": "string", "pattern": [DAY_OR_TIME, self.t.t("cms.pattern.date_or_time")]}
        node = options[0] if options else {}
        kind = node.get("type")
        if "enum" in node:
            return {"widget": "select", "options": [{"label": self.option(name, value), "value": value} for value in node["enum"]]}
        if kind == "boolean":
            return {"widget": "boolean"}
        if kind in ("integer", "number"):
            field: dict[str, Any] = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
            for key in ("minimum", "maximum"):
                if key in node:
                    field[key[:3]] = node[key]
            return field
        if kind == "array":
            items = self.resolve(node.get("items", {}))
            if items.get("type") == "object":
                return {"widget": "list", "fields": self.of(items)} if not self.is_localized(items) else \
                       {"widget": "list", "field": {"name": "text", "label": self.label(name), "widget": "object",
                                                    "fields": self.localized(items)}}
            field = {"widget": "list", "field": {"name": name, "label": self.label(name), "widget": "string"}}
            if items.get("pattern"):
                field["field"]["pattern"] = [items["pattern"], self.t.t("cms.pattern.slug")]
            return field
        if kind == "object":
            if self.is_localized(node):
                return {"widget": "object", "fields": self.localized(node)}
            return {"widget": "object", "fields": self.of(node)}
        field = {"widget": "text" if node.get("maxLength", 0) > 200 else "string"}
        if name in ("src", "logo", "favicon", "illustration", "poster", "video", "captions"):
            field["widget"] = "image" if name not in ("video", "captions") else "file"
            field["choose_url"] = False
        elif node.get("pattern"):
            field["pattern"] = [node["pattern"], self.t.t("cms.pattern.slug")]
        return field

    def is_localized(self, node: dict) -> bool:
        return set(node.get("properties", {})) == set(self.languages.codes) and node.get("additionalProperties") is False

    def localized(self, node: dict) -> list[dict]:
        widget = "text" if any(p.get("maxLength", 0) > 200 for p in node["properties"].values()) else "string"
        return [{"name": code, "label": self.names.get(code, code), "widget": widget,
                 **({} if code == self.languages.default else {"required": False})}
                for code in self.languages.codes]


def _optional_parts(field: dict, note: str) -> None:
    """Decap checks an optional object's required parts even when it is left empty: they are
    optional in the form, their help says when they are needed, and the check enforces it."""
    for part in field.get("fields", []):
        if part.get("required", True):
            part["required"] = False
            part["hint"] = f"{note} {part.get('hint', '')}".strip()
        if part["widget"] == "object":  # a picture's alt text in each language, within the picture
            _optional_parts(part, note)


def _duplicate_parts(field: dict) -> None:
    """Every part of an object (a place) is the same in each language file."""
    for part in field.get("fields", []):
        part["i18n"] = True if part["widget"] in ("object", "list") else "duplicate"
        _duplicate_parts(part)


def _item_collection(name: str, model: Any, content: Content, names: dict[str, str], t: Translator, day: str) -> dict:
    schema = schema_for(model, content.languages, name)
    fields = _Fields(schema, content.languages, names, t, content.tags, item=True).of(schema, top=True)
    fields.append({"name": "body", "label": t.t("cms.field.body"), "widget": "markdown", "i18n": True,
                   "hint": t.t("cms.hint.body"), "sanitize_preview": True})
    return {
        "name": name, "label": t.t(f"cms.collection.{name}"), "label_singular": t.t(f"cms.collection.{name}.one"),
        "folder": f"content/{name}", "extension": "md", "format": "frontmatter", "create": True, "i18n": True,
        # The file name is the item's permanent key: its date and its title, as `cluster-site new` makes it.
        "slug": "{{fields.%s | date('YYYY-MM-DD')}}-{{slug}}" % day,
        "summary": "{{fields.%s | date('YYYY-MM-DD')}} – {{title}}" % day,
        "sortable_fields": [day, "title"],
        "fields": fields,
    }


def _yaml_folder(name: str, model: Any, content: Content, names: dict[str, str], t: Translator,
                 identifier: str, shown_as: str, create: bool) -> dict:
    schema = schema_for(model, content.languages, name)
    return {
        "name": name, "label": t.t(f"cms.collection.{name}"), "label_singular": t.t(f"cms.collection.{name}.one"),
        "description": t.t("cms.hint.yaml"), "folder": f"content/{name}", "extension": "yml", "format": "yml",
        # A new entry's file name (its key) is its short name, in small letters.
        "create": create, "slug": "{{%s | lower}}" % identifier, "identifier_field": identifier,
        "summary": "{{fields.%s.%s}}" % (shown_as, content.languages.default),
        "fields": _Fields(schema, content.languages, names, t).of(schema),
    }


def _yaml_file(name: str, path: str, model: Any, content: Content, names: dict[str, str], t: Translator) -> dict:
    schema = schema_for(model, content.languages, name)
    return {"name": name, "label": t.t(f"cms.collection.{name}"), "file": path,
            "fields": _Fields(schema, content.languages, names, t).of(schema)}


def _tags_file(content: Content, names: dict[str, str], t: Translator) -> dict:
    """tags.yml maps each tag's key to its label; the form shows one label per tag. A new tag
    needs its key chosen once, in the file (README)."""
    schema = schema_for(Tag, content.languages, "tag")
    form = _Fields(schema, content.languages, names, t)
    return {"name": "tags", "label": t.t("cms.collection.tags"), "file": "content/tags.yml",
            "description": t.t("cms.hint.tags"),
            "fields": [{"name": key, "label": t.pick(tag.label), "widget": "object", "collapsed": True, "fields": form.of(schema)}
                       for key, tag in content.tags.items()]}


def config_for(content: Content, settings: CmsSettings, names: dict[str, str], t: Translator) -> dict:
    """The whole Decap configuration (admin/config.yml)."""
    languages = content.languages
    backend: dict[str, Any] = {"name": "github", "branch": settings.branch}
    if settings.repo:
        backend["repo"] = settings.repo
    if settings.base_url:
        backend["base_url"] = settings.base_url
    return {
        "backend": backend,
        # Each change is a branch and a pull request that the checks review before it is published.
        "publish_mode": "editorial_workflow",
        # On the editor's own machine (`make edit`), decap-server writes into the working copy.
        "local_backend": {"url": settings.local_backend},
        "locale": languages.default,
        "media_folder": f"docs/{MEDIA_FOLDER}",
        "public_folder": MEDIA_FOLDER,
        "slug": {"encoding": "ascii", "clean_accents": True},
        "i18n": {"structure": "multiple_files", "locales": list(languages.codes), "default_locale": languages.default},
        "collections": [
            _item_collection("news", NewsFrontMatter, content, names, t, "date"),
            _item_collection("events", EventFrontMatter, content, names, t, "start"),
            _yaml_folder("members", Member, content, names, t, "short_name", "name", create=True),
            # A topic's key is chosen once, with the strategy it comes from (README): no new ones here.
            _yaml_folder("topics", Topic, content, names, t, "order", "title", create=False),
            {"name": "settings", "label": t.t("cms.collection.settings"), "description": t.t("cms.hint.yaml"),
             "files": [
                 _yaml_file("site", "content/site.yml", Site, content, names, t),
                 _yaml_file("offers", "content/offers.yml", Offers, content, names, t),
                 _yaml_file("topics_section", "content/topics.yml", TopicsSection, content, names, t),
                 _tags_file(content, names, t),
             ]},
        ],
    }


def render(config: dict) -> str:
    return "# Made by the build from hooks/cluster_site/content/models.py; do not edit.\n" + \
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)


def bundle_files(folder: Path) -> list[str]:
    """The files of Decap's prebuilt bundle (`make build` fetches it), or [] if it is missing."""
    if not (folder / "decap-cms.js").is_file():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_file() and p.suffix in (".js", ".wasm", ".txt"))


def content_security_policy(settings: CmsSettings) -> str:
    """The editing page's own policy: Decap needs inline styles and eval (its forms and its
    Markdown editor); it talks to GitHub's API, or on one's own machine to decap-server."""
    local = urlsplit(settings.local_backend)
    connect = ["'self'", "blob:", "data:", "https://api.github.com", f"{local.scheme}://{local.netloc}"]
    if settings.base_url:
        base = urlsplit(settings.base_url)
        connect.append(f"{base.scheme}://{base.netloc}")
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https://avatars.githubusercontent.com https://raw.githubusercontent.com",
        "media-src 'self' blob:",
        "font-src 'self' data:",
        "connect-src " + " ".join(connect),
        "frame-src 'self' blob:",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])
