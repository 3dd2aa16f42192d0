"""A change's cost: full builds of the same corpus by an earlier commit and by this working tree, paired.

    make bench-compare BASE=085867e                    # N = 2,000, 5 rounds
    .venv/bin/python bench/compare.py --base HEAD~3 --size 200 --runs 2
    .venv/bin/python bench/compare.py --base 014f047 --size 500 --runs 8 --preview 5   # the live preview

The base commit's files come from `git archive` (its mkdocs.yml, docs/, content/, overrides/ and
hooks/, generator included); the working tree's as they are now, uncommitted edits included.
bench/corpus.py writes the same corpus into both. Each tree builds with this checkout's
installed stack (the pins), its own generator first on the import path, and its own caches
(social cards, compiled templates), warmed by one untimed build each before the rounds. The
installed packages are this checkout's for both, so the generator line of both sites names this
checkout's version.

A round builds both trees, one after the other, the order switched each round, so the two
builds of a round see the same machine. Reported: each round's after/before ratio of wall and
CPU time and their medians (a change is "not slower" at a median up to 1.03), and which output
files differ between the two trees' sites (none for a change meant to keep the output).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402
from run import EPOCH, _set_aside, _timed  # noqa: E402


def _file_digests(site: Path) -> dict[str, str]:
    return {file.relative_to(site).as_posix(): hashlib.sha256(file.read_bytes()).hexdigest()
            for file in site.rglob("*") if file.is_file()}


def _differences(before: Path, after: Path) -> list[str]:
    """The output files that differ between two sites, or exist in only one."""
    a, b = _file_digests(before), _file_digests(after)
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def export_commit(revision: str, dest: Path, parts: tuple[str, ...] = corpus.PROJECT_PARTS) -> str:
    """The project's parts (corpus.PROJECT_PARTS) as `revision` has them, in dest; its full commit name."""
    commit = subprocess.run(["git", "rev-parse", "--verify", f"{revision}^{{commit}}"], cwd=corpus.ROOT,
                            capture_output=True, text=True)
    if commit.returncode != 0:
        raise SystemExit(f"--base {revision}: not a commit of this repository")
    name = commit.stdout.strip()
    dest.mkdir(parents=True)
    archive = subprocess.Popen(["git", "archive", "--format=tar", name, "--", *parts],
                               cwd=corpus.ROOT, stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(dest)], stdin=archive.stdout, check=True)
    if archive.wait() != 0:
        raise SystemExit(f"--base {revision}: git archive could not export {', '.join(parts)}")
    return name


def _generator_of(env: dict[str, str], project: Path) -> Path:
    """Where a build in `project` with `env` imports the generator from: it must be the project's
    own (a base commit without hooks/cluster_site/ would quietly use this checkout's)."""
    found = subprocess.run([sys.executable, "-c", "import cluster_site; print(cluster_site.__file__)"],
                           cwd=project, env=env, capture_output=True, text=True, check=True).stdout.strip()
    if not Path(found).is_relative_to(project):
        raise SystemExit(f"{project.name}: the build would import the generator from {found}, not from its own hooks/")
    return Path(found)


