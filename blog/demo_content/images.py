"""Pictures for the demo, drawn with Pillow so it needs no downloads: a soft gradient with
shapes for each post (its own palette and layout) and an initials portrait for each author."""

from __future__ import annotations

import hashlib
import io
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

Colour = tuple[int, int, int]
HERO_SIZE = (1920, 1080)
PORTRAIT_SIZE = (480, 480)


def _mix(a: Colour, b: Colour, t: float) -> Colour:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _png(canvas: Image.Image) -> bytes:
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return buffer.getvalue()


def _gradient(size: tuple[int, int], top: Colour, bottom: Colour) -> Image.Image:
    # A 1-pixel-wide strip resized up is far faster than drawing every line at 1920 px.
    strip = Image.new("RGB", (1, 256))
    for y in range(256):
        strip.putpixel((0, y), _mix(top, bottom, y / 255))
    return strip.resize(size, Image.Resampling.BICUBIC)


def hero_png(seed: str, palette: tuple[Colour, Colour, Colour]) -> bytes:
    """A calm abstract image: gradient, blurred soft discs and a few crisp rings, laid out by
    `seed` so that every post gets its own picture."""
    rng = random.Random(hashlib.sha256(seed.encode()).digest())  # noqa: S311 (layout, not secrets)
    top, bottom, accent = palette
    width, height = HERO_SIZE
    # The soft shapes are drawn and blurred at an eighth of the size, then scaled up: the same
    # picture as a full-size blur, in a fraction of the time (load_demo runs in tests).
    small = (width // 8, height // 8)
    canvas = _gradient(small, top, bottom)
    for _ in range(5):
        # Each disc is its colour pasted through a blurred mask: blurring an RGBA layer would
        # blend the transparent black around it into a grey fringe.
        r = rng.randint(small[1] // 6, small[1] // 2)
        x, y = rng.randint(0, small[0]), rng.randint(0, small[1])
        mask = Image.new("L", small, 0)
        ImageDraw.Draw(mask).ellipse([x - r, y - r, x + r, y + r], fill=rng.randint(90, 170))
        tint = _mix(accent, (255, 255, 255), rng.uniform(0.0, 0.5))
        canvas.paste(tint, (0, 0, *small), mask.filter(ImageFilter.GaussianBlur(9)))
    canvas = canvas.resize(HERO_SIZE, Image.Resampling.BICUBIC)
    rings = ImageDraw.Draw(canvas)
    for _ in range(3):
        r = rng.randint(height // 10, height // 4)
        x, y = rng.randint(r, width - r), rng.randint(r, height - r)
        rings.ellipse(
            [x - r, y - r, x + r, y + r], outline=_mix(accent, (255, 255, 255), 0.7), width=6
        )
    return _png(canvas)


def portrait_png(name: str, background: Colour) -> bytes:
    """A round-friendly portrait placeholder: the author's initials on their colour."""
    initials = "".join(part[0] for part in name.replace("Dr ", "").split()[:2]).upper()
    canvas = _gradient(PORTRAIT_SIZE, _mix(background, (255, 255, 255), 0.25), background)
    draw = ImageDraw.Draw(canvas)
    font = ImageFont.load_default(size=PORTRAIT_SIZE[0] // 3)
    draw.text(
        (PORTRAIT_SIZE[0] / 2, PORTRAIT_SIZE[1] / 2),
        initials,
        font=font,
        fill=(255, 255, 255),
        anchor="mm",
    )
    return _png(canvas)


PRODUCT_SIZE = (960, 960)


def product_png(category: str, palette: tuple[Colour, Colour, Colour]) -> bytes:
    """A product shot in the post's colours: the tool's outline (pen, roller, LED mask, or a
    jar for creams and the rest) on a soft backdrop, so the product image differs from the hero."""
    top, bottom, accent = palette
    canvas = _gradient(PRODUCT_SIZE, _mix(top, (255, 255, 255), 0.5), top)
    draw = ImageDraw.Draw(canvas)
    body, light = _mix(accent, (40, 40, 40), 0.2), _mix(accent, (255, 255, 255), 0.75)
    draw.ellipse([230, 800, 730, 860], fill=_mix(bottom, (0, 0, 0), 0.12))  # shadow
    if category == "microneedling_pen":
        draw.rounded_rectangle([420, 120, 540, 720], radius=60, fill=body)
        draw.polygon([(440, 720), (520, 720), (495, 810), (465, 810)], fill=light)
        draw.rounded_rectangle([450, 260, 510, 340], radius=20, fill=light)
    elif category == "derma_roller":
        draw.rounded_rectangle([440, 380, 520, 820], radius=40, fill=body)
        draw.rounded_rectangle([300, 170, 660, 390], radius=100, fill=light, outline=body, width=12)
        for x in range(340, 640, 40):
            for y in range(210, 360, 40):
                draw.ellipse([x - 6, y - 6, x + 6, y + 6], fill=body)
    elif category == "led_device":
        draw.ellipse([220, 120, 740, 800], fill=light, outline=body, width=14)
        for box in ([320, 330, 440, 390], [520, 330, 640, 390], [420, 560, 540, 600]):
            draw.rounded_rectangle(box, radius=30, fill=_mix(bottom, top, 0.5))
        for x in range(300, 680, 60):
            draw.ellipse([x - 10, 460, x + 10, 480], fill=(220, 60, 60))
    else:
        draw.rounded_rectangle([270, 420, 690, 820], radius=50, fill=light, outline=body, width=12)
        draw.rounded_rectangle([250, 300, 710, 430], radius=30, fill=body)
        draw.rounded_rectangle([340, 560, 620, 680], radius=12, fill=_mix(top, bottom, 0.5))
    return _png(canvas)
