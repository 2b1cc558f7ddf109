"""Demo pictures drawn with Pillow: simple scenes per theme, no downloads.

No CJK font can be assumed on a newcomer's machine, so the only text drawn
is Latin (the place's pinyin and a date) with Pillow's bundled font.
"""

import io
import random
from functools import cache

from PIL import Image, ImageDraw, ImageFont, ImageOps

WIDTH, HEIGHT = 1200, 800
JPEG_QUALITY = 72

# (sky top, sky bottom, ground) per theme; each picture jitters these a little.
PALETTES = {
    "fields": ("#6fa8dc", "#d9ecf7", "#6aa84f"),
    "lemon": ("#87c3eb", "#f4f9d2", "#4e8a3a"),
    "city": ("#3d5a80", "#e0c9a6", "#5b5b63"),
    "river": ("#7fb2d6", "#eef4f7", "#3f7f9f"),
    "mountain": ("#9fb8d0", "#f0e6d2", "#7a8b6f"),
    "meeting": ("#8e1b1b", "#c0392b", "#d8c7a3"),
    "school": ("#8ec5ff", "#fef6e4", "#c96f3b"),
    "road": ("#9ccbe8", "#f6f1e7", "#8d8d8d"),
    "flood": ("#4b5a6a", "#a9b4bf", "#546e7a"),
    "festival": ("#1d1a3a", "#5a2d5f", "#2e2a38"),
    "silk": ("#b7e0c4", "#f7fbef", "#5d9b52"),
    "health": ("#a7d3e8", "#ffffff", "#e8eef2"),
}
THEMES = tuple(PALETTES)


