"""Pictures of content items -> responsive versions, made with Pillow.

`plan` reads each image's header when the content is loaded, so a missing, unreadable or
oversized file is a content problem found before anything is built, and the templates know
every version's size (width and height on <img>, srcset). `encode` makes the versions (AVIF and
WebP, up to three widths), each cached under `.cache/images/` by the source's content hash and
the encoding settings: an unchanged image is not encoded again, and the same source always
gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import posixpath
import dataclasses
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image as PILImage
from PIL import ImageCms, ImageOps

from ..content import Content, is_published
from ..content.parse import line_of
from ..content.problems import Problem

WIDTHS = (480, 960, 1440)  # a phone, a content column, a wide or high-density screen
# AVIF first: about a third smaller than WebP at the same look; WebP for browsers without AVIF.
# One encoder thread: AVIF encoded on several threads is not byte-stable.
ENCODINGS = (
    ("image/avif", "avif", "AVIF", {"quality": 60, "speed": 6, "max_threads": 1}),
    ("image/webp", "webp", "WEBP", {"quality": 80, "method": 4}),
)
# MPO: the JPEG many phones and cameras write (extra pictures after the first, which is used).
ACCEPTED = {"JPEG", "MPO", "PNG", "WEBP"}
MAX_BYTES = 20_000_000
MAX_PIXELS = 50_000_000  # a 50-megapixel camera's picture; far beyond that is a decompression bomb
OUTPUT_FOLDER = "assets/pictures"
# Part of every cache key: other settings or another Pillow make other bytes.
SETTINGS = hashlib.sha256(repr((WIDTHS, ENCODINGS, PIL.__version__)).encode()).hexdigest()[:8]
_EXIF_ORIENTATION = 0x0112
_TURNED = (5, 6, 7, 8)  # orientations that swap width and height


@dataclass(frozen=True)
class Version:
    path: str  # site-relative, e.g. assets/pictures/jahrestreffen-3f2a9c1b-960.avif
    width: int
    height: int
    mime: str


@dataclass(frozen=True)
class Picture:
    """One source image and the versions the site shows of it."""

    src: str  # under docs/
    digest: str  # sha256 of the file's bytes
    width: int  # of the widest version
    height: int
    versions: tuple[Version, ...]
    named_in: tuple["ImageRef", ...] = ()  # where content names it, for messages

    def named_by(self, ref: "ImageRef") -> "Picture":
        return dataclasses.replace(self, named_in=self.named_in + (ref,))

    def srcset(self, mime: str) -> tuple[Version, ...]:
        return tuple(v for v in self.versions if v.mime == mime)

    @property
    def mimes(self) -> tuple[str, ...]:
        return tuple(mime for mime, *_ in ENCODINGS)

    @property
    def fallback(self) -> Version:
        """The widest version in the most widely supported format (<img src>, structured data)."""
        return self.srcset(ENCODINGS[-1][0])[-1]


@dataclass(frozen=True)
class ImageRef:
    """Where content names an image: for messages."""

    src: str
    path: str
    line: int
    field: str


def image_refs(content: Content, today: dt.date) -> list[ImageRef]:
    """Every image that published content names, with the file and line that name it (a draft's
    or a future item's picture is not published before the item)."""
    lines, refs = content.lines, []

    def add(image, path: str) -> None:
        if image is not None:
            refs.append(ImageRef(image.src, path, line_of(lines, path, "image.src"), "image.src"))

    for kind in (content.news, content.events):
        for versions in kind.values():
            for item in versions.values():
                if is_published(item.front, today):
                    add(item.front.image, item.path)
    for slug, member in content.members.items():
        if not member.draft:
            add(member.image, f"content/members/{slug}.yml")
    for slug, topic in content.topics.items():
        add(topic.image, f"content/topics/{slug}.yml")
    return refs


def widths(original: int) -> tuple[int, ...]:
    """The widths made of an image `original` pixels wide: never wider than the original."""
    return tuple(sorted({min(width, original) for width in WIDTHS}))


def _versions(src: str, digest: str, width: int, height: int) -> tuple[Version, ...]:
    stem = posixpath.splitext(posixpath.basename(src))[0]
    return tuple(
        Version(f"{OUTPUT_FOLDER}/{stem}-{digest[:8]}-{w}.{ext}", w, max(1, round(height * w / width)), mime)
        for mime, ext, _, _ in ENCODINGS for w in widths(width))


def _read_header(file: Path) -> tuple[str, int, int]:
    """Format and displayed size (after the camera's orientation) from the file's header."""
    with PILImage.open(file) as image:
        width, height = image.size
        if image.getexif().get(_EXIF_ORIENTATION) in _TURNED:
            width, height = height, width
        return image.format or "?", width, height


def plan(content: Content, docs_dir: Path | None, today: dt.date) -> tuple[dict[str, Picture], list[Problem]]:
    """The picture of every image published content names, keyed by its path under docs/; and
    the problems (a file that cannot be decoded is found by `encode`)."""
    pictures: dict[str, Picture] = {}
    problems: list[Problem] = []
    failed: dict[str, tuple[str, tuple]] = {}
    if docs_dir is None:
        return pictures, problems
    for ref in image_refs(content, today):
        if ref.src in pictures:
            pictures[ref.src] = pictures[ref.src].named_by(ref)
            continue
        if ref.src not in failed:
            try:
                pictures[ref.src] = _picture(docs_dir, ref.src).named_by(ref)
            except _Refused as refused:
                failed[ref.src] = (refused.code, refused.args)
        if ref.src in failed:
            code, args = failed[ref.src]
            problems.append(Problem(ref.path, ref.line, ref.field, code, args))
    return pictures, problems


class _Refused(Exception):
    def __init__(self, code: str, *args: object) -> None:
        super().__init__(code)
        self.code, self.args = code, args


def _picture(docs_dir: Path, src: str) -> Picture:
    file = docs_dir / src
    if not file.is_file():
        raise _Refused("missing_image", src)
    size = file.stat().st_size
    if size > MAX_BYTES:
        raise _Refused("image_too_large", src, f"{size / 1e6:.0f} MB", f"{MAX_BYTES / 1e6:.0f} MB")
    try:
        kind, width, height = _read_header(file)
    except Exception as error:  # whatever a broken file makes Pillow raise, it is the file's fault
        raise _Refused("unreadable_image", src, type(error).__name__)
    if kind not in ACCEPTED:
        raise _Refused("image_format", src, kind)
    if width * height > MAX_PIXELS:
        raise _Refused("image_too_large", src, f"{width}×{height} px", f"{MAX_PIXELS // 1_000_000} Megapixel")
    digest = hashlib.sha256(file.read_bytes()).hexdigest()
    versions = _versions(src, digest, width, height)
    widest = versions[-1]
    return Picture(src, digest, widest.width, widest.height, versions)


# --- encoding --------------------------------------------------------------------------


_SRGB = ImageCms.createProfile("sRGB")


def _in_srgb(image: PILImage.Image) -> PILImage.Image:
    """Colours converted from the file's own profile (a phone's wide gamut) to sRGB, which every
    browser assumes for a picture without one; the versions carry no profile."""
    icc = image.info.get("icc_profile")
    if icc:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode=image.mode)
        assert converted is not None, "a new image (not converted in place)"
        image = converted
        image.info.pop("icc_profile", None)
    return image


