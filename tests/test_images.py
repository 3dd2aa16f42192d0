"""Images of news, events, members and topics (issue 16): responsive versions made by the build,
alt text in every language, the credit shown, a cache by content hash, and clear errors.

The CDI's content has no photos yet (none with a known licence), so each test adds a picture
made here to a copy of the project.
"""

from __future__ import annotations

import io
import re
import shutil

import pytest
from PIL import Image, ImageCms, ImageDraw

from conftest import run_build

NEWS = "content/news/2022-10-21-go-cluster-jahrestreffen"
NEWS_PAGE = "news/2022-10-21-go-cluster-jahrestreffen.html"
EVENT_PAGE = "events/2022-10-20-go-cluster-jahrestreffen.html"


def _photo(path, size=(2000, 1200), orientation: int | None = None, kind: str = "JPEG") -> None:
    """A picture with detail (lines in several colours), saved as JPEG with camera metadata."""
    image = Image.new("RGB", size, "#3a6ea5")
    draw = ImageDraw.Draw(image)
    for x in range(0, size[0], 40):
        draw.line([(x, 0), (size[0] - x, size[1])], fill=(x % 255, 120, 200 - x % 200), width=9)
    exif = Image.Exif()
    exif[0x010F] = "Kamerahersteller"  # Make: must not reach the site
    if orientation:
        exif[0x0112] = orientation
    path.parent.mkdir(parents=True, exist_ok=True)
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()  # a colour profile, as phones embed
    if kind == "MPO":  # what many phones and cameras write: a JPEG with further pictures after the first
        image.save(path, "MPO", save_all=True, append_images=[image.rotate(90)], exif=exif)
    else:
        image.save(path, "JPEG", quality=90, exif=exif, icc_profile=srgb)


