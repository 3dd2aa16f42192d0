"""The shortcuts for speed (hooks/cluster_site/speed/) change nothing in the site, byte for byte.

One rich site (many items and listing pages, tags, images, links, a third language, pages with
and without headings) is built with the shortcuts and with the plain libraries
(CLUSTER_SITE_SPEED=0); every output file must be the same. The unit tests below pin each
shortcut's own check against its library.
"""

from __future__ import annotations

import re
import shutil
import sys

import markdown
import pytest
from mkdocs.config import load_config

from cluster_site.speed.markdown_render import SharedMarkdown, skip_hopeless_scans, skip_plain_text
from conftest import ROOT, content_with_news, different_files, run_build, override

sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402  (bench/corpus.py: the benchmark's synthetic bilingual items)

POLISH = """        - locale: pl
          name: Polski
          build: true
"""


def _rich_site(dest):
    """bench/corpus.py's items (headings, lists, links, an image, two tags each) at a size with
    several listing pages, a third language with some items of its own, and items without headings."""
    project = corpus.write_ours(dest, 36)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(          nav_translations:\n(?:            .*\n)+)", r"\1" + POLISH, config)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    (project / "content/ui").mkdir(exist_ok=True)
    (project / "content/ui/pl.yml").write_text("page.news: Aktualności\n", encoding="utf-8")
    for n, item in enumerate(sorted((project / "content/news").glob("*.de.md"))[:12]):
        text = item.read_text(encoding="utf-8")
        if n % 3 == 0:  # no headings: no table of contents, no skip link to it
            text = re.sub(r"^## .*\n", "", text, flags=re.M)
            item.write_text(text, encoding="utf-8")
        if n % 2 == 0:
            item.with_name(item.name.replace(".de.md", ".pl.md")).write_text(text.replace("title: '", "title: 'PL "), encoding="utf-8")
    return project


def test_the_shortcuts_change_nothing_in_the_site(tmp_path):
    project = _rich_site(tmp_path / "project")
    sites = {}
    for switch in ("1", "0"):
        build = run_build(project, extra_env={"CLUSTER_SITE_SPEED": switch, "CLUSTER_SITE_JOBS": "2"})
        assert build.result.returncode == 0, build.output[-3000:]
        if switch == "1":  # the shortcuts ran and their own checks found nothing to give up on
            for fallback in ("rendered whole", "rendered per page", "Rendering Markdown as MkDocs does"):
                assert fallback not in build.output, fallback
        sites[switch] = shutil.move(str(build.site), str(tmp_path / f"site-{switch}"))
    fast, plain = tmp_path / "site-1", tmp_path / "site-0"
    assert len(list(fast.rglob("*.html"))) > 300 and (fast / "pl/news.html").is_file()
    assert (fast / "news/page/2.html").is_file() and (fast / "tags").is_dir()
    assert different_files(plain, fast) == []


def test_a_wrong_switch_is_named_before_anything_is_built(project):
    build = run_build(project, extra_env={"CLUSTER_SITE_SPEED": "fast"})
    assert build.result.returncode != 0 and "Traceback" not in build.output
    assert "CLUSTER_SITE_SPEED='fast': expected 1 (all shortcuts, the default), 0 (plain libraries) or some of loading, languages" in build.output


def test_compiled_templates_are_kept_for_the_next_build_and_an_edited_one_is_compiled_again(project, tmp_path):
    """`templates`: a build keeps the templates it compiled in the user's cache folder (not in the
    project); the next build compiles only a template edited since, and the pages show the edit."""
    users_cache = {"XDG_CACHE_HOME": str(tmp_path / "users-cache")}
    cache = tmp_path / "users-cache/cluster-site/templates"
    footer = override(project, "partials/footer.html")  # the site's own footer, edited below
    assert run_build(project, extra_env=users_cache).result.returncode == 0
    written = {path.name: path.stat().st_mtime_ns for path in cache.iterdir()}
    assert len(written) > 20, sorted(written)
    assert not (project / ".cache/templates").exists()
    footer.write_text(footer.read_text(encoding="utf-8") + "<!-- neu im Fuß -->\n", encoding="utf-8")
    build = run_build(project, extra_env=users_cache)
    assert build.result.returncode == 0, build.output[-2000:]
    assert "<!-- neu im Fuß -->" in (build.site / "index.html").read_text(encoding="utf-8")
    assert "<!-- neu im Fuß -->" in (build.site / "en/news.html").read_text(encoding="utf-8")
    rewritten = [name for name, mtime in written.items() if (cache / name).stat().st_mtime_ns != mtime]
    assert len(rewritten) == 1, rewritten  # the footer's, under the same name (its new checksum inside)
    assert {path.name for path in cache.iterdir()} == set(written)


# Text on the edge of every pattern that gets a needle check, and text without any needle.
EDGE_CASES = [
    "Plain prose without any markup at all, over a few lines\nof ordinary text.",
    "Code: `a`, ``b ` c``, \\`not code\\`, \\\\`code after an escaped backslash`, a lone ` tick.",
    "Backslashes before a tick: \\\\\\\\`x` and \\\\\\`y`.",
    "[inline](https://example.org \"title\"), [ref][r], [short], ![image](a.png), ![ref image][r], \\[not a link].\n\n"
    "[r]: https://example.org/r\n[short]: https://example.org/s",
    "*em*, **strong**, ***both***, _em_, __strong__, snake_case_word, 2 * 3 * 4, a_b*c_d.",
    "Title\n=====\n\nSubtitle\n--------\n\nText\n-\n\nNot a heading\n= no",
    "# One\n\n## Two ##\n\n###### Six\n\n####### seven\n\n#hashtag and C# and #",
    "---\n\n***\n\n_ _ _\n\n- - -\n\n--\n\nText -- with - dashes *",
    "> quoted\n> > nested\n\n    > code, not a quote\n\na > b",
    '!!! note "Hinweis"\n    Inside.\n\n!!! warning\n    Careful.\n\n!! not an admonition\n\n!!!',
    '<div markdown="1">*inside* `html`</div>\n\nA <span>span</span> & &amp; &#169; <https://example.org> <a@b.de>',
    "- item *one*\n- item `two`\n    - nested [link](x.md)\n\n1. first\n2. second\n\n| a | b |\n|---|---|\n| `|` | _c_ |",
    "Line with two spaces  \nbreak, and a {: .class } attr list.\n{: #para-id }",
    "```\n`not inline` *in fence*\n```\n\n~~~python\n# not a heading\n~~~",
    "Fish & chips, &amp; &copy; &#169; and no tag at all.\n\n    indented & code",
    '<div class="note">\n<p>raw *not Markdown*</p>\n</div>\n\nAfter the block, *Markdown*.',
    "a | b\n--|--\n1 | 2\n\nNot | a table\nsecond line\n\n|single|\n|---|\n|cell|",
    "Text with `` ``` `` inline, and a fence that never closes:\n\n```\ncode",
]

def _extensions():
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config["markdown_extensions"], config["mdx_configs"]


def _converter(skip: bool) -> markdown.Markdown:
    extensions, configs = _extensions()
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    if skip:
        skip_hopeless_scans(md)
        assert skip_plain_text(md)
    return md


def _texts() -> list[str]:
    shipped = [path.read_text(encoding="utf-8") for folder in ("content", "docs") for path in sorted((ROOT / folder).rglob("*.md"))]
    return EDGE_CASES + shipped


def test_every_slow_pattern_gets_its_needle_check_with_the_pinned_markdown():
    # A new Python-Markdown that changes one of these patterns would silently lose the speed-up.
    assert skip_hopeless_scans(_converter(skip=False)) == [
        "backtick", "reference", "link", "short_reference", "em_strong",
        "admonition", "hashheader", "setextheader", "hr", "quote", "fenced_code_block", "html_block", "table"]


def test_the_needle_checks_change_no_output():
    plain, fast = _converter(skip=False), _converter(skip=True)
    texts = _texts()
    assert len(texts) > len(EDGE_CASES) + 10  # the shipped content is there too
    for text in texts:
        plain.reset()
        fast.reset()
        assert fast.convert(text) == plain.convert(text), text[:200]


def test_the_needle_checks_still_find_what_is_there():
    md = _converter(skip=True)
    html = md.convert(EDGE_CASES[1] + "\n\n" + EDGE_CASES[4] + "\n\n" + EDGE_CASES[6])
    assert "<code>a</code>" in html and "<em>em</em>" in html and "<strong>strong</strong>" in html
    assert re.search(r"<h6[^>]*>Six</h6>", html)


def test_a_pattern_replaced_by_an_extension_is_left_alone():
    md = _converter(skip=False)
    md.inlinePatterns["backtick"].compiled_re = re.compile(r"`(.+?)`")  # as another extension might
    assert "backtick" not in skip_hopeless_scans(md)
    assert isinstance(md.inlinePatterns["backtick"].compiled_re, re.Pattern)


@pytest.mark.parametrize("text", ["Not a `tick", "Only prose here."])
def test_the_build_converter_has_them(text):
    config = load_config(str(ROOT / "mkdocs.yml"))
    shared = SharedMarkdown(config)
    assert not isinstance(shared.md.inlinePatterns["backtick"].compiled_re, re.Pattern)
    assert shared.md.convert(text) == _converter(skip=False).convert(text)


def test_plain_text_is_given_back_only_while_every_inline_pattern_is_known():
    assert skip_plain_text(_converter(skip=False))  # the pinned Python-Markdown, our extensions
    assert not skip_plain_text(markdown.Markdown(extensions=["footnotes"]))  # adds an inline pattern
    # smarty's patterns (quotes and dashes in plain prose) run in a processor of their own.
    smart = markdown.Markdown(extensions=["smarty"])
    assert skip_plain_text(smart)
    assert smart.convert("It's plain prose -- with a dash.") == "<p>It&rsquo;s plain prose &ndash; with a dash.</p>"
    changed = _converter(skip=False)
    changed.inlinePatterns["link"].compiled_re = re.compile(r"\{\{")  # as another extension might
    assert not skip_plain_text(changed)


def test_plain_text_is_still_marked_up_where_a_pattern_starts_in_it():
    md = _converter(skip=True)
    html = md.convert("A tail after *em* with __strong__, a line  \nbreak, &amp; and <b>bold</b>.\n\n"
                      "\\*escaped\\* and ![img](a.png) and <https://example.org>.")
    for expected in ("<em>em</em>", "<strong>strong</strong>", "<br />", "&amp;", "<b>bold</b>",
                     "*escaped*", '<img alt="img" src="a.png" />', '<a href="https://example.org">'):
        assert expected in html, expected


def test_the_build_converter_changes_no_output():
    # Needle checks and the plain-text skip: the build's converter against a plain one, on the
    # shipped content and the edge cases.
    shared = SharedMarkdown(load_config(str(ROOT / "mkdocs.yml"))).md
    plain = _converter(skip=False)
    for text in _texts():
        plain.reset()
        shared.reset()
        assert shared.convert(text) == plain.convert(text), text[:200]


def test_links_remembered_per_folder_are_the_links_mkdocs_makes():
    from jinja2 import Environment
    from mkdocs.utils.templates import url_filter

    from cluster_site.speed.folder_urls import FolderUrls

    class Page:
        def __init__(self, url):
            self.url = url

    remembered = FolderUrls(url_filter)
    env = Environment()
    values = ["", ".", "./", "index.html", "news.html", "news/", "news/2024-01-01-x.html", "news/page/2.html",
              "../x.html", "assets/style.css", "#top", "/abs.html", "https://example.org/a", "http://example.org/b?c=d#e",
              "https://example.org/a\\b", "https:relative", "en/", "en/news/x/"]
    pages = ["", "index.html", "news.html", "news/x.html", "news/y.html", "news/page/2.html", "news/x/",
             "news/y/", "news", "news/x", "en/", "en/news/x.html", "tags/a/page/3/", "v1.2/", None]
    for base_url in ("", "..", "../.."):
        for page_url in pages:
            context = env.from_string("").new_context(
                {"page": Page(page_url) if page_url is not None else None, "base_url": base_url})
            for value in values * 2:  # the second round answers from memory
                assert remembered.url(context, value) == url_filter(context, value), (page_url, base_url, value)


def test_the_theme_listed_once_gives_mkdocs_the_files_it_lists_itself(tmp_path):
    # MkDocs' own Files.add_files_from_theme, from a plain environment and from the preview's
    # (listed once): the same static files, in the same order, for either set of static
    # templates (the hooks change it per language), and a second time from the listing.
    from mkdocs.structure.files import Files

    from cluster_site.speed.theme_files import list_once

    def theme_files(config) -> list[tuple[str, str]]:
        files = Files([])
        files.add_files_from_theme(config.theme.get_env(), config)
        return [(file.src_uri, file.abs_src_path) for file in files]

    plain, listed = (load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / name)) for name in ("plain", "listed"))
    listings: dict = {}
    list_once(listed.theme, listings)
    for static in ({"404.html"}, {"sitemap.xml"}, set()):
        for config in (plain, listed):
            config.theme.static_templates.clear()
            config.theme.static_templates.update(static)
        expected = theme_files(plain)
        assert any(uri.startswith("assets/javascripts/") for uri, _ in expected)  # Material's scripts
        assert theme_files(listed) == expected == theme_files(listed)
    (hidden, _, shown), = listings.values()
    assert len(hidden) > 1000 and all(name.split("/")[0] != ".icons" for name in shown)  # the icons are set aside


