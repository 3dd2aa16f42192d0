"""Pages outside the navigation are put together from a frame rendered once and the blocks that
differ per page (hooks/cluster_site/page_frame.py): the site must be the same, byte for byte, as
when every page is rendered whole."""

from __future__ import annotations

import datetime as dt
import filecmp
import shutil

from conftest import run_build


def _write(project, kind, slug, lang, front, body):
    path = project / "content" / kind / f"{slug}.{lang}.md"
    path.write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")


def _different_files(a, b):
    compared = filecmp.dircmp(a, b)
    found = [f"{a}/{name}" for name in compared.diff_files + compared.left_only + compared.right_only + compared.funny_files]
    for sub in compared.subdirs:
        found += _different_files(a / sub, b / sub)
    return found


def test_framed_pages_equal_pages_rendered_whole(project, tmp_path):
    # Many pages per folder and template, with and without headings (the skip link and the
    # table of contents), with a missing translation, a fallback text, images and links.
    for n in range(14):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=9 * n)
        body = f"## Abschnitt {n}\n\nText mit [Link](https://example.org/{n}).\n\n### Unterabschnitt\n\nMehr." if n % 3 else "Nur Text, keine Überschrift."
        _write(project, "news", f"{day}-meldung-{n}", "de", f"title: 'Meldung {n} <b>&</b>'\ndate: {day}\nsummary: Kurz {n}.\ntags: [wasserstoff]\n", body)
        if n % 4:
            _write(project, "news", f"{day}-meldung-{n}", "en", f"title: 'Item {n}'\ndate: {day}\nsummary: Short {n}.\n", body)
        _write(project, "events", f"{day}-termin-{n}", "de",
               f"title: 'Termin {n}'\nstart: {day} 10:00\nend: {day} 12:00\nsummary: Termin {n}.\nonline: true\n", body)
    builds = {}
    for frames in ("0", "1"):
        build = run_build(project, extra_env={"CLUSTER_SITE_FRAMES": frames})
        assert build.result.returncode == 0, build.output[-3000:]
        builds[frames] = shutil.move(str(build.site), str(tmp_path / f"site-{frames}"))
    whole, framed = tmp_path / "site-0", tmp_path / "site-1"
    assert len(list(framed.rglob("*.html"))) > 100
    assert _different_files(whole, framed) == []


def test_the_frame_is_rendered_once_per_template_folder_and_shape():
    # A small chain of templates shaped like Material's: the code outside the blocks (here it
    # counts its runs) runs once per frame; every page still comes out as rendered whole.
    from types import SimpleNamespace

    from jinja2 import DictLoader, Environment

    from cluster_site.page_frame import FramedTemplate

    templates = {
        "base.html": (
            "{{ count() }}<html>{% block site_meta %}<meta content=\"{{ page.title }}\">{% endblock %}"
            "{% block htmltitle %}<title>{{ page.title }}</title>{% endblock %}"
            "{% if page.toc | first is defined %}{% set skip = page.toc | first %}<a href=\"{{ skip.url | url }}\" class=\"md-skip\">{% endif %}"
            "{% block header %}<h>{{ page.title }}</h>{% endblock %}"
            "{% block site_nav %}NAV{% block toc_sidebar %}{% for e in page.toc %}[{{ e.title }}]{% endfor %}{% endblock %}{% endblock %}"
            "{% block container %}<main>{% block content %}{{ page.content }}{% endblock %}</main>{% endblock %}</html>"),
        "item.html": "{% extends \"base.html\" %}{% set kind = 'item' %}{% block content %}{{ kind }}: {{ super() }}{% endblock %}",
    }
    runs = []

    def environment(framed):
        env = Environment(loader=DictLoader(templates))
        if framed:
            env.template_class = FramedTemplate
        env.filters["url"] = lambda value: value
        env.globals["count"] = lambda: runs.append(1) or ""
        return env

    def page(n, headings):
        toc = [SimpleNamespace(url=f"#h{n}", title=f"H{n}")] * headings
        return SimpleNamespace(url=f"news/{n}.html", title=f"T{n}", toc=toc, meta={}, content=f"text {n}",
                               file=SimpleNamespace(src_uri=f"news/{n}.md"))

    view = SimpleNamespace(frames={}, pages_in_nav=set(), links=SimpleNamespace(url=lambda context, value: value))
    pages = [page(n, headings=n % 3) for n in range(7)]
    whole = [environment(False).get_template("item.html").render(page=p, cluster=view) for p in pages]
    runs.clear()
    framed = [environment(True).get_template("item.html").render(page=p, cluster=view) for p in pages]
    assert framed == whole
    assert 'href="#h1" class="md-skip"' in framed[1] and "md-skip" not in framed[0]
    # Two frames (with headings, without); the code outside the blocks ran for each frame and
    # once more for the second page of each, which is checked against the page rendered whole.
    assert len(view.frames) == 2 and all(view.frames.values()) and len(runs) == 2 * 2

    # A template that writes the page's title outside the blocks: caught on the second page.
    templates["odd.html"] = "{% extends \"base.html\" %}{% block site_nav %}{{ page.title }}{{ super() }}{% endblock %}"
    view.frames.clear()
    whole = [environment(False).get_template("odd.html").render(page=p, cluster=view) for p in pages]
    framed = [environment(True).get_template("odd.html").render(page=p, cluster=view) for p in pages]
    assert framed == whole and list(view.frames.values()) == [None, None]
