"""Simple diagrams for the demo articles, drawn with Pillow when the demo loads.

They are Medius's own drawings (shapes, arrows and labels), not pictures from elsewhere,
and schematic on purpose: enough to show where a ball goes or where a muscle runs, not an
anatomy atlas. ``load_demo`` stores each one through the image service, like an upload.
"""

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 675
SCALE = 2  # drawn at twice the size, then reduced: smooth edges

PAPER = (250, 249, 245)
INK = (28, 42, 38)
MUTED = (95, 104, 112)
BONE = (236, 226, 203)
BONE_EDGE = (150, 132, 98)
MUSCLE = (203, 92, 86)
MUSCLE_EDGE = (140, 52, 48)
SKIN = (242, 208, 184)
SKIN_EDGE = (170, 122, 96)
WALL = (196, 200, 204)
GREEN = (0, 121, 90)
WARNING = (196, 40, 40)
BALL = (240, 150, 30)

Point = tuple[float, float]
Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Illustration:
    name: str
    alt: str
    draw: Callable[[], bytes]


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size * SCALE)


def _s(points: Sequence[Point]) -> list[tuple[float, float]]:
    return [(x * SCALE, y * SCALE) for x, y in points]


def _canvas() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), PAPER)
    return image, ImageDraw.Draw(image)


def _finish(image: Image.Image) -> bytes:
    small = image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _text(
    draw: ImageDraw.ImageDraw, at: Point, text: str, size: int = 26, fill: Colour = INK
) -> None:
    draw.text((at[0] * SCALE, at[1] * SCALE), text, font=_font(size), fill=fill)


def _arrow(
    draw: ImageDraw.ImageDraw,
    start: Point,
    end: Point,
    fill: Colour = INK,
    width: int = 4,
    head: int = 18,
) -> None:
    draw.line(_s([start, end]), fill=fill, width=width * SCALE)
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    left = (end[0] - head * math.cos(angle - 0.45), end[1] - head * math.sin(angle - 0.45))
    right = (end[0] - head * math.cos(angle + 0.45), end[1] - head * math.sin(angle + 0.45))
    draw.polygon(_s([end, left, right]), fill=fill)


def _circle(draw: ImageDraw.ImageDraw, centre: Point, radius: float, **style: object) -> None:
    x, y = centre
    draw.ellipse(_s([(x - radius, y - radius), (x + radius, y + radius)]), **style)  # type: ignore[arg-type]


def _cross(draw: ImageDraw.ImageDraw, centre: Point, size: float, fill: Colour = WARNING) -> None:
    x, y = centre
    for a, b in (
        ((x - size, y - size), (x + size, y + size)),
        ((x - size, y + size), (x + size, y - size)),
    ):
        draw.line(_s([a, b]), fill=fill, width=6 * SCALE)


def _title(draw: ImageDraw.ImageDraw, title: str, subtitle: str) -> None:
    _text(draw, (40, 28), title, size=34)
    _text(draw, (40, 72), subtitle, size=22, fill=MUTED)
    draw.rectangle(_s([(0, HEIGHT - 10), (WIDTH, HEIGHT)]), fill=GREEN)


def _pelvis_and_thigh(draw: ImageDraw.ImageDraw, *, skin: bool) -> dict[str, Point]:
    """The right hip seen from the side (front of the body to the left): the outline of
    the buttock and thigh, the wing of the pelvis (ilium), the thigh bone and its greater
    trochanter. Returns the landmarks the labels point at."""
    if skin:
        body = [
            (330, 130), (300, 230), (300, 330), (330, 420), (350, 560), (360, 660),
            (610, 660), (625, 560), (660, 450), (700, 360), (705, 270), (680, 190),
            (650, 130),
        ]  # fmt: skip
        draw.polygon(_s(body), fill=SKIN, outline=SKIN_EDGE, width=4 * SCALE)
    ilium = [
        (370, 250), (360, 200), (385, 160), (440, 140), (520, 140), (590, 160),
        (630, 200), (625, 245), (585, 290), (540, 330), (495, 350), (455, 335),
        (420, 300),
    ]  # fmt: skip
    draw.polygon(_s(ilium), fill=BONE, outline=BONE_EDGE, width=4 * SCALE)
    _circle(draw, (488, 360), 34, fill=BONE, outline=BONE_EDGE, width=4 * SCALE)  # hip socket
    femur = [(470, 372), (528, 404), (548, 430), (536, 660), (486, 660), (488, 452)]
    draw.polygon(_s(femur), fill=BONE, outline=BONE_EDGE, width=4 * SCALE)
    trochanter = (548, 415)
    _circle(draw, trochanter, 30, fill=BONE, outline=BONE_EDGE, width=4 * SCALE)
    return {
        "ilium": (470, 220),
        "crest": (520, 140),
        "trochanter": trochanter,
        "femur": (512, 580),
        "buttock": (640, 300),
    }