def test_a_filter_that_keeps_dot_files_gets_them_from_the_listing(tmp_path):
    from cluster_site.speed.theme_files import list_once

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    extra = tmp_path / "theme"  # a theme folder with dot files of each kind beside Material's .icons/
    for name in (".well-known/security.txt", "assets/.cache/x.txt", "assets/.keep", "assets/site.js"):
        (extra / name).parent.mkdir(parents=True, exist_ok=True)
        (extra / name).write_text("x\n", encoding="utf-8")
    config.theme.dirs.insert(0, str(extra))
    plain_env = config.theme.get_env()
    list_once(config.theme, {})
    env = config.theme.get_env()
    # All names; the root's dot folders and no nested one; nested ones only; one dot folder of
    # several; one nested dot file; none of them.
    for keep in (lambda name: True, lambda name: "/." not in name, lambda name: not name.startswith("."),
                 lambda name: not name.startswith(".icons"), lambda name: name.endswith(".keep") or name.endswith(".js"),
                 lambda name: name.endswith(".js")):
        assert env.list_templates(filter_func=keep) == plain_env.list_templates(filter_func=keep)
    assert env.list_templates(extensions=["svg"]) == plain_env.list_templates(extensions=["svg"])


def test_pages_rendered_by_the_build_converter_are_the_pages_mkdocs_renders():
    # Content, table of contents and title of each page as MkDocs' own Page.render makes them,
    # each page after another (nothing of one may leak into the next), with and without a [TOC]
    # marker in the text (the build converter skips the TOC's HTML where the text does not place it).
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    config = load_config(str(ROOT / "mkdocs.yml"))
    files = Files([File("index.md", str(ROOT / "docs"), "/tmp/site", False)])
    shared = SharedMarkdown(config)
    texts = _texts() + ["# Title\n\n[TOC]\n\n## One\n\n### One and a half\n\n## Two", "[TOC]", "## Only [TOC] later\n\ntext"]
    placed = 0
    for text in texts + texts[::-1]:  # each text after another, with or without a marker
        ours, theirs = Page(None, files.get_file_from_path("index.md"), config), Page(None, files.get_file_from_path("index.md"), config)
        ours.markdown = theirs.markdown = text
        shared.render(ours, config, files)
        theirs.render(config, files)
        assert (ours.content, str(ours.toc), ours.title) == (theirs.content, str(theirs.toc), theirs.title), text[:200]
        placed += 'class="toc"' in ours.content
    assert placed == 4  # the table of contents was placed where asked, and only there
    assert not shared._as_mkdocs  # the shared converter's own check found no difference


