"""Render the application icon, resources/icons/annotator.svg, into the files that ship:

    annotator/gui/icons/annotator-{16,...,512}.png   package data: window icon, Linux desktops
    packaging/icons/annotator.ico                    the Windows executables
    packaging/icons/annotator.icns                   the macOS .app

    python packaging/make_icons.py

The outputs are committed, so neither a build nor an install needs Qt's SVG module or this
script; run it again after changing the SVG. ICO and ICNS are written here, holding PNGs,
rather than with Pillow, which the app does not otherwise need.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# The sizes the window loads are the sizes rendered.
from annotator.gui.app import ICON_SIZES as PNG_SIZES

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "annotator.svg"
PNG_DIR = ROOT / "annotator" / "gui" / "icons"
ICO = ROOT / "packaging" / "icons" / "annotator.ico"
ICNS = ROOT / "packaging" / "icons" / "annotator.icns"

# An ICO entry stores its size in one byte (0 meaning 256), so 256 is the largest it holds.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Apple's PNG-holding types: each names a pixel size; the @2x ones serve Retina screens.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),  # 512@2x
    (b"ic11", 32),  # 16@2x
    (b"ic12", 64),  # 32@2x
    (b"ic13", 256),  # 128@2x
    (b"ic14", 512),  # 256@2x
)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO whose images are PNG streams (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))  # reserved, type 1 = icon, image count
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in pngs.items():
        side = 0 if size == 256 else size
        # width, height, palette size, reserved, colour planes, bits per pixel, length, offset
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def icns(chunks: list[tuple[bytes, bytes]]) -> bytes:
    """An ICNS: big-endian lengths, each counting its own 8-byte header."""
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in chunks)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"make_icons: Qt cannot read {SVG}", file=sys.stderr)
        return 2
    sizes = sorted({*PNG_SIZES, *ICO_SIZES, *(size for _, size in ICNS_TYPES)})
    pngs = {size: png_bytes(render(renderer, size)) for size in sizes}

    PNG_DIR.mkdir(parents=True, exist_ok=True)
    for size in PNG_SIZES:
        (PNG_DIR / f"annotator-{size}.png").write_bytes(pngs[size])
    ICO.parent.mkdir(parents=True, exist_ok=True)
    ICO.write_bytes(ico({size: pngs[size] for size in ICO_SIZES}))
    ICNS.write_bytes(icns([(kind, pngs[size]) for kind, size in ICNS_TYPES]))
    for path in (PNG_DIR, ICO, ICNS):
        print(f"make_icons: wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
