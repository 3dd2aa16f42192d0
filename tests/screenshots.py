"""Full-page screenshots of every page type, both languages, at 320, 375, 768 and 1280 px.

For people to review the site's look (not a test): `make screenshots` builds the site, serves it
on 127.0.0.1 and writes PNGs to screenshots/ (or the folder given), named page--lang--width.png.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
WIDTHS = (320, 375, 768, 1280)
# One page of each type; the English site has the same paths under en/.
PAGES = {
    "home": "index.html", "about": "about.html", "get-involved": "get-involved.html", "members": "members.html",
    "offers": "offers.html", "topics": "topics.html", "topic": "topics/energie.html", "news": "news.html",
    "news-item": "news/2022-10-21-go-cluster-jahrestreffen.html", "events": "events.html",
    "event": "events/2023-11-08-clusters-meet-regions-duesseldorf.html", "tag": "tags/europa.html",
    "contact": "contact.html", "search": "search.html", "imprint": "imprint.html", "404": "404.html",
    "privacy": "privacy.html", "accessibility": "accessibility.html", "easy-language": "leichte-sprache.html",
    "sign-language": "sign-language.html", "subscribe": "subscribe.html",
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--widths", default=",".join(map(str, WIDTHS)))
    parser.add_argument("--pages", default="", help="comma-separated page names (default: all)")
    parser.add_argument("--langs", default="de,en")
    parser.add_argument("--first-screen", action="store_true", help="only what shows before scrolling (900 px high)")
    args = parser.parse_args(argv)
    widths = [int(w) for w in args.widths.split(",")]
    pages = {name: path for name, path in PAGES.items() if not args.pages or name in args.pages.split(",")}
    args.out.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    missing = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for width in widths:
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            for lang in args.langs.split(","):
                prefix = "" if lang == "de" else f"{lang}/"
                for name, path in pages.items():
                    if not (args.site / prefix / path).exists():
                        missing.append(prefix + path)
                        continue
                    page.goto(base + prefix + path)
                    page.screenshot(path=str(args.out / f"{name}--{lang}--{width}.png"), full_page=not args.first_screen)
            context.close()
        browser.close()
    server.shutdown()
    print(f"Screenshots in {args.out}")
    for path in sorted(set(missing)):
        print(f"not in the build: {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