def _encode(file: Path, picture: Picture) -> dict[str, bytes]:
    """Every version of one picture (site path -> bytes)."""
    with PILImage.open(file) as opened:
        image = ImageOps.exif_transpose(opened)
        image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
        image = _in_srgb(image)
        out: dict[str, bytes] = {}
        for version in picture.versions:
            _, _, pil_format, options = next(e for e in ENCODINGS if e[0] == version.mime)
            resized = image if image.width == version.width else image.resize(
                (version.width, version.height), PILImage.Resampling.LANCZOS)
            buffer = io.BytesIO()
            # No EXIF and no profile: no camera or location data is published.
            resized.save(buffer, pil_format, exif=b"", icc_profile=None, **options)
            out[version.path] = buffer.getvalue()
        return out


def encode(pictures: dict[str, Picture], docs_dir: Path, cache_dir: Path | None
           ) -> tuple[dict[str, bytes], int, list[Problem]]:
    """The bytes of every version (site path -> bytes), how many pictures were encoded anew (the
    others came from `cache_dir`), and a problem wherever a picture's file could not be decoded."""
    out: dict[str, bytes] = {}
    encoded, problems = 0, []
    for picture in pictures.values():
        cached = {v.path: cache_dir / f"{picture.digest[:16]}-{SETTINGS}-{v.width}.{posixpath.splitext(v.path)[1][1:]}"
                  for v in picture.versions} if cache_dir else {}
        if cached and all(path.is_file() for path in cached.values()):
            out.update({site_path: path.read_bytes() for site_path, path in cached.items()})
            continue
        try:
            versions = _encode(docs_dir / picture.src, picture)
        except Exception as error:  # a truncated or corrupt file: its header looked fine
            problems += [Problem(ref.path, ref.line, ref.field, "unreadable_image", (picture.src, f"{type(error).__name__}: {error}"))
                         for ref in picture.named_in]
            continue
        encoded += 1
        out.update(versions)
        for site_path, path in cached.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(path.suffix + f".{os.getpid()}.part")
            partial.write_bytes(versions[site_path])
            partial.replace(path)  # whole or not at all, even if two builds run at once
    return out, encoded, problems
