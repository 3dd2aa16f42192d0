"""Synthetic but realistic bilingual content: N news items and N events per language.

The same corpus is written twice: into a copy of this project (our layout) and into a minimal
Hugo site (Hugo's layout), so both generators render the same articles. A third copy, the
"stock" build, has every page our hooks generate written out as Markdown and no hooks: the
baseline for the hooks' overhead.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "content", "overrides", "hooks")
TODAY = dt.date(2026, 11, 21)  # the build date of bench/run.py (its SOURCE_DATE_EPOCH)

WORDS = {
    "de": ("Industrie Wasserstoff Energie Netzwerk Forschung Transformation Lausitz Cluster Unternehmen Region "
           "Klimaschutz Wärme Strom Speicher Prozesse Emissionen Zukunft Projekte Partner Wissen Austausch "
           "Förderung Innovation Technologie Standort Fachkräfte Mobilität Kreislauf Ressourcen Effizienz").split(),
    "en": ("industry hydrogen energy network research transformation Lusatia cluster companies region "
           "climate heat power storage processes emissions future projects partners knowledge exchange "
           "funding innovation technology location skills mobility circular resources efficiency").split(),
}
FILLER = {"de": "und die der mit für von zur im auf wird werden ist sind".split(),
          "en": "and the of with for to in on is are will be".split()}
TAGS = ["go-cluster", "clusterpolitik", "nachhaltigkeit", "transformation", "wasserstoff", "europa"]


def _sentence(rng: random.Random, lang: str, words: int) -> str:
    pool = WORDS[lang] + FILLER[lang] * 2
    text = " ".join(rng.choice(pool) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _body(rng: random.Random, lang: str, index: int) -> str:
    """About 420 words: paragraphs, two headings, a list, links and an image."""
    parts = []
    for section in range(2):
        parts.append(" ".join(_sentence(rng, lang, rng.randint(10, 16)) for _ in range(6)))
        parts.append(f"## {_sentence(rng, lang, 4)[:-1]}")
        parts.append("\n".join(f"- {_sentence(rng, lang, 6)}" for _ in range(4)))
    parts.append(" ".join(_sentence(rng, lang, rng.randint(10, 16)) for _ in range(6)))
    label = "Mitglieder" if lang == "de" else "members"
    parts.append(f"[{label}](../members.md) · [Website](https://www.example.org/{index}) · ![{label}](../assets/bench.svg)")
    return "\n\n".join(parts) + "\n"


def items(n: int, seed: int = 1):
    """(kind, key, date, tags, {lang: (title, summary, body)}) for n news and n events."""
    rng = random.Random(seed)
    start = dt.date(2020, 1, 1)
    for kind in ("news", "events"):
        for i in range(n):
            day = start + dt.timedelta(days=(i * 3) % 2400)
            key = f"{day.isoformat()}-{kind}-{i}"
            tags = rng.sample(TAGS, 2)
            texts = {lang: (_sentence(rng, lang, 6)[:-1], _sentence(rng, lang, 18), _body(rng, lang, i)) for lang in ("de", "en")}
            yield kind, key, day, tags, texts


def write_ours(dest: Path, n: int, project: Path = ROOT) -> Path:
    """The corpus in a copy of `project` (this checkout, or another tree of it: bench/compare.py)."""
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = project / part
        (shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
         if src.is_dir() else shutil.copy2(src, dest / part))
    (dest / "docs/assets/bench.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', encoding="utf-8")
    for kind, key, day, tags, texts in items(n):
        for lang, (title, summary, body) in texts.items():
            if kind == "news":
                front = f"title: '{title}'\ndate: {day}\nsummary: '{summary}'\ntags: [{', '.join(tags)}]\n"
            else:
                front = f"title: '{title}'\nstart: {day}\nonline: true\nsummary: '{summary}'\ntags: [{', '.join(tags)}]\n"
            (dest / "content" / kind / f"{key}.{lang}.md").write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    return dest


HUGO_CONFIG = """baseURL = "https://www.example.org/"
defaultContentLanguage = "de"
defaultContentLanguageInSubdir = false
disableKinds = ["taxonomy", "term"]
[languages.de]
  languageName = "Deutsch"
  title = "Cluster"
  weight = 1
[languages.en]
  languageName = "English"
  title = "Cluster"
  weight = 2
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML", "RSS"]
[pagination]
  pagerSize = 10
