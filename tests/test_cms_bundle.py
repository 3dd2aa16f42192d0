"""The editing page's Decap bundle: fetched with npm, checked against the pinned checksum, only
the files the page uses kept (hooks/cluster_site/editors/cms_bundle.py; `make build` runs it).

A package folder of our own stands in for the registry's decap-cms here (`npm pack` packs a folder
as it packs a registry package): the same code path, no network.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cluster_site.editors import cli, cms_bundle


def _package(folder: Path) -> Path:
    (folder / "dist/sub").mkdir(parents=True)
    (folder / "package.json").write_text('{"name": "decap-cms", "version": "0.0.0-test"}', encoding="utf-8")
    for name, text in (("decap-cms.js", "bundle"), ("12.decap-cms.js", "chunk"), ("abc.wasm", "wasm"),
                       ("decap-cms.js.LICENSE.txt", "licences"), ("stats.json", "{}"), ("sub/decap-cms.js", "nested")):
        (folder / "dist" / name).write_text(text, encoding="utf-8")
    return folder


def test_the_bundle_is_refused_unless_it_matches_the_pinned_checksum_then_kept_once(tmp_path, monkeypatch):
    monkeypatch.setattr(cms_bundle, "PACKAGE", str(_package(tmp_path / "decap-cms")))
    monkeypatch.setattr(cms_bundle, "SHA512", "not-the-tarballs")
    target = tmp_path / "site/.cache/decap-cms"
    with pytest.raises(cms_bundle.BundleError, match="does not match the pinned checksum") as refused:
        cms_bundle.install(target)
    assert not target.exists()  # nothing installed from a tarball that is not the pinned one
    monkeypatch.setattr(cms_bundle, "SHA512", re.search(r"sha512-(\S+)\)", str(refused.value))[1])
    assert cms_bundle.install(target) is True
    assert sorted(p.name for p in target.iterdir()) == [".installed", "12.decap-cms.js", "abc.wasm", "decap-cms.js",
                                                        "decap-cms.js.LICENSE.txt"]
    assert (target / "decap-cms.js").read_text(encoding="utf-8") == "bundle"  # not the nested one
    assert cms_bundle.install(target) is False  # there already: nothing fetched
    assert not [p for p in target.parent.iterdir() if p.name != "decap-cms"]  # no scratch folder left beside it
    (target / "decap-cms.js").unlink()  # a marker alone does not count
    assert cms_bundle.install(target) is True and (target / "decap-cms.js").read_text(encoding="utf-8") == "bundle"


def test_a_folder_that_is_not_the_bundles_own_is_never_replaced(tmp_path, monkeypatch):
    monkeypatch.setattr(cms_bundle, "PACKAGE", str(_package(tmp_path / "decap-cms")))
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "notes.txt").write_text("mine", encoding="utf-8")
    link = tmp_path / "site/.cache/decap-cms"
    link.parent.mkdir(parents=True)
    link.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    for folder in (shared, link):
        with pytest.raises(cms_bundle.BundleError, match="not replaced"):
            cms_bundle.install(folder)
    assert (shared / "notes.txt").read_text(encoding="utf-8") == "mine" and link.is_symlink()


def test_a_site_without_the_editing_page_needs_no_bundle_and_npm_missing_is_named(tmp_path, monkeypatch, capsys):
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nextra:\n  cms: false\n", encoding="utf-8")
    monkeypatch.delenv("CLUSTER_SITE_CMS_BUNDLE", raising=False)
    assert cli.main(["--root", str(tmp_path), "cms-bundle"]) == 0
    assert not (tmp_path / ".cache").exists()
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nextra:\n  cms:\n    repo: null\n", encoding="utf-8")
    monkeypatch.setattr(cms_bundle.shutil, "which", lambda name: None)
    assert cli.main(["--root", str(tmp_path), "cms-bundle"]) == 1
    assert "`npm` (Node.js) is not installed" in capsys.readouterr().err
    assert not (tmp_path / ".cache").exists()
