"""How long a live preview takes to show an edit of one news item: ours (`make serve`, i.e.
`mkdocs serve --dirty`) and Hugo's; and how long each takes to start.

    .venv/bin/python bench/serve_latency.py                      # the shipped site, 5 edits
    .venv/bin/python bench/serve_latency.py --size 500 --hugo     # bench/corpus.py at N = 500, and Hugo
    .venv/bin/python bench/serve_latency.py --size 500 --full     # ours rebuilding everything on each edit
    .venv/bin/python bench/serve_latency.py --size 2000 --startup # and the start-up beside `mkdocs build`

Starts the preview server on a copy of the site, appends a marker to one news item, and polls the
served page until the marker appears; reports the median over several edits. With --size, the
site is bench/corpus.py's synthetic corpus (N news items and N events per language); with
--hugo, Hugo's own server (`hugo server`, rendering to memory) runs on the same corpus after ours.
With --startup, `mkdocs build` runs twice on the copy first (the first draws the pictures and
social cards, as an editor's first `make build` does; the second is timed), and the preview's
start-up is reported beside that build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402

NEWS = "content/news/2022-10-21-go-cluster-jahrestreffen.de.md"
PAGE = "news/2022-10-21-go-cluster-jahrestreffen.html"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _measure(command: list[str], cwd: Path, url: str, source: Path, runs: int, start_timeout: float) -> list[float]:
    """Seconds from each edit of `source` until `url` shows it, with `command` serving `cwd`."""
    server = subprocess.Popen(command, cwd=cwd, env=dict(os.environ, NO_MKDOCS_2_WARNING="1",
                                                       CLUSTER_SITE_CMS_BUNDLE=str(ROOT / ".cache" / "decap-cms")),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        started = time.perf_counter()
        deadline = time.time() + start_timeout
        while "<html" not in _get(url):
            if time.time() > deadline or server.poll() is not None:
                raise SystemExit(f"{command[0]} did not come up")
            time.sleep(0.2)
        print(f"{Path(command[0]).name if 'mkdocs' not in command else 'ours'}: start-up {time.perf_counter() - started:.1f} s", flush=True)
        time.sleep(2)  # let the watcher settle
        latencies = []
        for run in range(runs):
            marker = f"Messpunkt{run}x{int(time.time())}"
            start = time.perf_counter()
            source.write_text(source.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
            while marker not in _get(url):
                if time.perf_counter() - start > 300:
                    raise SystemExit("the edit never showed up")
                time.sleep(0.05)
            latencies.append(time.perf_counter() - start)
            time.sleep(2)
        return latencies
    finally:
        server.terminate()
        server.wait(timeout=60)


def _full_build(project: Path) -> float:
    """Seconds `mkdocs build` takes in `project` (with what earlier builds left in its cache)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env=dict(os.environ, NO_MKDOCS_2_WARNING="1",
                                                       CLUSTER_SITE_CMS_BUNDLE=str(ROOT / ".cache" / "decap-cms")))
    return time.perf_counter() - started


def _report(name: str, latencies: list[float]) -> None:
    print(f"{name}: edit -> served page: median {statistics.median(latencies):.2f} s over {len(latencies)} edits "
          f"({', '.join(f'{x:.2f}' for x in latencies)})", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=None, help="N of bench/corpus.py instead of the shipped site")
    parser.add_argument("--hugo", action="store_true", help="also Hugo's server on the same corpus (needs --size)")
    parser.add_argument("--full", action="store_true", help="ours without --dirty: every edit rebuilds everything")
    parser.add_argument("--startup", action="store_true", help="first `mkdocs build` twice, the second timed beside the start-up")
    args = parser.parse_args(argv)
    args.mode = [] if args.full else ["--dirty"]
    work = Path(tempfile.mkdtemp(prefix="serve-latency-"))
    try:
        if args.size is None:
            ours = work / "ours"
            ours.mkdir()
            for part in corpus.PROJECT_PARTS:
                src = ROOT / part
                shutil.copytree(src, ours / part) if src.is_dir() else shutil.copy2(src, ours / part)
            source, page = ours / NEWS, PAGE
        else:
            ours = corpus.write_ours(work / "ours", args.size)
            source = sorted((ours / "content/news").glob("*.de.md"))[args.size // 2]
            page = f"news/{source.name[: -len('.de.md')]}.html"
        if args.startup:
            print(f"ours: mkdocs build {_full_build(ours):.1f} s (pictures and cards drawn), "
                  f"then {_full_build(ours):.1f} s (from the cache)", flush=True)
        port = _free_port()
        command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", *args.mode, "-a", f"127.0.0.1:{port}"]
        _report(f"ours (N={args.size or 'shipped'})", _measure(command, ours, f"http://127.0.0.1:{port}/{page}", source,
                                                                 args.runs, start_timeout=900))
        if args.hugo and args.size is not None:
            from run import hugo_binary

            hugo = corpus.write_hugo(work / "hugo", args.size)
            port = _free_port()
            key = source.name[: -len(".de.md")]
            command = [str(hugo_binary()), "server", "--port", str(port), "--bind", "127.0.0.1", "--disableLiveReload"]
            _report(f"Hugo (N={args.size})", _measure(command, hugo, f"http://127.0.0.1:{port}/news/{key}/",
                                                       hugo / "content/news" / source.name, args.runs, start_timeout=300))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
