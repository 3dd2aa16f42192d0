"""The generator outlives its platform (issue 34): thin typed hooks, no library's private name
outside the speed layer, a core that needs no engine, and a plain build without speed/."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, copy_built_project, different_files, run_build

PACKAGE = ROOT / "hooks" / "cluster_site"
HOOKS = PACKAGE / "mkdocs_hooks.py"  # the generator's events; a site's hooks/cluster_hooks.py imports them
SITE_HOOKS = ROOT / "hooks" / "cluster_hooks.py"
SPEED = PACKAGE / "speed"
# What runs the build and could be replaced by another engine: not imported by the core.
ENGINE = ("mkdocs", "properdocs", "material", "mkdocs_static_i18n", "zensical", "jinja2")
LIBRARIES = ("mkdocs", "material", "mkdocs_static_i18n", "properdocs", "jinja2", "markdown", "watchdog", "pymdownx")


# --- the hooks are joints ------------------------------------------------------------------------


def test_a_sites_hooks_hand_everything_to_the_package():
    """A site's hooks file names the generator's events; its own steps would go here."""
    tree = ast.parse(SITE_HOOKS.read_text(encoding="utf-8"))
    imports = [node for node in tree.body if isinstance(node, ast.ImportFrom)]
    assert [(node.module, [a.name for a in node.names]) for node in imports] == [("cluster_site.mkdocs_hooks", ["*"])]
    assert len(SITE_HOOKS.read_text(encoding="utf-8").splitlines()) < 15


def test_the_hooks_are_short_typed_and_hold_one_handle():
    source = HOOKS.read_text(encoding="utf-8")
    tree = ast.parse(source)
    assert len(source.splitlines()) < 300
    assert not [node for node in ast.walk(tree) if isinstance(node, (ast.Global, ast.Nonlocal))]
    events = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert {"on_config", "on_page_context", "on_post_page", "on_shutdown"} <= {f.name for f in events}
    for function in events:
        arguments = function.args.args + function.args.kwonlyargs
        assert function.returns is not None and all(a.annotation is not None for a in arguments), function.name
        assert len(function.body) <= 12, f"{function.name}: hands over, does not do the job itself"
    # Module-level names: imports, functions, events combined from two functions, one handle.
    assigned = {target.id: node.value for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                for target in (node.targets if isinstance(node, ast.Assign) else [node.target])}
    combined = {name for name, value in assigned.items() if name.startswith("on_") and isinstance(value, ast.Call)
                and isinstance(value.func, ast.Name) and value.func.id == "CombinedEvent"}
    assert combined == {"on_files", "on_post_build"}
    assert sorted(assigned.keys() - combined) == ["this_command"]


def _type_check(paths: list[str], cache: Path) -> subprocess.CompletedProcess:
    """mypy on `paths` (relative to hooks/), against the installed libraries' own annotations
    (those that have none, as PyYAML without its stubs, count as untyped)."""
    return subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(cache),
                           "--ignore-missing-imports", "--no-error-summary", *paths],
                          cwd=ROOT / "hooks", capture_output=True, text=True, timeout=300)


def test_the_generator_type_checks(tmp_path):
    """The whole package and the site's hooks agree with their own annotations and with those of
    MkDocs, Jinja, Pillow and the rest: an engine or library update that renames or retypes what
    we use fails here, not in a cluster's build."""
    checked = _type_check(["cluster_hooks.py", "cluster_site/"], tmp_path / "cache")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # The same check finds a use MkDocs' annotations do not allow.
    planted = tmp_path / "planted.py"
    planted.write_text("from mkdocs.config.defaults import MkDocsConfig\n\n\n"
                       "def f(config: MkDocsConfig) -> str:\n    return config.site_dir + 1\n", encoding="utf-8")
    wrong = _type_check([str(planted)], tmp_path / "cache")
    assert wrong.returncode != 0 and "planted.py:5: error" in wrong.stdout, wrong.stdout + wrong.stderr


# --- no library's private name outside speed/ --------------------------------------------------


