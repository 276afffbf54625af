"""A bar chart's SVG (unionportal/charts.py) drawn again as a PNG with Pillow, for the Word copy of
the annual report: Word shows no inline SVG, and a picture keeps the chart a chart. Only what
bar_chart() draws is understood: <rect> bars and <text> labels, in user units of its viewBox."""

import functools
import io
import subprocess

from PIL import Image, ImageColor, ImageDraw, ImageFont

SCALE = 3  # pixels per SVG unit: about 290 dpi at the chart's printed width


@functools.cache
def _font_file():
    """The file of a font that draws Chinese, found by fontconfig."""
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", "Noto Sans CJK SC:lang=zh-cn"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return found.stdout.strip() or None


def _font(size):
    path = _font_file()
    if path:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            pass
    return ImageFont.load_default(size)


def _number(element, name):
    return float(element.get(name, 0)) * SCALE


def chart_png(svg) -> tuple[bytes, float]:
    """The PNG of a chart and its width in SVG units (CSS pixels)."""
    width, height = float(svg.get("width")), float(svg.get("height"))
    image = Image.new("RGB", (round(width * SCALE), round(height * SCALE)), "white")
    draw = ImageDraw.Draw(image)
    for element in svg.iter():
        tag = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
        if tag == "rect":
            x, y = _number(element, "x"), _number(element, "y")
            box = (x, y, x + _number(element, "width"), y + _number(element, "height"))
            draw.rectangle(box, fill=ImageColor.getrgb(element.get("fill", "#000")))
        elif tag == "text":
            font = _font(round(float(element.get("font-size", 11)) * SCALE))
            anchor = "rs" if element.get("text-anchor") == "end" else "ls"  # right or left, on the baseline
            draw.text(
                (_number(element, "x"), _number(element, "y")),
                element.text or "",
                fill="black",
                font=font,
                anchor=anchor,
            )
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue(), width
