"""Social cards: the picture a shared link shows, one 1200×630 PNG per page and language.

A card shows the page's title, the site's name and the brand colours (content/site.yml), drawn
with Pillow in Source Sans Pro (SIL Open Font License, from the font-source-sans-pro package). `og:image` and
`twitter:image` point at it. Each card is cached under `.cache/social/` by a hash of what it
shows, so an unchanged card is not drawn again; a PNG without metadata, so the same text always
gives the same bytes.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import os
import posixpath
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import font_source_sans_pro
import PIL
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
FOLDER = "assets/social"
MARGIN = 80
TITLE_SIZES = (76, 64, 54)  # the largest size at which the title fits in the title's area
TITLE_AREA = (175, HEIGHT - 110)  # from the name line to the address line
LEADING = 1.2
# Part of every cache key: another layout, another Pillow or another release of the font draws
# other bytes. The font is named by its package's version, not its path, so a cache stays valid
# wherever the package is installed (a checkout's venv, a wheel's, CI's).
LAYOUT = "2"
FONTS = {"regular": font_source_sans_pro.font_files_ttf["SourceSansPro"],
         "bold": font_source_sans_pro.font_files_ttf["SourceSansProBold"]}
FONT_RELEASE = importlib.metadata.version("font-source-sans-pro")
SETTINGS = hashlib.sha256(f"{LAYOUT}:{PIL.__version__}:{FONT_RELEASE}:{WIDTH}x{HEIGHT}".encode()).hexdigest()[:8]


@dataclass(frozen=True)
class Card:
    title: str
    site_name: str
    short_name: str
    primary: str  # #rrggbb, white text is readable on it (checked in content)
    accent: str
    address: str  # the site's address without scheme, e.g. cdi.example.org

    @property
    def digest(self) -> str:
        return hashlib.sha256(repr((SETTINGS, self)).encode("utf-8")).hexdigest()[:20]


def card_path(page_url: str) -> str:
    """The card of the page at `page_url` (site-relative): assets/social/<page>.png."""
    if page_url in ("", "./", ".") or page_url.endswith("/"):
        stem = posixpath.join(page_url.rstrip("./") if page_url not in ("./", ".") else "", "index")
    else:
        stem = posixpath.splitext(page_url)[0]
    return f"{FOLDER}/{stem.lstrip('/')}.png"


@lru_cache(maxsize=None)
def _font(size: int, weight: str = "regular") -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONTS[weight], size=size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _fit_title(title: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which the title fits; a title too long even then is cut with "…"."""
    height = TITLE_AREA[1] - TITLE_AREA[0]
    for size in TITLE_SIZES:
        font = _font(size, "bold")
        lines = _wrap(title, font, width)
        if len(lines) * round(size * LEADING) <= height and all(font.getlength(line) <= width for line in lines):
            return font, lines
    lines = _wrap(title, font, width)[: height // round(font.size * LEADING)]
    while lines and font.getlength(lines[-1] + " …") > width:
        lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
    lines[-1] += " …"
    return font, lines


# A card has three colours and the shades text's smooth edges make between two of them, so it
# is drawn as one channel (an index into a palette: PRIMARY..WHITE is the blend of the brand's
# colour into white, ACCENT the band) and saved as a palette PNG: a third of the pixels to draw
# and to compress, the same look as drawing in full colour.
PRIMARY, WHITE, ACCENT = 0, 254, 255


def _palette(primary: str, accent: str) -> list[int]:
    start = [int(primary[i:i + 2], 16) for i in (1, 3, 5)]
    shades = [round(c + (255 - c) * step / WHITE) for step in range(WHITE + 1) for c in start]
    return shades + [int(accent[i:i + 2], 16) for i in (1, 3, 5)]


@lru_cache(maxsize=8)
def _frame(site_name: str, short_name: str, address: str) -> Image.Image:
    """What every card of a site has: the band, the boxed short name, the name, the address.
    Drawn once; each card copies it and adds its title."""
    image = Image.new("L", (WIDTH, HEIGHT), PRIMARY)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, HEIGHT - 18, WIDTH, HEIGHT), fill=ACCENT)
    # The short name, boxed like the header's wordmark, and the full name beside it.
    short_font = _font(44, "bold")
    box = pen.textbbox((MARGIN + 20, MARGIN), short_name, font=short_font)
    pen.rounded_rectangle((MARGIN, box[1] - 14, box[2] + 20, box[3] + 14), radius=10, fill=WHITE)
    pen.text((MARGIN + 20, MARGIN), short_name, font=short_font, fill=PRIMARY)
    name_font = _font(34)
    name_x = box[2] + 48
    if name_font.getlength(site_name) <= WIDTH - MARGIN - name_x:
        pen.text((name_x, (box[1] + box[3]) / 2), site_name, font=name_font, fill=WHITE, anchor="lm")
    if address:
        pen.text((MARGIN, HEIGHT - 60), address, font=_font(30), fill=WHITE, anchor="ls")
    return image


def draw(card: Card) -> bytes:
    image = _frame(card.site_name, card.short_name, card.address).copy()
    pen = ImageDraw.Draw(image)
    font, lines = _fit_title(card.title, WIDTH - 2 * MARGIN)
    line_height = round(font.size * LEADING)
    top = (TITLE_AREA[0] + TITLE_AREA[1] - len(lines) * line_height) // 2  # centred in its area
    for index, line in enumerate(lines):
        pen.text((MARGIN, top + index * line_height), line, font=font, fill=WHITE)
    card_image = Image.frombytes("P", image.size, image.tobytes())
    card_image.putpalette(_palette(card.primary, card.accent))
    out = io.BytesIO()
    # Cards are fetched by the platforms a link is shared on, not by visitors: fast compression
    # (a few KB more) matters less than drawing thousands of them on a site's first build.
    card_image.save(out, "PNG", compress_level=3)
    return out.getvalue()


def write(site_dir: Path, cards: dict[str, Card], cache_dir: Path | None) -> int:
    """Every card (site path -> Card) into `site_dir`; returns how many were drawn anew.

    A card from the cache is linked, not copied, where the file system allows: thousands of
    cards then cost no bytes and little time."""
    drawn = 0
    for path, card in sorted(cards.items()):
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        cached = cache_dir / f"{card.digest}.png" if cache_dir else None
        if cached is None or not cached.is_file():
            data = draw(card)
            drawn += 1
            if cached is None:
                target.write_bytes(data)
                continue
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(f".{os.getpid()}.part")
            partial.write_bytes(data)
            partial.replace(cached)  # whole or not at all, even if two builds run at once
        target.unlink(missing_ok=True)  # the live preview draws a changed page's card again
        try:
            os.link(cached, target)
        except OSError:  # another file system, or links not allowed
            shutil.copyfile(cached, target)
    return drawn