def draw_jpeg(theme, seed, label=""):
    """Return JPEG bytes of one 1200x800 scene; same arguments give the same picture.

    The label is drawn with Pillow's built-in font, which has no Chinese: a
    Chinese label would come out as empty boxes, so it must be ASCII.
    """
    if not label.isascii():
        raise ValueError(f"draw_jpeg's label must be ASCII (the built-in font has no Chinese): {label!r}")
    # bandit: repeatable demo pictures, not a secret.
    rng = random.Random(seed)  # nosec B311
    sky_top, sky_bottom, ground = (_jitter(c, rng) for c in PALETTES.get(theme, PALETTES["fields"]))
    image = _gradient(sky_top, sky_bottom)
    draw = ImageDraw.Draw(image)
    horizon = rng.randint(HEIGHT * 45 // 100, HEIGHT * 62 // 100)
    SCENES.get(theme, _fields)(draw, rng, horizon, ground)
    if label:
        _caption_band(image, label)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


def _jitter(hex_colour, rng, spread=18):
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return tuple(max(0, min(255, c + rng.randint(-spread, spread))) for c in (r, g, b))


def _gradient(top, bottom):
    # One pixel wide, then stretched: the sky only changes from top to bottom.
    ramp = Image.linear_gradient("L").resize((1, HEIGHT))
    return ImageOps.colorize(ramp, top, bottom).resize((WIDTH, HEIGHT), Image.Resampling.NEAREST)


def _shade(colour, factor):
    return tuple(max(0, min(255, int(c * factor))) for c in colour)


def _hills(draw, rng, horizon, colour, layers=3):
    for layer in range(layers):
        base = horizon + layer * 30
        points = [(0, HEIGHT)]
        for x in range(0, WIDTH + 100, 100):
            points.append((x, base - rng.randint(20, 110) // (layer + 1)))
        points.append((WIDTH, HEIGHT))
        draw.polygon(points, fill=_shade(colour, 0.75 + 0.12 * layer))


def _sun(draw, rng, colour=(255, 236, 160)):
    x, y, r = rng.randint(150, WIDTH - 150), rng.randint(70, 200), rng.randint(35, 60)
    draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)


def _fields(draw, rng, horizon, ground):
    _sun(draw, rng)
    _hills(draw, rng, horizon, ground)
    for row in range(8):
        y = horizon + 90 + row * 28
        draw.line((0, y, WIDTH, y + rng.randint(-20, 20)), fill=_shade(ground, 0.6), width=4)


def _lemon(draw, rng, horizon, ground):
    _hills(draw, rng, horizon, ground, layers=2)
    for _ in range(14):
        x, y = rng.randint(40, WIDTH - 40), rng.randint(horizon - 40, HEIGHT - 60)
        r = rng.randint(45, 90)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_shade(ground, rng.uniform(0.7, 1.1)))
        for _ in range(5):
            fx, fy = x + rng.randint(-r // 2, r // 2), y + rng.randint(-r // 2, r // 2)
            draw.ellipse((fx - 11, fy - 8, fx + 11, fy + 8), fill=(247, 220, 60))


def _city(draw, rng, horizon, ground):
    x = 0
    while x < WIDTH:
        w, h = rng.randint(60, 140), rng.randint(120, 420)
        body = _shade(ground, rng.uniform(0.8, 1.4))
        draw.rectangle((x, horizon - h, x + w, HEIGHT), fill=body)
        for wy in range(horizon - h + 15, horizon, 30):
            for wx in range(x + 10, x + w - 15, 22):
                if rng.random() < 0.6:
                    draw.rectangle((wx, wy, wx + 10, wy + 14), fill=(250, 226, 150))
        x += w + rng.randint(4, 20)
    draw.rectangle((0, horizon + 140, WIDTH, HEIGHT), fill=_shade(ground, 0.6))


def _river(draw, rng, horizon, ground):
    _hills(draw, rng, horizon - 40, (96, 140, 90), layers=2)
    draw.rectangle((0, horizon + 40, WIDTH, HEIGHT), fill=ground)
    for _ in range(40):
        y = rng.randint(horizon + 50, HEIGHT)
        x = rng.randint(0, WIDTH)
        draw.line((x, y, x + rng.randint(30, 90), y), fill=_shade(ground, 1.35), width=2)
    deck = horizon + 10
    draw.rectangle((0, deck, WIDTH, deck + 18), fill=(200, 200, 205))
    for px in range(80, WIDTH, 180):
        draw.rectangle((px, deck + 18, px + 20, HEIGHT - 120), fill=(170, 170, 175))


def _mountain(draw, rng, horizon, ground):
    _sun(draw, rng, (255, 250, 230))
    for layer in range(4):
        peak_x = rng.randint(100, WIDTH - 100)
        top = horizon - rng.randint(150, 330) + layer * 60
        slope = [(peak_x - 600, HEIGHT), (peak_x, top), (peak_x + 600, HEIGHT)]
        draw.polygon(slope, fill=_shade(ground, 0.7 + 0.1 * layer))
    # a carved niche hints at the Anyue stone carvings
    x = rng.randint(200, WIDTH - 300)
    draw.rounded_rectangle((x, horizon + 40, x + 160, horizon + 230), radius=60, fill=(150, 130, 105))
    draw.ellipse((x + 55, horizon + 70, x + 105, horizon + 120), fill=(196, 176, 140))


def _meeting(draw, rng, horizon, ground):
    draw.rectangle((80, 60, WIDTH - 80, 150), fill=(200, 30, 30))
    draw.rectangle((0, horizon + 60, WIDTH, HEIGHT), fill=ground)
    draw.rectangle((150, horizon, WIDTH - 150, horizon + 70), fill=(245, 245, 240))
    for row in range(3):
        for col in range(14):
            x = 70 + col * 78 + row * 20
            y = horizon + 120 + row * 70
            draw.ellipse((x, y, x + 38, y + 38), fill=(30, 30, 35))
            draw.rectangle((x - 6, y + 38, x + 44, y + 80), fill=_shade((40, 50, 80), 1 + 0.2 * row))


def _school(draw, rng, horizon, ground):
    _sun(draw, rng)
    draw.rectangle((150, horizon - 230, WIDTH - 150, horizon + 40), fill=ground)
    for wy in range(horizon - 200, horizon, 60):
        for wx in range(190, WIDTH - 200, 90):
            draw.rectangle((wx, wy, wx + 50, wy + 35), fill=(235, 245, 255))
    draw.line((WIDTH - 100, horizon + 40, WIDTH - 100, horizon - 300), fill=(120, 120, 120), width=6)
    draw.rectangle((WIDTH - 97, horizon - 300, WIDTH - 10, horizon - 240), fill=(222, 41, 16))
    draw.rectangle((0, horizon + 40, WIDTH, HEIGHT), fill=(110, 160, 90))


def _road(draw, rng, horizon, ground):
    _hills(draw, rng, horizon, (100, 150, 90), layers=2)
    centre = WIDTH // 2 + rng.randint(-150, 150)
    draw.polygon([(centre - 20, horizon), (centre + 20, horizon), (WIDTH, HEIGHT), (0, HEIGHT)], fill=ground)
    for step in range(8):
        t0, t1 = step / 8, (step + 0.5) / 8
        y0, y1 = horizon + (HEIGHT - horizon) * t0**1.6, horizon + (HEIGHT - horizon) * t1**1.6
        near, far = 2 + 6 * t1, 2 + 6 * t0  # half-widths: the dash widens towards the viewer
        dash = [(centre - far, y0), (centre + far, y0), (centre + near, y1), (centre - near, y1)]
        draw.polygon(dash, fill="white")


def _flood(draw, rng, horizon, ground):
    draw.rectangle((0, horizon, WIDTH, HEIGHT), fill=ground)
    for _ in range(260):
        x, y = rng.randint(0, WIDTH), rng.randint(0, HEIGHT)
        draw.line((x, y, x - 12, y + 34), fill=(205, 215, 225), width=2)
    for i in range(5):
        x = 140 + i * 210
        draw.rectangle((x, horizon + 40, x + 60, horizon + 150), fill=(240, 110, 20))
        draw.ellipse((x + 10, horizon, x + 50, horizon + 40), fill=(240, 200, 40))


def _festival(draw, rng, horizon, ground):
    draw.rectangle((0, horizon + 80, WIDTH, HEIGHT), fill=ground)
    draw.line((0, 120, WIDTH, 160), fill=(90, 60, 40), width=4)
    for i in range(9):
        x = 60 + i * 130
        y = 140 + rng.randint(0, 40)
        draw.ellipse((x, y, x + 80, y + 100), fill=(220, 30, 40))
        draw.rectangle((x + 30, y + 100, x + 50, y + 130), fill=(240, 200, 60))
    for _ in range(60):
        x, y = rng.randint(0, WIDTH), rng.randint(horizon + 90, HEIGHT)
        draw.ellipse((x, y, x + 6, y + 6), fill=(255, 210, 120))


def _silk(draw, rng, horizon, ground):
    _hills(draw, rng, horizon, ground, layers=2)
    for _ in range(60):
        x, y = rng.randint(0, WIDTH), rng.randint(horizon + 30, HEIGHT)
        draw.ellipse((x - 28, y - 16, x + 28, y + 16), fill=_shade(ground, rng.uniform(0.75, 1.25)))
    for _ in range(25):
        x, y = rng.randint(0, WIDTH), rng.randint(horizon + 60, HEIGHT)
        draw.ellipse((x - 14, y - 9, x + 14, y + 9), fill=(250, 248, 235))


def _health(draw, rng, horizon, ground):
    draw.rectangle((0, horizon, WIDTH, HEIGHT), fill=ground)
    cx, cy = WIDTH // 2 + rng.randint(-200, 200), horizon - 150
    draw.rectangle((cx - 150, cy - 40, cx + 150, cy + 40), fill=(38, 150, 96))
    draw.rectangle((cx - 40, cy - 150, cx + 40, cy + 150), fill=(38, 150, 96))
    for i in range(6):
        x = 100 + i * 180
        draw.rounded_rectangle((x, horizon + 60, x + 90, horizon + 260), radius=30, fill=(250, 250, 252))


SCENES = {
    "fields": _fields, "lemon": _lemon, "city": _city, "river": _river, "mountain": _mountain,
    "meeting": _meeting, "school": _school, "road": _road, "flood": _flood, "festival": _festival,
    "silk": _silk, "health": _health,
}  # fmt: skip


def _caption_band(image, label):
    band = Image.new("RGB", (WIDTH, 56), (20, 20, 24))
    image.paste(band, (0, HEIGHT - 56))
    draw = ImageDraw.Draw(image)
    draw.text((24, HEIGHT - 44), label, fill=(245, 245, 245), font=_label_font())


@cache
def _label_font():
    return ImageFont.load_default(size=28)
