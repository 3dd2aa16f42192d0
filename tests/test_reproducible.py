"""Same content and SOURCE_DATE_EPOCH: byte-identical output. The build date decides upcoming/past."""

from __future__ import annotations

import hashlib

from conftest import copy_project, run_build


def _digest(site):
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path):
    first = run_build(copy_project(tmp_path / "a"))
    second = run_build(copy_project(tmp_path / "b"))
    assert first.result.returncode == 0 and second.result.returncode == 0
    assert _digest(first.site) == _digest(second.site)


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
    assert "Zurzeit sind keine Termine angekündigt" in after.text("index.html")
    assert (after.site / "news/2023-11-09-clusters-meet-regions-duesseldorf.html").exists()