def test_the_frame_is_rendered_once_per_template_folder_and_shape():
    # A small chain of templates shaped like Material's: the code outside the blocks (here it
    # counts its runs) runs once per frame; every page still comes out as rendered whole.
    from types import SimpleNamespace

    from jinja2 import DictLoader, Environment, pass_context

    from cluster_site.speed.page_frame import framed_template

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
            env.template_class = template_class
        env.filters["url"] = pass_context(lambda context, value: value)
        env.globals["count"] = lambda: runs.append(1) or ""
        return env

    def page(n, headings):
        toc = [SimpleNamespace(url=f"#h{n}", title=f"H{n}")] * headings
        return SimpleNamespace(url=f"news/{n}.html", title=f"T{n}", toc=toc, meta={}, content=f"text {n}",
                               file=SimpleNamespace(src_uri=f"news/{n}.md"))

    template_class = framed_template(whole_pages=set())
    pages = [page(n, headings=n % 3) for n in range(7)]
    whole = [environment(False).get_template("item.html").render(page=p) for p in pages]
    runs.clear()
    framed = [environment(True).get_template("item.html").render(page=p) for p in pages]
    assert framed == whole
    assert 'href="#h1" class="md-skip"' in framed[1] and "md-skip" not in framed[0]
    # Two frames (with headings, without); the code outside the blocks ran for each frame and
    # once more for the second page of each, which is checked against the page rendered whole.
    assert len(template_class.frames) == 2 and all(template_class.frames.values()) and len(runs) == 2 * 2

    # A template that writes the page's title outside the blocks: caught on the second page.
    templates["odd.html"] = "{% extends \"base.html\" %}{% block site_nav %}{{ page.title }}{{ super() }}{% endblock %}"
    template_class = framed_template(whole_pages=set())
    whole = [environment(False).get_template("odd.html").render(page=p) for p in pages]
    framed = [environment(True).get_template("odd.html").render(page=p) for p in pages]
    assert framed == whole and list(template_class.frames.values()) == [None, None]

    # A header that shows more of the page than its title: caught too, every page as rendered whole.
    templates["urlhead.html"] = "{% extends \"base.html\" %}{% block header %}<h>{{ page.title }} {{ page.url }}</h>{% endblock %}"
    template_class = framed_template(whole_pages=set())
    whole = [environment(False).get_template("urlhead.html").render(page=p) for p in pages]
    framed = [environment(True).get_template("urlhead.html").render(page=p) for p in pages]
    assert framed == whole


