"""The site's colours as CSS custom properties, from the brand block of content/site.yml.

Material reads its palette from `--md-*` properties; our stylesheet (theme/assets/cluster.css)
reads `--cluster-*`. Both come from two colours, so another cluster changes its look in content.
"""

from __future__ import annotations

from ..content.models import Brand

PATH = "assets/brand.css"


def _mix(colour: str, other: str, share: float) -> str:
    """`colour` with `share` (0..1) of `other` mixed in, as #rrggbb."""
    channels = []
    for i in (1, 3, 5):
        a, b = int(colour[i:i + 2], 16), int(other[i:i + 2], 16)
        channels.append(round(a + (b - a) * share))
    return "#" + "".join(f"{c:02x}" for c in channels)


def css(brand: Brand) -> str:
    primary, accent = brand.primary, brand.accent
    primary_dark = _mix(primary, "#000000", 0.3)
    properties = {
        "--md-primary-fg-color": primary,
        "--md-primary-fg-color--light": _mix(primary, "#ffffff", 0.15),
        "--md-primary-fg-color--dark": primary_dark,
        "--md-accent-fg-color": accent,
        "--md-typeset-a-color": primary,
        "--cluster-primary": primary,
        "--cluster-primary-dark": primary_dark,
        "--cluster-accent": accent,
        # Backgrounds behind dark text: tints light enough for 4.5:1 with the primary colour's text.
        "--cluster-tint": _mix(primary, "#ffffff", 0.92),
        "--cluster-accent-tint": _mix(accent, "#ffffff", 0.92),
    }
    lines = [f"  {name}: {value};" for name, value in properties.items()]
    return "/* Generated from content/site.yml (brand); edit the colours there. */\n:root {\n" + "\n".join(lines) + "\n}\n"
