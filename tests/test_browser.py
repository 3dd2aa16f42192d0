"""The built site in a real browser (Debian's Chromium via Playwright), served on 127.0.0.1.

Journeys a visitor makes in both languages, accessibility on every page type by two engines
(axe-core with WCAG 2.0/2.1 A and AA, and HTML_CodeSniffer's WCAG2AA standard as pa11y runs it),
keyboard use, privacy (no third-party request, no cookie, no storage), and the narrow screen
(nothing scrolls sideways or sits outside the screen at 320 and 375 px).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import icalendar
import pytest

from conftest import ROOT, SUMMARY

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
HTMLCS = ROOT / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
# HTML_CodeSniffer's errors (type 1) under WCAG2AA: what pa11y reports by default.
HTMLCS_ERRORS = """() => new Promise(resolve => HTMLCS.process("WCAG2AA", document, () => resolve(
    HTMLCS.getMessages().filter(m => m.type === 1).map(m => [m.code, m.msg, m.element.outerHTML.slice(0, 200)]))))"""
# Every element that can be seen and is (partly) outside the screen's width, unless it sits in
# something that scrolls or clips on its own and is itself on screen (a wide table's frame).
OUTSIDE_SCREEN = """() => {
    const width = document.documentElement.clientWidth, outside = [];
    for (const el of document.body.querySelectorAll("*")) {
        const box = el.getBoundingClientRect();
        // Not shown: hidden, or inside something closed (a <details> menu keeps its links laid out).
        if (box.width < 2 || box.height < 2 || !el.checkVisibility({visibilityProperty: true})) continue;
        let framed = false;
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
            if (getComputedStyle(up).overflowX !== "visible" && up.getBoundingClientRect().right <= width + 0.5) { framed = true; break; }
        }
        if (!framed && (box.left < -0.5 || box.right > width + 0.5))
            outside.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")}: ${Math.round(box.left)}..${Math.round(box.right)}`);
    }
    return outside;
}"""
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

NEWS = "news/2022-10-21-go-cluster-jahrestreffen.html"
EVENT = "events/2023-11-08-clusters-meet-regions-duesseldorf.html"
PAGE_TYPES = [
    "index.html", "about.html", "members.html", "offers.html", "topics.html", "topics/energie.html",
    "news.html", "news/2022.html", NEWS, "events.html", "events/2023.html", EVENT, "tags.html", "tags/europa.html",
    "contact.html", "imprint.html", "privacy.html", "accessibility.html", "404.html",
    "leichte-sprache.html", "sign-language.html", "search.html", "subscribe.html",
]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


def _path(url: str, server: str) -> str:
    return url[len(server):].split("#")[0]


# --- journeys ----------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_home_to_newest_news_item_and_to_an_event(page, server, prefix):
    page.goto(server + prefix + "index.html")
    first = page.locator("#home-news ~ article.cluster-news-card h3 a").first
    title = first.inner_text()
    first.click()
    assert page.locator("h1").first.inner_text() == title
    assert _path(page.url, server) == prefix + "news/2023-11-09-clusters-meet-regions-duesseldorf.html"
    page.goto(server + prefix + "index.html")
    page.get_by_role("link", name="Alle Veranstaltungen" if not prefix else "All events").click()
    page.locator("article.cluster-teaser h3 a").first.click()
    assert _path(page.url, server).startswith(prefix + "events/")
    assert page.locator("time").first.is_visible()


@pytest.mark.parametrize("start, target", [(NEWS, "en/" + NEWS), ("en/about.html", "about.html")])
def test_language_switcher_on_an_inner_page(page, server, start, target):
    page.goto(server + start)
    lang = "en" if target.startswith("en/") else "de"
    page.locator(f'.cluster-languages a[hreflang="{lang}"]').click()  # "DE | EN" in the service bar
    assert _path(page.url, server) == target
    assert page.locator("html").get_attribute("lang") == lang


MENU = {"": "Menü", "en/": "Menu"}


def _accessible_node(page, name: str) -> dict:
    """What a screen reader is told about the element named `name`: Chromium's accessibility tree."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    session.detach()
    found = [n for n in nodes if not n.get("ignored") and n.get("name", {}).get("value") == name
             and n["role"]["value"] not in ("StaticText", "InlineTextBox")]
    assert len(found) == 1, [(n["role"]["value"], n.get("name", {}).get("value")) for n in found]
    properties = {p["name"]: p["value"].get("value") for p in found[0].get("properties", [])}
    return {"role": found[0]["role"]["value"], "expanded": properties.get("expanded")}


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_phone_menu_opens_by_touch_and_by_keyboard(browser, server, prefix):
    """On a phone the sections sit behind one menu button (a <details>, no JavaScript): screen
    readers hear a button that says whether it is open; opened by touch or keyboard, every section
    is on screen, the current one marked; a page under a section is one more link away."""
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server + prefix + "index.html")
    panel = page.locator(".cluster-menu__panel")
    assert not page.locator(".md-tabs").is_visible() and not panel.is_visible()
    assert _accessible_node(page, MENU[prefix]) == {"role": "DisclosureTriangle", "expanded": False}
    # By keyboard: Tab reaches the button, Enter opens it, Tab goes on into its links, Enter on the button closes it.
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('summary.cluster-menu__button')"):
            break
    else:
        pytest.fail("Tab never reaches the menu button")
    page.keyboard.press("Enter")
    assert panel.is_visible() and _accessible_node(page, MENU[prefix])["expanded"] is True
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.cluster-menu__panel') !== null")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert not panel.is_visible() and _accessible_node(page, MENU[prefix])["expanded"] is False
    # By touch: every section (and the call to take part) inside the screen, the current one marked.
    page.locator("summary.cluster-menu__button").tap()
    links = panel.locator("a")
    assert links.count() >= 7
    for width in (320, 375):
        page.set_viewport_size({"width": width, "height": 667})
        assert page.evaluate(OUTSIDE_SCREEN) == [], width
        for index in range(links.count()):
            box = links.nth(index).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width and box["height"] >= 24, links.nth(index).inner_text()
    assert panel.locator("[aria-current=page]").inner_text() == links.first.inner_text()
    panel.locator("a[href$='about.html']").tap()
    page.wait_for_url(server + prefix + "about.html")
    page.locator("summary.cluster-menu__button").tap()
    assert panel.locator("[aria-current]").get_attribute("href").endswith("about.html")
    page.keyboard.press("Escape")  # a details element does not close on Escape: the button does
    page.locator("summary.cluster-menu__button").tap()
    page.locator("#main a[href$='members.html']").first.tap()
    page.wait_for_url(server + prefix + "members.html")
    # The section's other pages, which wide screens list in the sidebar, end the page.
    page.wait_for_load_state()
    section = page.locator(".cluster-section-nav")
    assert section.is_visible() and section.locator("[aria-current=page]").inner_text() == page.locator("h1").inner_text()
    section.locator("a[href$='offers.html']").tap()
    page.wait_for_url(server + prefix + "offers.html")
    page.wait_for_load_state()
    # Wide screens: tabs and the section's pages in the left column, no menu button.
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.locator(".md-tabs").is_visible() and not page.locator(".cluster-menu").is_visible()
    assert not page.locator(".cluster-section-nav").is_visible() and page.locator(".md-sidebar--primary").is_visible()
    context.close()


