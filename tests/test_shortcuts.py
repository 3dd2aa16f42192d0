"""Shortcuts the build takes for speed change nothing in its output.

Needle checks before Python-Markdown's slow patterns (markdown_render.py), and MkDocs' `url`
filter remembered per folder (folder_urls.py).
"""

from __future__ import annotations

import re

import markdown
import pytest
from mkdocs.config import load_config

from cluster_site.markdown_render import SharedMarkdown, skip_hopeless_scans, skip_plain_text
from conftest import ROOT

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


def test_the_build_converter_changes_no_output():
    # Needle checks, and the inline patterns as a plain list: the build's converter against a
    # plain one, on the shipped content and the edge cases.
    shared = SharedMarkdown(load_config(str(ROOT / "mkdocs.yml"))).md
    assert isinstance(shared.treeprocessors["inline"].inlinePatterns, list)
    plain = _converter(skip=False)
    for text in _texts():
        plain.reset()
        shared.reset()
        assert shared.convert(text) == plain.convert(text), text[:200]


def test_remembered_link_targets_are_the_files_mkdocs_finds():
    from mkdocs.structure.files import File, Files

    from cluster_site.markdown_render import _RememberedLookups

    files = Files([File(path, str(ROOT / "docs"), "/tmp/site", False) for path in ("index.md", "news.md", "img/a.png")])
    remembered = _RememberedLookups(files)
    for path in ["index.md", "news.md", "img/a.png", "missing.md", "", "news.md", "missing.md"]:
        assert remembered.get_file_from_path(path) is files.get_file_from_path(path), path
    assert remembered.src_uris is files.src_uris  # the rest is the files' own


def test_links_remembered_per_folder_are_the_links_mkdocs_makes():
    from jinja2 import Environment
    from markupsafe import escape
    from mkdocs.utils.templates import url_filter

    from cluster_site.folder_urls import FolderUrls

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
            # Rendered once while marking (as a teaser is), then filled in for this page:
            # the same text as the link written for this page, escaped as our templates do.
            with remembered.marking():
                marked = "".join(f'<a href="{escape(remembered.url(context, value))}">' for value in values + ["a&b.html"])
            assert remembered.fill(context, marked) == "".join(
                f'<a href="{escape(url_filter(context, value))}">' for value in values + ["a&b.html"]), (page_url, base_url)


def test_pages_rendered_by_the_build_converter_are_the_pages_mkdocs_renders():
    # Content, table of contents and title of each page as MkDocs' own Page.render makes them,
    # with and without a [TOC] marker in the text (the build converter skips the TOC's HTML
    # where the text does not place it).
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