def ball_against_a_wall() -> bytes:
    """Where the ball goes for self-release: upper outer buttock, off the trochanter."""
    image, draw = _canvas()
    _title(
        draw,
        "Ball release against a wall",
        "Right hip from the side, front of the body on the left",
    )
    marks = _pelvis_and_thigh(draw, skin=True)
    draw.rectangle(_s([(745, 110), (790, 665)]), fill=WALL, outline=MUTED, width=2 * SCALE)
    _text(draw, (800, 620), "wall", size=24, fill=MUTED)
    ball = (723, 285)
    _circle(draw, ball, 22, fill=BALL, outline=INK, width=3 * SCALE)
    _arrow(draw, (560, 285), (680, 285), fill=GREEN, width=5)
    _text(draw, (880, 150), "Ball: upper outer buttock,", size=26)
    _text(draw, (880, 184), "a hand's width below the", size=26)
    _text(draw, (880, 218), "top of the pelvis", size=26)
    _arrow(draw, (875, 200), (752, 280), fill=INK, width=3, head=14)
    _text(draw, (560, 240), "lean gently", size=22, fill=GREEN)
    _cross(draw, marks["trochanter"], 22)
    _text(draw, (880, 400), "Not on the greater", size=26, fill=WARNING)
    _text(draw, (880, 434), "trochanter (the bony", size=26, fill=WARNING)
    _text(draw, (880, 468), "point of the hip)", size=26, fill=WARNING)
    _arrow(draw, (875, 440), (585, 418), fill=WARNING, width=3, head=14)
    _text(draw, (40, 520), "Tender but tolerable:", size=24)
    _text(draw, (40, 552), "about 4 out of 10,", size=24)
    _text(draw, (40, 584), "30 to 90 seconds a spot", size=24)
    return _finish(image)


def gluteus_medius_from_the_side() -> bytes:
    """The gluteus medius fanning from the outer pelvis to the greater trochanter, with
    the directions of its front, middle and back fibres."""
    image, draw = _canvas()
    _title(draw, "The gluteus medius", "Right hip from the side, front of the body on the left")
    marks = _pelvis_and_thigh(draw, skin=False)
    muscle = [(385, 185), (440, 150), (520, 148), (600, 170), (615, 215), (566, 405), (530, 405)]
    draw.polygon(_s(muscle), fill=MUSCLE, outline=MUSCLE_EDGE, width=4 * SCALE)
    for top in ((410, 185), (470, 165), (530, 162), (585, 185)):
        draw.line(_s([top, (548, 398)]), fill=MUSCLE_EDGE, width=2 * SCALE)
    _arrow(draw, (415, 200), (520, 380), fill=INK, width=3, head=14)
    _arrow(draw, (520, 175), (546, 370), fill=INK, width=3, head=14)
    _arrow(draw, (600, 195), (566, 375), fill=INK, width=3, head=14)
    _text(draw, (250, 190), "front fibres", size=24)
    _text(draw, (470, 114), "middle fibres", size=24)
    _text(draw, (640, 160), "back fibres", size=24)
    _text(draw, (820, 240), "Gluteus medius: from the", size=26)
    _text(draw, (820, 274), "outer surface of the pelvis", size=26)
    _text(draw, (820, 308), "(the ilium) to the thigh bone", size=26)
    _arrow(draw, (815, 275), (600, 260), fill=INK, width=3, head=14)
    _text(draw, (820, 420), "Its tendon attaches to the", size=26)
    _text(draw, (820, 454), "greater trochanter", size=26)
    _arrow(draw, (815, 440), (585, 420), fill=INK, width=3, head=14)
    _text(draw, (600, 560), "thigh bone (femur)", size=24, fill=MUTED)
    _arrow(draw, (595, 575), marks["femur"], fill=MUTED, width=2, head=12)
    return _finish(image)


ILLUSTRATIONS = {
    "ball_against_a_wall": Illustration(
        name="ball_against_a_wall",
        alt=(
            "Diagram of the right hip from the side: a massage ball between the upper outer "
            "buttock and a wall, with a cross on the greater trochanter, the bony point of "
            "the hip, where the ball should not go."
        ),
        draw=ball_against_a_wall,
    ),
    "gluteus_medius": Illustration(
        name="gluteus_medius",
        alt=(
            "Diagram of the right hip from the side: the fan-shaped gluteus medius runs from "
            "the outer surface of the pelvis down to the greater trochanter of the thigh "
            "bone, with arrows along its front, middle and back fibres."
        ),
        draw=gluteus_medius_from_the_side,
    ),
}