@pytest.mark.parametrize("width", [320, 375])
def test_page_content_starts_near_the_top_on_phones(browser, server, width):
    """The header leaves the first screen to the page: `main` starts within 200 px, its heading
    in the first screen (after a notice where there is one), on every page type in both languages;
    search and the languages stay in sight."""
    context = browser.new_context(viewport={"width": width, "height": 667}, is_mobile=True, has_touch=True)
    page = context.new_page()
    late = []
    for path in PAGE_TYPES + ["en/" + p for p in PAGE_TYPES]:
        page.goto(server + path)
        top = page.evaluate("[document.querySelector('main').getBoundingClientRect().top, document.querySelector('h1').getBoundingClientRect().top]")
        if top[0] > 200 or top[1] > 400:
            late.append((path, top))
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    assert late == []
    page.goto(server + "news.html")
    for name in ("Suchen", "DE Deutsch", "EN English"):
        assert page.get_by_role("link", name=name, exact=True).is_visible(), name
    context.close()


@pytest.mark.parametrize("path, links", [("news.html", 0), ("contact.html", 0), ("about.html", 3), ("en/members.html", 3)])
def test_left_column_lists_a_section_not_a_single_page(browser, server, path, links):
    """The left column shows the current section's pages; on a page that is a section of its own
    it would hold one link to the page itself, so it stays empty."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(server + path)
    shown = page.locator(".md-sidebar--primary a:visible")
    assert shown.count() >= links if links else shown.count() == 0
    context.close()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_event_calendar_file_downloads_and_parses(page, server, prefix):
    page.goto(server + prefix + EVENT)
    link = page.locator('a[type="text/calendar"]').first
    with page.expect_download() as info:
        link.click()
    data = Path(info.value.path()).read_bytes()
    calendar = icalendar.Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == 1 and "Clusters meet Regions" in str(events[0]["SUMMARY"])


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_feed_link_leads_to_a_feed(page, server, prefix):
    page.goto(server + prefix + "news.html")
    href = page.locator('.cluster-subscribe a[type="application/rss+xml"]').get_attribute("href")
    response = page.request.get(page.url.rsplit("/", 1)[0] + "/" + href)
    assert response.ok
    feed = feedparser.parse(response.body())
    assert not feed.bozo and feed.feed.language == ("en" if prefix else "de") and len(feed.entries) == 3


# --- accessibility -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def audit_page(browser):
    """One tab for the accessibility engines, which go from page to page (each page starts
    without them): they are injected as inline scripts, so the tab ignores the policy."""
    context = browser.new_context(bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", [p for p in PAGE_TYPES] + ["en/" + p for p in PAGE_TYPES])
def test_axe_and_html_codesniffer_find_no_wcag_aa_problems(audit_page, server, path):
    page = audit_page
    page.goto(server + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_AA)
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"]]
    page.add_script_tag(path=str(HTMLCS))
    errors = page.evaluate(HTMLCS_ERRORS)
    assert violations == [], violations
    assert errors == [], errors


@pytest.mark.parametrize("path, title, count", [
    ("feeds/news.rss.xml", "Cluster Dekarbonisierung der Industrie – Aktuelles", 3),
    ("en/feeds/news.atom.xml", "Cluster Decarbonisation of Industry – News", 3),
    ("feeds/tags/wasserstoff.atom.xml", "Cluster Dekarbonisierung der Industrie – Schlagwort: Wasserstoff", 1),
])
def test_a_feed_opened_in_the_browser_reads_as_a_page(browser, server, path, title, count):
    """feed.xsl turns RSS and Atom into a page in the feed's language: what a feed is, how to
    subscribe, the items with their dates; in the site's colours, accessible, nothing from elsewhere."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server + path)
    lang = "en" if path.startswith("en/") else "de"
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator("h1").inner_text() == title
    items = page.locator("ol.feed-items > li")
    assert items.count() == count
    assert all(href.startswith("https://www.cluster-dekarbonisierung.de/") for href in items.locator("a").evaluate_all("as => as.map(a => a.href)"))
    if count == 3:  # the Düsseldorf report's source gives no publication date: none is shown
        dates = [items.nth(n).locator(".feed-date").all_inner_texts() for n in range(3)]
        assert dates == [[], ["21. Oktober 2022"] if lang == "de" else ["21 October 2022"], ["23. September 2021"] if lang == "de" else ["23 September 2021"]]
    how = page.locator(".feed-notice a")
    assert how.get_attribute("href") == ("/subscribe.html" if lang == "de" else "/en/subscribe.html")
    colour = page.evaluate("getComputedStyle(document.querySelector('.feed-header')).backgroundColor")
    assert colour != "rgba(0, 0, 0, 0)", "brand.css and feed.css were loaded"
    assert all(urlsplit(url).netloc == urlsplit(server).netloc for url in requested), requested
    page.add_script_tag(path=str(AXE))
    # Chromium announces in the page that it will drop XSLT; that notice is the browser's, not ours.
    result = page.evaluate(
        "async (tags) => await axe.run({exclude: [['xslt-warning-banner']]}, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_AA)
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"]]
    context.close()
    assert violations == [], violations


def test_a_feed_page_keeps_to_the_sites_policy(browser, server, site):
    """Served with the headers a static host reads from site/_headers, the styled feed breaks no
    rule of the content security policy (no inline style or script in feed.xsl's output)."""
    rules = {block.split("\n", 1)[0]: block for block in (site.site / "_headers").read_text(encoding="utf-8").strip().split("\n\n")}
    policy = next(line.split(": ", 1)[1] for line in rules["/feeds/*"].splitlines() if "Content-Security-Policy" in line)
    context = browser.new_context()
    page = context.new_page()
    violations = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)

    def with_policy(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    page.route("**/*", with_policy)
    page.goto(server + "feeds/news.rss.xml")
    colour = page.evaluate("getComputedStyle(document.querySelector('.feed-header')).backgroundColor")
    # Chromium's own notice that it will drop XSLT is styled inline and is all the policy blocks.
    inline = page.evaluate("""() => [...document.querySelectorAll('[style], style, script')]
                                     .filter(e => !e.closest('xslt-warning-banner')).map(e => e.outerHTML.slice(0, 80))""")
    banner = page.evaluate("document.querySelectorAll('xslt-warning-banner').length")
    page.unroute_all(behavior="ignoreErrors")  # a late request (the favicon) must not meet a closed context
    context.close()
    assert colour != "rgba(0, 0, 0, 0)", "the site's stylesheets load under the policy"
    assert inline == [], inline
    assert len(violations) == 0 or banner, violations


def test_accessibility_engines_report_a_planted_problem(page):
    page.set_content('<!doctype html><html lang="de"><title>x</title><main><a href="/"><img src="x.png"></a>'
                     '<input type="checkbox"></main></html>')
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    assert "image-alt" in [v["id"] for v in result["violations"]]
    page.add_script_tag(path=str(HTMLCS))
    codes = [code for code, _, _ in page.evaluate(HTMLCS_ERRORS)]
    assert any(".H30." in code for code in codes) and any("InputCheckbox.Name" in code for code in codes), codes


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_keyboard_skip_link_focus_and_language_switcher(page, server, prefix):
    page.goto(server + prefix + "members.html")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => ({cls: document.activeElement.className, href: document.activeElement.getAttribute('href')})")
    assert "cluster-skip" in focused["cls"] and focused["href"] == "#main"
    skip = page.locator(".cluster-skip")
    assert skip.is_visible() and skip.bounding_box()["height"] > 0, "the skip link shows when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"

    # Visible focus: the focused link draws an outline.
    page.goto(server + prefix + "members.html")
    for _ in range(4):
        page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).outlineWidth")
    assert not outline.startswith("none"), outline

    # The language switcher by keyboard alone: tab to the other language's link.
    other = "de" if prefix else "en"
    page.goto(server + prefix + "members.html")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.closest('.cluster-languages') && document.activeElement.getAttribute('hreflang')") == other:
            break
    else:
        pytest.fail("the other language is not reachable by Tab")
    assert page.locator(f'.cluster-languages a[hreflang="{other}"]').is_visible()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == other


