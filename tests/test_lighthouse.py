"""Lighthouse (npm, against Debian's Chromium) on home, a news item and an event in both languages.

Prints a small score report; accessibility, best practices and SEO must be 100. The performance
score is recorded, not asserted: it depends on this shared machine (see bench/README.md); what
it rests on and does not depend on the machine is: every request goes to the site itself, and a
page with everything it loads stays small.
"""

from __future__ import annotations

import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import ROOT, SUMMARY

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# Lighthouse's audits with a quarter of its default quiet windows (static pages: nothing starts after
# loading) and no full-page picture in the report: the same audits, less waiting.
SETTINGS = ROOT / "tests" / "lighthouse-settings.json"
FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
         "--disable-component-update --disable-sync")
PAGES = ["index.html", "news/2022-10-21-go-cluster-jahrestreffen.html", "events/2023-11-08-clusters-meet-regions-duesseldorf.html"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@pytest.fixture(scope="module")
def scores(server, tmp_path_factory):
    assert LIGHTHOUSE.exists(), "`make test` installs Lighthouse (npm ci)"
    out = tmp_path_factory.mktemp("lighthouse")

    def audit(path):
        report = out / (path.replace("/", "_") + ".json")
        run = subprocess.run(
            [str(LIGHTHOUSE), server + path, "--quiet", "--output", "json", "--output-path", str(report),
             "--only-categories=" + ",".join(CATEGORIES), f"--config-path={SETTINGS}", f"--chrome-flags={FLAGS}"],
            env=dict(os.environ, CHROME_PATH="/usr/bin/chromium"), capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr[-2000:]
        data = json.loads(report.read_text(encoding="utf-8"))
        return path, {
            "scores": {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES},
            "failing": [ref["id"] for c in CATEGORIES for ref in data["categories"][c]["auditRefs"]
                        if ref.get("weight") and (data["audits"][ref["id"]].get("score") or 0) < 1
                        and data["audits"][ref["id"]].get("scoreDisplayMode") == "binary"],
            "requests": [item["url"] for item in data["audits"]["network-requests"]["details"]["items"]],
            "bytes": data["audits"]["total-byte-weight"]["numericValue"],
        }

    # All at once: most of an audit is waiting for the page to be quiet. Only the performance
    # score, which is not asserted, feels the shared cores.
    with ThreadPoolExecutor(max_workers=len(PAGES) * 2) as pool:
        results = dict(pool.map(audit, PAGES + ["en/" + p for p in PAGES]))
    SUMMARY.append("Lighthouse (" + ", ".join(CATEGORIES) + "):")
    for path, result in results.items():
        SUMMARY.append(f"  {path:66} " + "  ".join(f"{result['scores'][c]:3d}" for c in CATEGORIES))
    return results


@pytest.mark.parametrize("category", ["accessibility", "best-practices", "seo"])
def test_lighthouse_scores_are_100(scores, category):
    low = {path: (r["scores"][category], r["failing"]) for path, r in scores.items() if r["scores"][category] < 100}
    assert low == {}, low


def test_pages_load_only_from_the_site_and_stay_small(scores, server):
    for path, result in scores.items():
        assert result["requests"] and result["requests"][0].startswith(server), path
        elsewhere = [url for url in result["requests"] if not url.startswith((server, "data:"))]
        assert elsewhere == [], (path, elsewhere)
        assert result["bytes"] < 250_000, (path, result["bytes"])  # Material's CSS (about 150 KB), ours, the page
