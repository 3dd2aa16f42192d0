"""How long `mkdocs serve` takes to show an edit of one news item (issue 6: under 2 s).

    .venv/bin/python bench/serve_latency.py [--runs 5]

Starts `mkdocs serve` on a copy of the project, appends a marker to one news item, and polls the
served page until the marker appears; reports the median over several edits.
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
NEWS = "content/news/2022-10-21-go-cluster-jahrestreffen.de.md"
PAGE = "news/2022-10-21-go-cluster-jahrestreffen.html"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="serve-latency-"))
    for part in ("mkdocs.yml", "docs", "content", "overrides", "hooks"):
        src = ROOT / part
        shutil.copytree(src, work / part) if src.is_dir() else shutil.copy2(src, work / part)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{PAGE}"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=work, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 120
        while "<html" not in _get(url):
            if time.time() > deadline:
                raise SystemExit("mkdocs serve did not come up")
            time.sleep(0.2)
        time.sleep(2)  # let the watcher settle
        latencies = []
        for run in range(args.runs):
            marker = f"Messpunkt{run}x{int(time.time())}"
            news = work / NEWS
            start = time.perf_counter()
            news.write_text(news.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
            while marker not in _get(url):
                if time.perf_counter() - start > 60:
                    raise SystemExit("the edit never showed up")
                time.sleep(0.05)
            latencies.append(time.perf_counter() - start)
            time.sleep(1.5)
        print(f"edit -> served page: median {statistics.median(latencies):.2f} s over {len(latencies)} edits "
              f"({', '.join(f'{x:.2f}' for x in latencies)})")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