def _add_front(path, block: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ndate:", "\n" + block + "date:", 1), encoding="utf-8")


def _with_pictures(project):
    _photo(project / "docs/assets/photos/treffen.jpg")
    _photo(project / "docs/assets/photos/hochkant.jpg", size=(800, 600), orientation=6)  # shown 600 × 800
    _photo(project / "docs/assets/photos/kamera.jpg", size=(700, 500), kind="MPO")
    for lang, alt in (("de", "Eine Kamera-Aufnahme"), ("en", "A camera picture")):
        event = project / f"content/events/2022-10-20-go-cluster-jahrestreffen.{lang}.md"
        text = event.read_text(encoding="utf-8")
        event.write_text(text.replace("\nsummary:", f"\nimage:\n  src: assets/photos/kamera.jpg\n  alt: {alt}\n  credit: Testbild\nsummary:", 1),
                         encoding="utf-8")
    _add_front(project / f"{NEWS}.de.md",
               "image:\n  src: assets/photos/treffen.jpg\n  alt: Linien auf blauem Grund\n  credit: Testbild\n  licence: CC0 1.0\n")
    _add_front(project / f"{NEWS}.en.md",
               "image:\n  src: assets/photos/treffen.jpg\n  alt: Lines on a blue ground\n  credit: Test picture\n")
    member = project / "content/members/btu.yml"
    member.write_text(member.read_text(encoding="utf-8") + "image:\n  src: assets/photos/hochkant.jpg\n"
                      "  alt: {de: Ein Hochformat, en: A portrait picture}\n  credit: Testbild\n", encoding="utf-8")
    topic = project / "content/topics/energie.yml"
    topic.write_text(topic.read_text(encoding="utf-8") + "image:\n  src: assets/photos/treffen.jpg\n"
                     "  alt: {de: Linien, en: Lines}\n  caption: {de: Eine Bildunterschrift, en: A caption}\n"
                     "  credit: Testbild\n", encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def pictured(tmp_path_factory, site):
    from conftest import copy_built_project

    project = _with_pictures(copy_built_project(tmp_path_factory.mktemp("pictured"), site))
    build = run_build(project)
    assert build.result.returncode == 0, build.output
    return build


def _versions(img, source) -> dict[str, list[tuple[str, int]]]:
    """mime -> [(url, width)] of a <picture>."""
    out = {"image/webp": [(url, int(w)) for url, w in re.findall(r"(\S+) (\d+)w", img.get("srcset"))]}
    for src in source:
        out[src.get("type")] = [(url, int(w)) for url, w in re.findall(r"(\S+) (\d+)w", src.get("srcset"))]
    return out


def test_news_item_shows_its_picture_in_versions_the_build_made(pictured):
    for prefix, alt, credit in (("", "Linien auf blauem Grund", "© Testbild (CC0 1.0)"), ("en/", "Lines on a blue ground", "© Test picture")):
        page = pictured.html(prefix + NEWS_PAGE)
        figure = page.cssselect("figure.cluster-figure")[0]
        img, sources = figure.cssselect("img")[0], figure.cssselect("source")
        assert img.get("alt") == alt
        assert (img.get("width"), img.get("height")) == ("1440", "864")  # 2000 × 1200 scaled to the widest version
        assert img.get("loading") is None and img.get("fetchpriority") == "high"  # the page's first picture
        assert img.get("sizes") and sources[0].get("sizes") == img.get("sizes")
        assert " ".join(figure.cssselect("figcaption")[0].text_content().split()) == credit
        versions = _versions(img, sources)
        assert [w for _, w in versions["image/webp"]] == [480, 960, 1440]
        assert [w for _, w in versions["image/avif"]] == [480, 960, 1440]
        for mime, entries in versions.items():
            for url, width in entries:
                file = (pictured.site / prefix / NEWS_PAGE).parent / url
                with Image.open(file) as made:
                    assert made.format == mime.split("/")[1].upper()
                    assert made.size == (width, round(1200 * width / 2000))
                    assert "exif" not in made.info and not made.getexif()  # no camera data published
        assert "assets/photos/treffen.jpg" not in img.get("srcset")
    # The originals (full size, with camera data) are not published, only the versions.
    assert not (pictured.site / "assets/photos").exists()


def test_a_phones_picture_with_more_frames_is_taken_and_colours_are_srgb(pictured):
    img = pictured.html(EVENT_PAGE).cssselect("figure.cluster-figure img")[0]
    assert img.get("alt") == "Eine Kamera-Aufnahme" and (img.get("width"), img.get("height")) == ("700", "500")
    for version in (pictured.site / "assets/pictures").glob("treffen-*"):
        with Image.open(version) as made:
            assert not made.info.get("icc_profile"), version.name  # converted to sRGB, no profile carried


def test_cards_load_pictures_lazily_and_alt_text_is_in_the_pages_language(pictured):
    card = pictured.html("index.html").cssselect(".cluster-news-card img")[0]
    assert card.get("loading") == "lazy" and card.get("alt") == "Linien auf blauem Grund"
    for prefix, alt in (("", "Ein Hochformat"), ("en/", "A portrait picture")):
        img = pictured.html(prefix + "members.html").cssselect("#btu img")[0]
        assert img.get("alt") == alt and img.get("loading") == "lazy"
        assert (img.get("width"), img.get("height")) == ("600", "800")  # turned as the camera said
    topic = pictured.html("en/topics/energie.html").cssselect("figure.cluster-figure")[0]
    assert topic.cssselect("img")[0].get("alt") == "Lines"
    assert " ".join(topic.cssselect("figcaption")[0].text_content().split()) == "A caption © Testbild"


def test_unchanged_pictures_come_from_the_cache_with_the_same_bytes(pictured, tmp_path):
    assert "encoded anew: 3" in pictured.output
    made = {p.relative_to(pictured.site): p.read_bytes() for p in (pictured.site / "assets/pictures").iterdir()}
    assert len(made) == 2 * (3 + 2 + 2)  # two formats; 3 widths of the wide picture, 2 of the 600 and 700 px ones
    again = run_build(pictured.project)
    assert again.result.returncode == 0 and "encoded anew: 0" in again.output, again.output
    # Without the cache the encoder makes the same bytes again.
    shutil.rmtree(pictured.project / ".cache/images")
    fresh = run_build(pictured.project)
    assert "encoded anew: 3" in fresh.output
    assert {p.relative_to(fresh.site): p.read_bytes() for p in (fresh.site / "assets/pictures").iterdir()} == made


def test_broken_pictures_are_named_with_file_line_and_field(project):
    (project / "docs/assets/photos").mkdir(parents=True)
    (project / "docs/assets/photos/kaputt.jpg").write_text("kein Bild", encoding="utf-8")
    big = io.BytesIO()
    Image.new("L", (8000, 7000)).save(big, "PNG")
    (project / "docs/assets/photos/riesig.png").write_bytes(big.getvalue())
    _add_front(project / f"{NEWS}.de.md", "image:\n  src: assets/photos/kaputt.jpg\n  alt: Etwas\n  credit: Jemand\n")
    _add_front(project / "content/news/2023-11-09-clusters-meet-regions-duesseldorf.de.md",
               "image:\n  src: assets/photos/fehlt.jpg\n  alt: Etwas\n  credit: Jemand\n")
    _add_front(project / "content/news/2021-09-23-go-cluster-virtuelles-clustertreffen.de.md",
               "image:\n  src: assets/photos/kaputt.jpg\n  alt: Etwas\n")
    for slug, src, alt in (("btu", "riesig.png", "{de: Riesig, en: Huge}"), ("kei", "kaputt.jpg", "{de: Nur deutsch}")):
        member = project / f"content/members/{slug}.yml"
        member.write_text(member.read_text(encoding="utf-8") + f"image:\n  src: assets/photos/{src}\n  alt: {alt}\n  credit: X\n",
                          encoding="utf-8")
    build = run_build(project)
    out = build.output
    assert build.result.returncode != 0 and "Traceback" not in out
    assert not (project / "site").exists()
    expected = [
        (rf"{NEWS}.de.md:\d+: image.src: Bild „assets/photos/kaputt.jpg“ lässt sich nicht lesen", "unreadable"),
        (rf"{NEWS}.en.md:\d+: image: das Original", "translation without the image"),
        (r"2023-11-09-clusters-meet-regions-duesseldorf.de.md:\d+: image.src: Bild „assets/photos/fehlt.jpg“ gibt es nicht", "missing"),
        (r"2021-09-23-go-cluster-virtuelles-clustertreffen.de.md:\d+: image.credit: ", "no credit"),
        (r"content/members/btu.yml:\d+: image.src: Bild „assets/photos/riesig.png“ ist zu groß", "too many pixels"),
        (r"content/members/kei.yml:\d+: image.alt: Bild ohne Alternativtext in en", "alt in one language only"),
    ]
    for pattern, what in expected:
        assert re.search(pattern, out), f"{what}: {pattern}\n{out}"


def test_a_picture_cut_short_is_named_when_it_is_decoded(project):
    _photo(project / "docs/assets/photos/abgeschnitten.jpg")
    whole = (project / "docs/assets/photos/abgeschnitten.jpg").read_bytes()
    (project / "docs/assets/photos/abgeschnitten.jpg").write_bytes(whole[: len(whole) // 2])  # the header reads fine
    _add_front(project / f"{NEWS}.de.md", "image:\n  src: assets/photos/abgeschnitten.jpg\n  alt: Etwas\n  credit: Jemand\n")
    _add_front(project / f"{NEWS}.en.md", "image:\n  src: assets/photos/abgeschnitten.jpg\n  alt: Something\n  credit: Someone\n")
    build = run_build(project)
    assert build.result.returncode != 0 and "Traceback" not in build.output
    assert re.search(rf"{NEWS}.de.md:\d+: image.src: Bild „assets/photos/abgeschnitten.jpg“ lässt sich nicht lesen", build.output), build.output
    assert re.search(rf"{NEWS}.en.md:\d+: image.src: ", build.output)


def test_a_drafts_picture_is_not_published(project):
    _photo(project / "docs/assets/photos/entwurf.jpg", size=(600, 400))
    member = project / "content/members/btu.yml"
    member.write_text(member.read_text(encoding="utf-8") + "draft: true\nimage:\n  src: assets/photos/entwurf.jpg\n"
                      "  alt: {de: Entwurf, en: Draft}\n  credit: X\n", encoding="utf-8")
    build = run_build(project)
    assert build.result.returncode == 0, build.output
    assert not (build.site / "assets/pictures").exists() and "Images:" not in build.output


def test_a_picture_in_another_format_is_refused(project):
    gif = project / "docs/assets/photos/animation.jpg"  # a GIF, named .jpg
    gif.parent.mkdir(parents=True)
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    _add_front(project / "content/news/2023-11-09-clusters-meet-regions-duesseldorf.de.md",
               "image:\n  src: assets/photos/animation.jpg\n  alt: Etwas\n  credit: Jemand\n")
    build = run_build(project)
    assert build.result.returncode != 0 and "Traceback" not in build.output
    assert re.search(r"duesseldorf.de.md:\d+: image.src: Bild „assets/photos/animation.jpg“ ist GIF", build.output), build.output