# --- Content-Security-Policy -----------------------------------------------------------------

# Records every violation of the page's policy (Playwright's init scripts run whatever the policy).
RECORD_VIOLATIONS = """window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));"""


@pytest.mark.parametrize("with_policy", [True, False])
def test_script_that_slipped_into_a_page_does_not_run(page, server, site, with_policy):
    """Were the sanitizer ever to miss something, the policy still stops it: an inline script and
    an event handler planted in the built home page do not run (and without the policy they would,
    which shows the check can fail)."""
    html = (site.site / "index.html").read_text(encoding="utf-8")
    planted = ('<script>document.documentElement.dataset.inline = "ran"</script>'
               '<img src="missing.png" alt="" onerror="document.documentElement.dataset.handler = \'ran\'">')
    html = html.replace('<div id="main"', planted + '<div id="main"', 1)
    if not with_policy:
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    probe = site.site / "csp-probe.html"
    probe.write_text(html, encoding="utf-8")
    try:
        page.add_init_script(RECORD_VIOLATIONS)
        page.goto(server + "csp-probe.html", wait_until="networkidle")
        ran = page.evaluate("[document.documentElement.dataset.inline, document.documentElement.dataset.handler]")
        violations = page.evaluate("window.__violations")
    finally:
        probe.unlink()
    if with_policy:
        assert ran == [None, None], ran
        assert any(v.startswith("script-src") for v in violations), violations
    else:
        assert ran == ["ran", "ran"], ran


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_leichte_sprache_is_set_by_its_rules(page, server, prefix):
    """One statement per line, larger type than other pages, left-aligned, no automatic hyphenation."""
    page.goto(server + prefix + "about.html")
    usual = page.evaluate("parseFloat(getComputedStyle(document.querySelector('#main p')).fontSize)")
    page.goto(server + prefix + "leichte-sprache.html")
    first = page.locator("#main p", has_text="Hier lesen Sie").first  # after the English page's notice
    style = first.evaluate("p => { const s = getComputedStyle(p); return [parseFloat(s.fontSize), parseFloat(s.lineHeight), s.whiteSpace, s.textAlign, s.hyphens]; }")
    size, line_height, white_space, align, hyphens = style
    assert size >= 1.15 * usual and white_space == "pre-line" and align in ("left", "start") and hyphens != "auto", style
    # "Hier lesen Sie das Wichtigste über uns. / Und über diese Internet-Seite.": two statements, two lines, even on a wide screen.
    assert first.bounding_box()["height"] >= 1.9 * line_height


