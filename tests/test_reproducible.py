"""Same content and SOURCE_DATE_EPOCH: byte-identical output. The build date decides upcoming/past."""

from __future__ import annotations

import hashlib

from conftest import copy_project, run_build, override


def _digest(site):
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical_also_in_one_process(tmp_path, site):
    # The session's build (the other languages in a second process, speed/other_languages.py)
    # against a build of another copy in one process, as mkdocs-static-i18n alone builds.
    sequential = run_build(copy_project(tmp_path / "sequential"), extra_env={"CLUSTER_SITE_JOBS": "1"})
    assert sequential.result.returncode == 0, sequential.output
    assert "en/index.html" in _digest(site.site) and "en/feeds/events.ics" in _digest(site.site)
    assert _digest(sequential.site) == _digest(site.site)


def test_building_from_another_folder_gives_the_same_site(tmp_path, site):
    # `mkdocs build -f path/to/mkdocs.yml`, as CI or a parent repository runs it: MkDocs
    # gives the hooks a relative config path then (this once ended in a traceback).
    build = run_build(copy_project(tmp_path / "project"), from_folder=tmp_path)
    assert build.result.returncode == 0, build.output
    assert _digest(build.site) == _digest(site.site)


def test_build_date_moves_events_from_upcoming_to_past(project):
    # 2023-11-01: the Düsseldorf event (8–9 November 2023) is still upcoming, and the news
    # item dated 2023-11-09 is not published yet.
    before = run_build(project, epoch="1698840000")
    assert before.result.returncode == 0, before.output
    home = before.text("index.html")
    assert "Clusters meet Regions" in home and "Zurzeit sind keine Termine" not in home
    assert not (before.site / "news/2023-11-09-clusters-meet-regions-duesseldorf.html").exists()
    assert "2023-11-09-clusters" not in (before.site / "sitemap.xml").read_text()
    upcoming = before.html("events.html").xpath("//h2[@id='upcoming']/following-sibling::article[1]//a")[0]
    assert "Clusters meet Regions" in upcoming.text_content()
    # 2023-11-10: it is over and the report is out.
    after = run_build(project, epoch="1699617600")
    upcoming = after.html("events.html").xpath("//h2[@id='upcoming']/following-sibling::article[1]//a")[0]
    assert "Hannover Messe 2025" in upcoming.text_content()  # the next one now; Düsseldorf is past
    assert "Zurzeit sind keine Termine angekündigt" not in after.text("index.html")
    assert (after.site / "news/2023-11-09-clusters-meet-regions-duesseldorf.html").exists()


def test_a_failure_in_the_second_process_fails_the_build(tmp_path):
    # A template that fails on English pages only: the English pass, which runs in the second
    # process, crashes; the build as a whole must fail, with the reason and no traceback.
    project = copy_project(tmp_path / "p")
    override(project, "main.html", "{% block content %}",
             "{% block content %}{% if site_view.lang == 'en' %}{{ site_view.no_such.field }}{% endif %}")
    build = run_build(project, extra_env={"CLUSTER_SITE_JOBS": "2"})
    assert build.result.returncode != 0
    assert "The build stopped at" in build.output or "Der Build ist bei" in build.output, build.output[-2000:]
    assert "Building the other languages failed" in build.output
    assert "Traceback" not in build.output


def test_a_wrong_jobs_setting_is_named(tmp_path):
    build = run_build(copy_project(tmp_path / "p"), extra_env={"CLUSTER_SITE_JOBS": "two"})
    assert build.result.returncode != 0
    assert "CLUSTER_SITE_JOBS='two': expected a whole number" in build.output
    assert "Traceback" not in build.output
