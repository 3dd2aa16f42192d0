"""The benchmark harness works (tiny N); the benchmark itself is `make bench`, never a unit test.

The harness's end-to-end run (marked `bench`) runs at the start of `make bench`, not in `make test`.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import compare  # noqa: E402
import corpus  # noqa: E402


def test_corpus_is_the_same_in_both_layouts(tmp_path):
    ours = corpus.write_ours(tmp_path / "ours", 3)
    hugo = corpus.write_hugo(tmp_path / "hugo", 3)
    ours_items = sorted(p.name for p in (ours / "content").rglob("*-news-*.md")) + sorted(p.name for p in (ours / "content").rglob("*-events-*.md"))
    hugo_items = sorted(p.name for p in (hugo / "content").rglob("*-news-*.md")) + sorted(p.name for p in (hugo / "content").rglob("*-events-*.md"))
    assert ours_items == hugo_items and len(ours_items) == 12  # 3 news + 3 events, two languages
    words = len((ours / "content/news").glob("*-news-0.de.md").__next__().read_text(encoding="utf-8").split())
    assert 300 < words < 600


@pytest.mark.bench
def test_bench_runs_every_build_and_reports_json(tmp_path):
    out, keep = tmp_path / "results.json", tmp_path / "corpora"
    result = subprocess.run([sys.executable, str(ROOT / "bench/run.py"), "--sizes", "3", "--runs", "2",
                             "--json", str(out), "--keep", str(keep)],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    row = report["results"][0]
    assert row["n_per_language"] == 3 and row["items"] == 12
    for name in ("ours", "hugo", "stock", "ours_one_process"):
        assert row[f"{name}_seconds"] > 0, name
    assert row["ratio_median_of_pairs"] > 0 and row["ours_vs_stock"] > 0 and row["ours_peak_mib"] > 10
    # CPU time includes the processes a build waits for (our second language, Pagefind).
    assert row["ours_cpu_seconds"] > 0.5 and row["hugo_cpu_seconds"] > 0 and row["cpu_ratio_median_of_pairs"] > 0
    # Both really built the articles: every item page exists in both outputs.
    assert row["ours_html_pages"] > 24 and row["hugo_html_pages"] > 12
    assert "N/lang" in result.stdout and "ours/stock" in result.stdout
    # The first round's outputs were set aside for the second round, and deleted at the end.
    assert len(row["all_seconds"]["ours"]) == 2 and not (keep / "set-aside").exists()

    # The baseline builds the same pages as ours (ours adds a 404 page per language).
    def pages(site):
        return {p.relative_to(site).as_posix() for p in site.rglob("*.html")} - {"404.html", "en/404.html", "admin/index.html"}

    ours, stock = pages(keep / "ours-3" / "site"), pages(keep / "stock-3" / "site")
    assert "news/2020-01-01-news-0.html" in ours and "en/events/2020-01-01-events-0.html" in ours and "en/tags.html" in ours
    assert ours == stock, sorted(ours ^ stock)[:20]


@pytest.mark.bench
def test_compare_pairs_a_commit_with_the_working_tree():
    result = subprocess.run([sys.executable, str(ROOT / "bench/compare.py"), "--base", "HEAD", "--size", "3", "--runs", "2"],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines() if line.split()[:1] in (["1"], ["2"])]
    assert len(rows) == 2 and all(float(row[1]) > 0 and float(row[2]) > 0 for row in rows), result.stdout
    assert "median after/before: wall " in result.stdout
    assert "built the same site" in result.stdout or "files differ" in result.stdout
    preview = subprocess.run([sys.executable, str(ROOT / "bench/compare.py"), "--base", "HEAD", "--size", "3", "--runs", "2",
                              "--preview", "2"], capture_output=True, text=True, timeout=900)
    assert preview.returncode == 0, preview.stderr
    assert "Preview at N = 3, 2 rounds of 2 edits" in preview.stdout and "median after/before: " in preview.stdout


def test_compare_names_the_files_two_sites_differ_in_and_refuses_an_unknown_commit(tmp_path):
    before, after = tmp_path / "before", tmp_path / "after"
    for site, text in ((before, "a"), (after, "b")):
        (site / "en").mkdir(parents=True)
        (site / "index.html").write_text("same", encoding="utf-8")
        (site / "en/index.html").write_text(text, encoding="utf-8")
    (after / "new.html").write_text("", encoding="utf-8")
    assert compare._differences(before, after) == ["en/index.html", "new.html"]
    refused = subprocess.run([sys.executable, str(ROOT / "bench/compare.py"), "--base", "no-such-commit"],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0 and "--base no-such-commit: not a commit of this repository" in refused.stderr


def test_marginal_cost_separates_start_up_from_cost_per_item():
    import run

    # 2 s start-up and 5 ms per item: seconds per item fall with N, the cost per added item does not.
    sizes = [(100, 400), (500, 2000), (2000, 8000)]
    results = [{"n_per_language": n, "items": items, "ours_seconds": 2 + 0.005 * items, "hugo_seconds": 0.001 * items}
               for n, items in sizes]
    steps = run.marginal_cost(results)
    assert [(s["from_n"], s["to_n"]) for s in steps] == [(100, 500), (500, 2000)]
    assert all(abs(s["ours_seconds_per_added_item"] - 0.005) < 1e-9 for s in steps)
    assert all(abs(s["hugo_seconds_per_added_item"] - 0.001) < 1e-9 for s in steps)


def test_cost_per_added_item_is_also_compared_round_by_round():
    import run

    # The same 5 ms per item in every round, but the second round ran on a machine twice as slow:
    # the medians mix rounds of different speed, the per-round ratios do not.
    rounds = {100: [2.0 + 0.005 * 400, 2 * (2.0 + 0.005 * 400)], 500: [2.0 + 0.005 * 2000, 2 * (2.0 + 0.005 * 2000)],
              2000: [2.0 + 0.005 * 8000, 2 * (2.0 + 0.005 * 8000)]}
    results = [{"n_per_language": n, "items": 4 * n, "ours_seconds": max(t), "hugo_seconds": 1.0,
                "all_seconds": {"ours": t}} for n, t in rounds.items()]
    for small in results[:2]:  # as if the slow minutes had hit only the largest size
        small["ours_seconds"] = min(small["all_seconds"]["ours"])
    steps = run.marginal_cost(results)
    assert steps[0]["ours_by_round"] == [0.005, 0.01] and steps[1]["ours_by_round"] == [0.005, 0.01]
    of_medians, of_rounds = run.marginal_cost_growth(steps)
    assert of_rounds == 1.0 and of_medians > 1.25