def _load_both_ways(project):
    """The site loaded in this process, and with the item files split between two processes."""
    import datetime as dt
    import functools

    from cluster_site.content import ContentError, Languages
    from cluster_site.site_model import load_site
    from cluster_site.speed.parallel import in_two

    results = []
    for in_parts in (None, functools.partial(in_two, at_least=400)):
        try:
            results.append(load_site(project, Languages(("de", "en"), "de"), project / "docs", dt.date(2026, 11, 1),
                                     in_parts=in_parts))
        except ContentError as error:
            results.append(error.report("de"))
    return results


def test_a_large_site_is_loaded_in_two_processes_with_the_same_result(tmp_path, monkeypatch):
    monkeypatch.setenv("CLUSTER_SITE_JOBS", "2")  # a second process even on one core
    project, _ = content_with_news(tmp_path / "p", 450)  # enough to be split
    one, two = _load_both_ways(project)
    assert len(two.content.news) > 450
    for kind in ("news", "events"):
        assert list(getattr(one.content, kind)) == list(getattr(two.content, kind))  # same items, same order
        assert getattr(one.content, kind) == getattr(two.content, kind)
    assert one.content.lines == two.content.lines


def test_problems_in_both_halves_of_a_large_site_are_all_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("CLUSTER_SITE_JOBS", "2")
    project, names = content_with_news(tmp_path / "p", 450)
    first, last = project / names[5], project / names[440]  # read in this process, and in the second one
    first.write_text(first.read_text(encoding="utf-8").replace("date: 2025", "date: 2025-13"), encoding="utf-8")
    last.write_text(last.read_text(encoding="utf-8").replace("summary:", "zusammenfassung: x\nsummary:"), encoding="utf-8")
    one, two = _load_both_ways(project)
    assert one == two and f"{names[5]}:3: date:" in two and f"{names[440]}:4: zusammenfassung:" in two, two