def _own_names(files: list[Path]) -> set[str]:
    """Every underscore name our own code defines that can be reached as an attribute: functions
    and classes, a class body's attributes, and attributes of our own objects (`self._x = …`).
    Not local variables or arguments (never an attribute: one named `_config` must not hide
    MkDocs' `_config`), nor an attribute set on a library's object."""
    names: set[str] = set()
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            if isinstance(node, ast.ClassDef):
                for statement in node.body:
                    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target] if isinstance(statement, ast.AnnAssign) else []
                    names.update(target.id for target in targets if isinstance(target, ast.Name))
            elif (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
                  and isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                names.add(node.attr)
    return {name for name in names if name.startswith("_")}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_names(source: str, own: set[str]) -> list[str]:
    """A library's private names that `source` uses: imported, reached as an attribute, or named
    to getattr/setattr/hasattr/delattr, or as a key of vars() or __dict__ (names our own code
    defines are not a library's)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] in LIBRARIES:
            parts = (node.module or "").split(".") + [alias.name for alias in node.names]
            found += [f"line {node.lineno}: {node.module}.{part}" for part in parts if _private(part)]
        elif isinstance(node, ast.Import):
            found += [f"line {node.lineno}: {alias.name}" for alias in node.names
                      if alias.name.split(".")[0] in LIBRARIES and any(_private(p) for p in alias.name.split("."))]
        elif isinstance(node, ast.Attribute) and _private(node.attr) and node.attr not in own:
            found.append(f"line {node.lineno}: .{node.attr}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
              and len(node.args) > 1 and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
              and _private(node.args[1].value) and node.args[1].value not in own):
            found.append(f"line {node.lineno}: {node.func.id}(…, {node.args[1].value!r})")
        elif (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str)
              and _private(node.slice.value) and node.slice.value not in own
              and (isinstance(node.value, ast.Attribute) and node.value.attr == "__dict__"
                   or isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name) and node.value.func.id == "vars")):
            found.append(f"line {node.lineno}: [{node.slice.value!r}] of an object's attributes")
    return found


def test_the_check_finds_a_private_name():
    own = {"_mine"}
    hostile = textwrap.dedent("""
        from mkdocs.commands.build import _build_theme_template
        from mkdocs.structure import _internal
        import material._private
        env.loader._cache.clear()
        getattr(plugin, "_state")
        delattr(plugin, "_state")
        page._title_from_render = None
        vars(config)["_current_page"]
        config.__dict__["_current_page"]
        config.plugins[name]._config
        self._mine = 1
        x._mine
    """)
    assert len(private_names(hostile, own)) == 10
    assert "_title_from_render" not in _own_names([SPEED / "markdown_render.py"]) | own
    # MkDocs' own private names are not ours: none of our names, where reachable as an attribute, hides one.
    outside = [file for file in [SITE_HOOKS, *PACKAGE.rglob("*.py")] if SPEED not in file.parents]
    assert not _own_names(outside) & {"_config", "_default", "_current_page", "_files", "_title_from_render"}
    assert private_names("from .x import _ours\nfrom cluster_site.content import _helper\n", own) == []


def test_no_private_name_of_a_library_outside_the_speed_layer():
    ours = [SITE_HOOKS, *sorted(PACKAGE.rglob("*.py"))]
    outside = [file for file in ours if SPEED not in file.parents]
    own = _own_names(outside)  # what speed/ sets on a library's objects is not ours elsewhere
    found = {str(file.relative_to(ROOT)): names for file in outside if (names := private_names(file.read_text(encoding="utf-8"), own))}
    assert found == {}
    # mkdocs-static-i18n (the plugin, its state, the language it gives a file) is read in one place.
    readers = [str(file.relative_to(ROOT)) for file in ours  # speed/ included
               if re.search(r"\.(current_language|building)\b(?!-)|plugins\[|\bfile\.locale\b|getattr\([^,]+, *[\"']locale[\"']",
                            file.read_text(encoding="utf-8"))]
    assert readers == ["hooks/cluster_site/mkdocs_build/i18n_plugin.py"]


# --- the core needs no engine -----------------------------------------------------------------

CORE = textwrap.dedent("""
    import importlib, json, pkgutil, sys, tempfile
    from pathlib import Path
    import cluster_site.content, cluster_site.outputs
    from cluster_site.editors.cli import configured_languages
    from cluster_site.outputs import feeds, sitemap
    from cluster_site.site_model import load_site

    # Every module of the core, not only those this script calls: the README's table keeps them all.
    for package in (cluster_site.content, cluster_site.outputs):
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
    for name in ("site_view", "pages", "safe_html", "i18n", "staged_output", "editors.cms", "editors.schema",
                 "editors.scaffold", "editors.linkcheck", "editors.translation_status", "editors.init"):
        importlib.import_module(f"cluster_site.{name}")

    root = Path(sys.argv[1])
    site = load_site(root, configured_languages(root), root / "docs")
    pages = {lang: {key: [page.template, page.title, sorted(page.data)] for key, page in versions.items()}
             for lang, versions in site.pages.items()}
    out = Path(tempfile.mkdtemp())
    written = {lang: sorted(feeds.write_feeds(out, view, "https://example.org/", "Site")) for lang, view in site.views.items()}
    engines = sorted({name.split(".")[0] for name in sys.modules} & {%s})
    print(json.dumps({"pages": pages, "feeds": written, "engines": engines}))
""") % ", ".join(repr(name) for name in ENGINE)


def test_the_core_computes_every_generated_page_without_an_engine(site):
    """Content -> models -> site model -> each generated page's template and data (and the
    feeds) in a process that imports no engine, theme or template library; and they are the
    pages the built site has."""
    result = subprocess.run([sys.executable, "-c", CORE, str(ROOT)], capture_output=True, text=True,
                            env={"SOURCE_DATE_EPOCH": "1795262400", "PATH": "/usr/bin:/bin",
                                 "PYTHONPATH": str(ROOT / "hooks")}, timeout=120)
    assert result.returncode == 0, result.stderr
    core = json.loads(result.stdout)
    assert core["engines"] == []
    for lang, pages in core["pages"].items():
        prefix = "" if lang == "de" else f"{lang}/"
        assert len(pages) >= 30
        for key, (template, title, data) in pages.items():
            built = site.site / f"{prefix}{key}.html"
            assert built.is_file(), f"{lang}: {key} computed by the core, not in the built site"
            assert title.replace("&", "&amp;") in built.read_text(encoding="utf-8").split("<title>")[1], (lang, key)
        assert "news_item.html" in {template for template, _, _ in pages.values()}
    assert "feeds/news.rss.xml" in core["feeds"]["de"] and "en/feeds/events.ics" in core["feeds"]["en"]
    for path in core["feeds"]["en"]:
        assert (site.site / path).is_file(), path


# --- the plain path without speed/ --------------------------------------------------------------


def test_the_site_builds_the_same_without_the_speed_folder(site, tmp_path):
    """Deleting hooks/cluster_site/speed/ leaves a correct build: the same site, byte for byte."""
    project = copy_built_project(tmp_path / "project", site)
    shutil.rmtree(project / "hooks" / "cluster_site" / "speed")
    check = subprocess.run([sys.executable, "-c", "import cluster_site.mkdocs_build.plain as p; print(p.shortcuts(None))"],
                           cwd=project / "hooks", capture_output=True, text=True)
    assert "Plain object" in check.stdout, check.stderr
    build = run_build(project)
    assert build.result.returncode == 0, build.output[-3000:]
    assert different_files(site.site, build.site) == []


def test_switched_off_the_speed_layer_is_not_even_imported():
    """CLUSTER_SITE_SPEED=0 gives the plain libraries without importing speed/ (its modules touch
    library internals at import: a library update that breaks them must not break the switch)."""
    script = ("import sys, cluster_site.mkdocs_build.plain as p; print(type(p.shortcuts(None)).__name__); "
              "print(sorted(m for m in sys.modules if m.startswith('cluster_site.speed')))")
    for value, plain in (("0", True), ("1", False)):
        run = subprocess.run([sys.executable, "-c", script], cwd=ROOT / "hooks", capture_output=True, text=True,
                             env=dict(os.environ, CLUSTER_SITE_SPEED=value, CLUSTER_SITE_JOBS="1"))
        kind, imported = run.stdout.splitlines()
        assert (kind, imported == "[]") == (("Plain", True) if plain else ("Shortcuts", False)), run.stdout + run.stderr


# --- a second engine ----------------------------------------------------------------------------


@pytest.mark.parametrize("speed", ["1", "0"])
def test_properdocs_builds_the_same_site_byte_for_byte(site, tmp_path, speed):
    """ProperDocs 1.6.7 (a maintained fork of MkDocs 1.x) runs the same hooks and plugins: the
    site is the one MkDocs builds, every file, with the shortcuts and without."""
    import properdocs

    project = copy_built_project(tmp_path / "project", site)
    build = run_build(project, engine="properdocs", extra_env={"CLUSTER_SITE_SPEED": speed, "CLUSTER_SITE_JOBS": "2"})
    assert build.result.returncode == 0, build.output[-3000:]
    assert f"ProperDocs {properdocs.__version__}" not in (build.site / "index.html").read_text(encoding="utf-8")
    assert '<meta name="generator" content="cluster-site ' in (build.site / "en/404.html").read_text(encoding="utf-8")
    assert different_files(site.site, build.site) == []


def test_properdocs_serves_the_live_preview(site, tmp_path):
    """`ENGINE=properdocs make serve`: its preview renders an edit, keeps the rest, and serves
    what a clean MkDocs build of the same content gives (its build logger is ProperDocs' own:
    the notice a dirty build gives, which --strict would stop on, is quieted there)."""
    from test_preview import PreviewServer, _same_as_clean_build, _write

    project = copy_built_project(tmp_path / "project", site)
    server = PreviewServer(project, tmp_path / "scratch", engine="properdocs")
    try:
        server.settled(1)
        item = next((project / "content/news").glob("*.de.md"))
        _write(project, str(item.relative_to(project)), item.read_text(encoding="utf-8").replace("\n---\n", "\n---\n\nNeu: ein Satz.\n", 1))
        server.settled(2)
        rendered, kept = server.last_build()["de"]
        assert 1 <= rendered < kept, server.last_build()
        assert "A 'dirty' build" not in "\n".join(server.lines)
        _same_as_clean_build(server, "an edit served by ProperDocs", tmp_path)
    finally:
        server.stop()


def test_the_engine_stays_on_the_1x_line():
    """Pins that hold the stack where it works: MkDocs 1.x exactly, ProperDocs beside it, no
    pre-release, and Dependabot told not to propose the 2.x line."""
    import tomllib

    import yaml

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = dict(dep.split("==") for dep in project["dependencies"])
    assert pins["mkdocs"].startswith("1.") and pins["properdocs"].startswith("1.")
    constraints = dict(line.split("==") for line in (ROOT / "constraints.txt").read_text().split() if "==" in line)
    assert constraints["mkdocs"] == pins["mkdocs"] and constraints["properdocs"] == pins["properdocs"]
    assert not [name for name, version in constraints.items() if any(mark in version for mark in ("a", "b", "rc", "dev"))]
    dependabot = yaml.safe_load((ROOT / ".github/dependabot.yml").read_text(encoding="utf-8"))
    ignored = {rule["dependency-name"]: rule["versions"] for update in dependabot["updates"] for rule in update.get("ignore", [])}
    assert ignored["mkdocs"] == [">=2.0.0.dev0"] and ignored["properdocs"] == [">=2.0.0.dev0"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "export NO_MKDOCS_2_WARNING := 1" in makefile and "export DISABLE_MKDOCS_2_WARNING := true" in makefile
