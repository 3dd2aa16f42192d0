"""What each shortcut of the speed layer saves: paired builds with all of them, without one, without any.

    .venv/bin/python bench/shortcuts.py                  # N = 2,000, 5 rounds (about 25 minutes)
    .venv/bin/python bench/shortcuts.py --size 200 --runs 2

Each round builds bench/corpus.py's corpus once per variant, in a shuffled order: all shortcuts
(CLUSTER_SITE_SPEED=1), all but one (for each shortcut), none (CLUSTER_SITE_SPEED=0). It reports,
per variant, the median over rounds of its wall and CPU time divided by that round's build with
all shortcuts, and whether every variant built the same site (a hash of every output file).
A shortcut earns its place if leaving it out costs at least 3 % of wall time (bench/README.md).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
import corpus  # noqa: E402
from run import EPOCH, _set_aside, _timed  # noqa: E402

from cluster_site.speed import SHORTCUTS  # noqa: E402


def _digest(site: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(site.rglob("*")):
        if file.is_file():
            digest.update(file.relative_to(site).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:12]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=2000, help="items per kind and language")
    parser.add_argument("--runs", type=int, default=5, help="rounds")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="shortcuts-"))
    project = corpus.write_ours(work / "ours", args.size)
    # `preview` works only in the live preview (bench/serve_latency.py measures it with and without, --full).
    builds = [name for name in SHORTCUTS if name != "preview"]
    variants = {"all": "1", **{f"without {name}": ",".join(n for n in SHORTCUTS if n != name) for name in builds}, "none": "0"}
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH,
               CLUSTER_SITE_CMS_BUNDLE=str(corpus.ROOT / ".cache" / "decap-cms"))
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict"]
    wall: dict[str, list[float]] = {name: [] for name in variants}
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    sites: dict[str, str] = {}
    for round_number in range(args.runs):
        order = list(variants)
        random.Random(round_number).shuffle(order)
        for name in order:
            _set_aside(project / "site", work / "set-aside" / f"{round_number}-{name}")
            seconds, cpu_seconds, _ = _timed(command, project, dict(env, CLUSTER_SITE_SPEED=variants[name]))
            wall[name].append(seconds)
            cpu[name].append(cpu_seconds)
            sites.setdefault(name, _digest(project / "site"))
            print(f"round {round_number + 1}/{args.runs} {name}: {seconds:.2f} s, CPU {cpu_seconds:.2f} s", file=sys.stderr, flush=True)
    print(f"N = {args.size} per kind and language, {args.runs} rounds; median of per-round ratios to 'all'")
    print(f"{'variant':22} {'wall s':>8} {'wall x':>7} {'CPU x':>7}  same site")
    for name in variants:
        ratio = statistics.median(w / a for w, a in zip(wall[name], wall["all"]))
        cpu_ratio = statistics.median(c / a for c, a in zip(cpu[name], cpu["all"]))
        print(f"{name:22} {statistics.median(wall[name]):8.2f} {ratio:7.3f} {cpu_ratio:7.3f}  {sites[name] == sites['all']}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