# --- privacy ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def visitor_tab(browser):
    """One tab that goes from page to page as a visitor's does, recording policy violations."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    yield page
    context.close()


@pytest.fixture
def visited(visitor_tab):
    """The visitor's tab, and every address it requests meanwhile; afterwards without cookies
    and storage, so that each page is checked for its own."""
    requested: list[str] = []
    record = lambda request: requested.append(request.url)  # noqa: E731
    visitor_tab.on("request", record)
    yield visitor_tab, requested
    visitor_tab.remove_listener("request", record)
    visitor_tab.context.clear_cookies()
    visitor_tab.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")


@pytest.mark.parametrize("path", PAGE_TYPES + ["en/" + p for p in PAGE_TYPES] + ["search.html?q=Transformation", "en/search.html?q=cluster"])
def test_pages_keep_to_their_policy_and_to_the_site(visited, server, path):
    """Every page, in both languages, works under its own Content-Security-Policy (no inline
    script or style of ours is blocked, and search, a module with WebAssembly, runs), requests
    nothing from another host, sets no cookie and no storage, and does not scroll sideways on
    the narrowest screens (320 and 375 px wide), where no element sits outside the screen."""
    page, requested = visited
    page.set_viewport_size({"width": 320, "height": 740})
    # Only the search page runs a script (test_site.py checks that every other page has none), so
    # only there can anything be requested after the load event.
    page.goto(server + path, wait_until="networkidle" if "search" in path else "load")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self' 'wasm-unsafe-eval'" in policy and "unsafe-inline" not in policy
    if "?q=" in path:
        page.locator("#cluster-search-results li").first.wait_for(timeout=10000)
        page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__violations") == []
    host = urlsplit(server).netloc
    foreign = [url for url in requested if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != host]
    assert foreign == [], foreign
    assert page.context.cookies() == []
    storage = page.evaluate("() => [localStorage.length, sessionStorage.length]")
    assert storage == [0, 0], storage
    for width in (320, 375):
        page.set_viewport_size({"width": width, "height": 740})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.evaluate(OUTSIDE_SCREEN) == [], width


def test_outside_screen_check_finds_a_planted_wide_element(page):
    page.set_viewport_size({"width": 320, "height": 740})
    page.set_content('<!doctype html><html lang="de"><title>x</title><body style="margin:0;overflow-x:hidden">'
                     '<p class="wide" style="width:400px">breit</p><div style="overflow-x:auto"><table><tr>'
                     '<td style="min-width:600px">in a frame that scrolls</td></tr></table></div></body></html>')
    assert page.evaluate(OUTSIDE_SCREEN) == ["p.wide: 0..400"]


# --- search ----------------------------------------------------------------------------------


def _search(page, server, prefix, query):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server + prefix + "search.html", wait_until="networkidle")
    before = [url for url in requested if "/pagefind/" in url]
    page.fill("#cluster-search-input", query)
    page.locator("#cluster-search-results li").first.wait_for(timeout=10000)
    page.wait_for_load_state("networkidle")
    links = [a.get_attribute("href") for a in page.locator("#cluster-search-results li a").all()]
    return before, [url for url in requested if "/pagefind/" in url], links


def test_search_finds_german_words_with_stemming_on_the_german_site_only(page, server):
    before, loaded, links = _search(page, server, "", "Clustern")
    assert before == [], "nothing of the index loads before the visitor searches"
    assert any("2021-09-23-go-cluster-virtuelles-clustertreffen" in link for link in links), links
    assert all("/en/" not in link for link in links), links
    assert not any("pagefind.en_" in url or "wasm.en" in url for url in loaded), loaded
    # German stemming: the plural "Transformationen" is on no page, the singular on many.
    html = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "content").rglob("*.de.md"))
    assert "Transformationen" not in html and "Transformation" in html
    page.fill("#cluster-search-input", "Transformationen")
    page.locator("#cluster-search-status").filter(has_text="Treffer für").wait_for()
    assert "Keine" not in page.locator("#cluster-search-status").inner_text()
    assert page.locator("#cluster-search-results li").count() > 0


# "Wasserstoff" on the English site: Pagefind would answer with every page that has "was".
@pytest.mark.parametrize("prefix, query, other", [("", "sustainability", "en/"), ("en/", "Kreislaufwirtschaft", ""),
                                                  ("en/", "Wasserstoff", "")])
def test_search_without_hits_offers_the_same_words_in_the_other_language(page, server, prefix, query, other):
    page.goto(server + prefix + "search.html?q=" + query)
    elsewhere = page.locator("#cluster-search-elsewhere")
    elsewhere.wait_for(state="visible", timeout=10000)
    assert page.locator("#cluster-search-results li").count() == 0
    elsewhere.locator("a").click()
    assert _path(page.url, server).split("?")[0] == other + "search.html" and page.url.endswith("?q=" + query)
    page.locator("#cluster-search-results li").first.wait_for(timeout=10000)
    assert not page.locator("#cluster-search-elsewhere").is_visible()


def test_search_finds_english_words_on_the_english_site_only(page, server):
    before, loaded, links = _search(page, server, "en/", "sustainability")
    assert before == []
    assert links and all("/en/" in link for link in links), links
    assert not any("pagefind.de_" in url or "wasm.de" in url for url in loaded), loaded


@pytest.mark.parametrize("prefix, query, label", [("", "Clustern", "Suchbegriff"), ("en/", "sustainability", "Search term")])
def test_header_search_field_searches_from_any_page_and_loads_nothing_before(page, server, prefix, query, label):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server + prefix + NEWS)
    field = page.get_by_role("search").get_by_label(label)  # the header's field, named for screen readers
    field.fill(query)
    assert not [url for url in requested if "/pagefind/" in url], "typing in the header loads nothing"
    field.press("Enter")
    page.locator("#cluster-search-results li").first.wait_for(timeout=10000)
    assert _path(page.url, server).split("?")[0] == prefix + "search.html"
    assert page.locator("#cluster-search-input").input_value() == query
    assert any(f"/{prefix}pagefind/" in url for url in requested)


def test_search_leaves_out_listings_and_finds_nothing_for_nonsense(page, server):
    _, _, links = _search(page, server, "", "Transformation")
    assert links and not any(link.rstrip("/").endswith(("news.html", "tags.html", "search.html")) for link in links)
    page.fill("#cluster-search-input", "Xylophonquark")
    page.locator("#cluster-search-status").filter(has_text="Keine Treffer").wait_for()


def test_privacy_page_states_what_the_privacy_tests_prove(site):
    german = site.text("privacy.html")
    # What the tests above prove of the public pages (the editing page stores a login: its own section).
    assert "Die öffentlichen Seiten dieser Website setzen keine Cookies, speichern nichts in Ihrem Browser" in german
    assert "keine externen Schriften" in german
    english = site.text("en/privacy.html")
    assert "The public pages of this website set no cookies, store nothing in your browser" in english and "third" in english.lower()



# --- weight ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["index.html", NEWS, EVENT, "news.html", "search.html", "en/index.html", "en/" + NEWS])
def test_first_load_is_light(page, server, site, path):
    """At most 15 requests and 120 KB as a web server would send it (gzip), on a first visit."""
    import gzip

    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server + path, wait_until="networkidle")
    local = [urlsplit(url).path.lstrip("/") for url in requested if url.startswith(server)]
    files = [site.site / (p or "index.html") for p in local]
    assert all(f.is_file() for f in files), local
    transferred = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
    SUMMARY.append(f"  first load {path:60} {len(local):2d} requests {transferred / 1024:6.1f} KB gzip")
    assert len(local) <= 15, local
    assert transferred <= 120 * 1024, (transferred, local)