"""

HUGO_BASEOF = """<!doctype html><html lang="{{ .Language.Lang }}"><head><meta charset="utf-8">
<title>{{ .Title }} – {{ site.Title }}</title><meta name="description" content="{{ .Summary | plainify | truncate 150 }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">{{ end }}
</head><body><header><nav><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages.ByDate.Reverse }}{{ range $pager.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<time>{{ .Date.Format "2006-01-02" }}</time><p>{{ .Params.summary }}</p></article>{{ end }}
{{ if $pager.HasPrev }}<a href="{{ $pager.Prev.URL }}">prev</a>{{ end }}{{ if $pager.HasNext }}<a href="{{ $pager.Next.URL }}">next</a>{{ end }}{{ end }}
"""
HUGO_SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time>
<p>{{ .Params.summary }}</p>{{ .Content }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</article>{{ end }}
"""


def write_hugo(dest: Path, n: int) -> Path:
    (dest / "layouts/_default").mkdir(parents=True)
    (dest / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    (dest / "layouts/_default/baseof.html").write_text(HUGO_BASEOF, encoding="utf-8")
    (dest / "layouts/_default/list.html").write_text(HUGO_LIST, encoding="utf-8")
    (dest / "layouts/_default/single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (dest / "layouts/index.html").write_text(HUGO_LIST, encoding="utf-8")
    (dest / "static/assets").mkdir(parents=True)
    (dest / "static/assets/bench.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', encoding="utf-8")
    for kind in ("news", "events"):
        (dest / "content" / kind).mkdir(parents=True)
        for lang in ("de", "en"):
            (dest / "content" / kind / f"_index.{lang}.md").write_text(f"---\ntitle: {kind}\n---\n", encoding="utf-8")
    (dest / "content/members.de.md").write_text("---\ntitle: Mitglieder\n---\n", encoding="utf-8")
    (dest / "content/members.en.md").write_text("---\ntitle: Members\n---\n", encoding="utf-8")
    for kind, key, day, tags, texts in items(n):
        for lang, (title, summary, body) in texts.items():
            body = body.replace("](../members.md)", "](/members/)")
            front = f"title: '{title}'\ndate: {day}\nsummary: '{summary}'\ntags: [{', '.join(tags)}]\n"
            (dest / "content" / kind / f"{key}.{lang}.md").write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    return dest


# --- the baseline for the hooks' overhead: the same pages, written out, no hooks -------------


def _relative(target_key: str, from_key: str) -> str:
    return posixpath.relpath(f"{target_key}.md", posixpath.dirname(from_key) or ".")


def _stock_body(page, view) -> str:
    """Markdown standing in for what our templates render for a generated page."""
    data = page.data
    if "item" in data and page.body:  # an article: heading, date and summary, text, tags
        front = data["item"].front
        day = getattr(front, "date", None) or getattr(front, "start", None)
        tags = " · ".join(view.tag_label(tag) for tag in front.tags)
        return f"# {page.title}\n\n*{day}* · {front.summary}\n\n{page.body}\n\n{tags}\n"
    lines = [f"# {page.title}", "", page.description, ""]
    for item in data.get("items", []):  # a listing: one teaser per entry, then the pager
        key = f"{item.kind}/{item.slug}"
        lines += [f"## [{item.front.title}]({_relative(key, page.key)})", "", f"*{item.sort_date}* · {item.front.summary}", ""]
    pager = data.get("pager")
    if pager is not None:
        lines.append(" · ".join(f"[{number}]({_relative(key, page.key)})" for number, key in enumerate(pager.keys, 1)))
    return "\n".join(lines) + "\n"


def write_stock(ours: Path, dest: Path) -> Path:
    """The pages our hooks generate for the corpus in `ours`, as plain Markdown files in docs/,
    built by MkDocs, Material and mkdocs-static-i18n alone: no hooks, no template overrides."""
    sys.path.insert(0, str(ours / "hooks"))
    try:
        from cluster_site.content import Languages
        from cluster_site.site_model import load_site
    finally:
        sys.path.pop(0)
    dest.mkdir(parents=True)
    shutil.copytree(ours / "docs", dest / "docs")
    for page_file in (dest / "docs").glob("*.md"):  # our page templates do not exist here
        text = page_file.read_text(encoding="utf-8")
        page_file.write_text(re.sub(r"^template: .*\n", "", text, flags=re.M), encoding="utf-8")
    config = (ours / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^hooks:\n(  - .*\n)+", "", config, flags=re.M)
    config = re.sub(r"^  custom_dir: .*\n", "", config, flags=re.M)
    config = re.sub(r"^watch:\n(  - .*\n)+", "", config, flags=re.M)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    languages = Languages(("de", "en"), "de")
    site = load_site(ours, languages, ours / "docs", TODAY)
    for lang in languages.codes:
        view = site.views[lang]
        for page in site.pages[lang].values():
            path = dest / "docs" / f"{page.key}.{lang}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_stock_body(page, view), encoding="utf-8")
    return dest
