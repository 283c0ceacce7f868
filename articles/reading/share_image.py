"""The picture a shared link shows (``og:image``): a 1200×630 PNG drawn with Pillow.

``draw_share_image`` only lays out a ``ShareCard`` (plain strings; nothing here reads the
database); ``articles.reading.share.share_card`` decides what goes on it. Fonts: DejaVu from
Debian's ``fonts-dejavu-core`` (it covers Indonesian and most Latin text), else Pillow's
own default font, so a machine without the package still gets an image.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 64
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
REGULAR, BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
COLOURS = {
    "bg": "#fbfaf7",
    "fg": "#1c1d21",
    "muted": "#585c66",
    "accent": "#1d5bbf",
    "card": "#fcf0d4",
    "card_fg": "#8a5a00",
    "card_border": "#e8d3a4",
    "per": "#b3461f",
    "org": "#6b3fa0",
    "loc": "#1f7a4d",
}

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True, slots=True)
class ShareCard:
    kicker: str  # "SALAM-ONLINE · 11 Dec 2017", or the entity's type
    title: str
    subtitle: str = ""
    cards: list[tuple[str, str]] = field(default_factory=list)  # (big number, what it counts)
    footer: str = "newsreader"
    accent: str = "accent"  # a COLOURS key: the entity type's colour on an entity's card


@cache
def font(bold: bool, size: int) -> Font:
    name = BOLD if bold else REGULAR
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size)


def draw_share_image(card: ShareCard) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), COLOURS["bg"])
    draw = ImageDraw.Draw(image)
    accent = COLOURS.get(card.accent, COLOURS["accent"])
    draw.rectangle((0, 0, 16, HEIGHT), fill=accent)
    width = WIDTH - 2 * MARGIN
    y = MARGIN - 8
    y = draw_lines(draw, [fit(card.kicker, font(True, 26), width)], font(True, 26), y, accent, 36)
    y += 14
    title_size = 60 if len(card.title) < 70 else 50
    title_font = font(True, title_size)
    lines = wrap(card.title, title_font, width, 3 if card.cards else 4)
    y = draw_lines(draw, lines, title_font, y, COLOURS["fg"], int(title_size * 1.2))
    if card.subtitle:
        y += 12
        sub = font(False, 30)
        y = draw_lines(draw, wrap(card.subtitle, sub, width, 2), sub, y, COLOURS["muted"], 40)
    if card.cards:
        draw_cards(draw, card.cards[:3], max(y + 24, HEIGHT - MARGIN - 170))
    footer = font(True, 26)
    draw.text((MARGIN, HEIGHT - MARGIN + 8), card.footer, font=footer, fill=COLOURS["accent"])
    return png_bytes(image)


def draw_cards(draw: ImageDraw.ImageDraw, cards: list[tuple[str, str]], top: int) -> None:
    gap, height = 24, 130
    width = (WIDTH - 2 * MARGIN - gap * 2) // 3
    label_font = font(False, 24)
    for index, (number, label) in enumerate(cards):
        left = MARGIN + index * (width + gap)
        box = (left, top, left + width, top + height)
        draw.rounded_rectangle(box, radius=14, fill=COLOURS["card"], outline=COLOURS["card_border"])
        inner = width - 40
        typeface = shrunk(number, inner, 46, 28)
        lower = (46 - getattr(typeface, "size", 46)) // 2  # a smaller number sits mid-line
        shown = fit(number, typeface, inner)
        draw.text((left + 20, top + 16 + lower), shown, font=typeface, fill=COLOURS["card_fg"])
        for row, line in enumerate(wrap(label, label_font, inner, 2)):
            draw.text((left + 20, top + 74 + row * 28), line, font=label_font, fill=COLOURS["fg"])


def shrunk(text: str, width: int, largest: int, smallest: int) -> Font:
    """The largest bold font from ``largest`` down to ``smallest`` that fits ``text``."""
    for size in range(largest, smallest - 1, -2):
        if font(True, size).getlength(text) <= width:
            return font(True, size)
    return font(True, smallest)


def draw_lines(
    draw: ImageDraw.ImageDraw, lines: list[str], typeface: Font, y: int, colour: str, step: int
) -> int:
    for line in lines:
        draw.text((MARGIN, y), line, font=typeface, fill=colour)
        y += step
    return y


def wrap(text: str, typeface: Font, width: int, max_lines: int) -> list[str]:
    """Words in lines no wider than ``width``; the last line ends in … when text is left."""
    lines: list[str] = []
    current = ""
    words = text.split()
    for index, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if typeface.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        if len(lines) == max_lines:
            lines[-1] = fit(lines[-1] + " " + " ".join(words[index:]), typeface, width)
            return lines
    if current:
        lines.append(fit(current, typeface, width))
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], fit(" ".join(lines[max_lines - 1 :]), typeface, width)]
    return lines


def fit(text: str, typeface: Font, width: int) -> str:
    """``text`` cut with … to fit ``width``."""
    if typeface.getlength(text) <= width:
        return text
    while text and typeface.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