def _own_generator(env: dict[str, str], hooks: Path, cache: Path) -> dict[str, str]:
    """`env` with a tree's own generator first on the import path (ahead of the editable install
    of this checkout) and its own cache folder (compiled templates)."""
    path = os.pathsep.join([str(hooks), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return dict(env, PYTHONPATH=path, XDG_CACHE_HOME=str(cache))


def _alternating(trees: dict[str, Path], runs: int):
    """(round, tree name) for every build: both trees each round, the order switched each round."""
    for round_number in range(runs):
        for name in (list(trees) if round_number % 2 == 0 else list(reversed(trees))):
            yield round_number, name


def compare_previews(base: str, size: int, runs: int, edits: int, work: Path) -> int:
    """--preview: each tree's own bench/serve_latency.py (its live preview, edit -> served page),
    the trees alternately, the order switched each round; the per-round medians and their ratio."""
    base_commit = export_commit(base, work / "base-tree", corpus.PROJECT_PARTS + ("bench",))
    shutil.copytree(os.environ.get("CLUSTER_SITE_CMS_BUNDLE") or corpus.ROOT / ".cache" / "decap-cms",
                    work / "base-tree" / ".cache" / "decap-cms")
    trees = {"before": work / "base-tree", "after": corpus.ROOT}
    latency: dict[str, list[float]] = {name: [] for name in trees}
    for round_number, name in _alternating(trees, runs):
        env = _own_generator(dict(os.environ), trees[name] / "hooks", work / f"cache-{name}")
        run = subprocess.run([sys.executable, str(trees[name] / "bench" / "serve_latency.py"), "--size", str(size),
                              "--runs", str(edits)], cwd=trees[name], env=env, capture_output=True, text=True)
        found = re.search(r"edit -> served page: median ([\d.]+) s", run.stdout)
        if run.returncode != 0 or found is None:
            raise SystemExit(f"{name}: bench/serve_latency.py failed:\n{(run.stdout + run.stderr)[-2000:]}")
        latency[name].append(float(found[1]))
        print(f"round {round_number + 1}/{runs} {name}: {found[1]} s", file=sys.stderr, flush=True)
    ratios = [a / b for a, b in zip(latency["after"], latency["before"])]
    print(f"Preview at N = {size}, {runs} rounds of {edits} edits; before = {base_commit[:7]}, after = the working tree")
    print(f"{'round':>5} {'before s':>9} {'after s':>8} {'after/before':>13}")
    for i, (b, a, r) in enumerate(zip(latency["before"], latency["after"], ratios), 1):
        print(f"{i:>5} {b:9.2f} {a:8.2f} {r:13.3f}")
    print(f"median after/before: {statistics.median(ratios):.3f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="the commit to compare with (before)")
    parser.add_argument("--size", type=int, default=2000, help="items per kind and language")
    parser.add_argument("--runs", type=int, default=5, help="rounds")
    parser.add_argument("--preview", type=int, default=0, metavar="EDITS",
                        help="time the live preview instead of full builds: EDITS edits a round (bench/serve_latency.py)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="cluster-compare-"))
    try:
        if args.preview:
            return compare_previews(args.base, args.size, args.runs, args.preview, work)
        base_commit = export_commit(args.base, work / "base-tree")
        trees = {"before": work / "base-tree", "after": corpus.ROOT}
        command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict"]
        projects: dict[str, Path] = {}
        envs: dict[str, dict[str, str]] = {}
        for name, tree in trees.items():
            projects[name] = corpus.write_ours(work / name, args.size, project=tree)
            envs[name] = _own_generator(
                dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH,
                     CLUSTER_SITE_CMS_BUNDLE=str(corpus.ROOT / ".cache" / "decap-cms")),
                projects[name] / "hooks", work / f"cache-{name}")
            _generator_of(envs[name], projects[name])
            print(f"warming {name} (cards drawn, templates compiled) ...", file=sys.stderr, flush=True)
            _timed(command, projects[name], envs[name])
        wall: dict[str, list[float]] = {name: [] for name in trees}
        cpu: dict[str, list[float]] = {name: [] for name in trees}
        for round_number, name in _alternating(trees, args.runs):
            _set_aside(projects[name] / "site", work / "set-aside" / f"{round_number}-{name}")
            seconds, cpu_seconds, _ = _timed(command, projects[name], envs[name])
            wall[name].append(seconds)
            cpu[name].append(cpu_seconds)
            print(f"round {round_number + 1}/{args.runs} {name}: {seconds:.2f} s, CPU {cpu_seconds:.2f} s",
                  file=sys.stderr, flush=True)
        differences = _differences(projects["before"] / "site", projects["after"] / "site")
        wall_ratios = [a / b for a, b in zip(wall["after"], wall["before"])]
        cpu_ratios = [a / b for a, b in zip(cpu["after"], cpu["before"])]
        print(f"N = {args.size} per kind and language, {args.runs} rounds; before = {base_commit[:7]}, after = the working tree")
        print(f"{'round':>5} {'before s':>9} {'after s':>8} {'after/before':>13} {'CPU a/b':>8}")
        for i, (b, a, r, c) in enumerate(zip(wall["before"], wall["after"], wall_ratios, cpu_ratios), 1):
            print(f"{i:>5} {b:9.2f} {a:8.2f} {r:13.3f} {c:8.3f}")
        print(f"median after/before: wall {statistics.median(wall_ratios):.3f}, CPU {statistics.median(cpu_ratios):.3f}")
        if differences:
            print(f"the trees built different sites: {len(differences)} files differ, e.g. {', '.join(differences[:5])}")
        else:
            print("the trees built the same site, byte for byte")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
