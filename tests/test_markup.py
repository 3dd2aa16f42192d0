"""markup.repair: the few fixes of Material's HTML that the Nu Html Checker and the accessibility
engines ask for, nothing else (test_browser.py and test_findable.py check the built pages)."""

from __future__ import annotations

from cluster_site.outputs.markup import repair

TOGGLE = '<input class="md-toggle" data-md-toggle="palette" type="checkbox" id="__palette_2" autocomplete="off">'
DRAWER = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'


def test_a_checkbox_toggle_loses_autocomplete():
    html = f"<body>{TOGGLE}{TOGGLE.replace('2', '3')}<p>autocomplete=\"off\"</p></body>"
    assert repair(html) == (
        '<body><input class="md-toggle" data-md-toggle="palette" type="checkbox" id="__palette_2">'
        '<input class="md-toggle" data-md-toggle="palette" type="checkbox" id="__palette_3">'
        '<p>autocomplete="off"</p></body>')


def test_the_unused_drawer_and_search_toggles_go_and_nothing_points_at_them():
    html = (f"<body>{DRAWER}{DRAWER.replace('drawer', 'search')}"
            '<label class="md-overlay" for="__drawer"></label>'
            '<nav><label class="md-nav__title" for="__drawer">Site</label></nav></body>')
    assert repair(html) == '<body><nav><label class="md-nav__title">Site</label></nav></body>'


def test_other_inputs_keep_autocomplete():
    text_input = '<input class="md-toggle" type="text" autocomplete="off">'
    before_type = '<input class="md-toggle" autocomplete="off" type="checkbox">'
    other_class = '<input class="md-search__input" type="checkbox" autocomplete="off">'
    for html in (text_input, before_type, other_class, '<input class="md-toggle" type="checkbox"'):
        assert repair(html) == html


def test_empty_tabindex_goes():
    assert repair('<label class="md-nav__link" tabindex="">A</label>') == '<label class="md-nav__link">A</label>'


def test_the_toc_title_points_at_its_toggle_only_if_it_exists():
    label = '<label class="md-nav__title" for="__toc">Inhalt</label>'
    assert repair(label) == '<label class="md-nav__title">Inhalt</label>'
    with_toggle = f'<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">{label}'
    assert repair(with_toggle) == with_toggle


def test_a_toc_toggle_nothing_labels_goes():
    toggle = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
    assert repair(f'<li>{toggle}<a href="x.html">X</a></li>') == '<li><a href="x.html">X</a></li>'


def test_nested_navigation_loses_aria_expanded_and_nothing_else():
    html = ('<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_2_label" aria-expanded="true"><ul></ul></nav>'
            '<nav class="md-nav" data-md-level="2" aria-expanded="false"></nav><button aria-expanded="false">B</button>')
    assert repair(html) == ('<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_2_label"><ul></ul></nav>'
                            '<nav class="md-nav" data-md-level="2"></nav><button aria-expanded="false">B</button>')


def test_a_page_without_any_of_them_is_unchanged():
    html = "<html><body><p>Nothing to repair &amp; no toggles.</p></body></html>"
    assert repair(html) == html
