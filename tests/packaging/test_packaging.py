"""The packaging files agree with each other and with the app: the desktop entry, the
AppStream metainfo, the icons in every format, the PyInstaller spec and its entry point.

Fast: nothing is built here (tests/packaging/test_frozen_app.py builds and runs the app).
"""

from __future__ import annotations

import ast
import configparser
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

import annotator
from annotator.core.labels import DEFAULT_LABELS
from annotator.gui.app import ICON_SIZES

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = annotator.APP_ID
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
SVG = ROOT / "resources" / "icons" / "annotator.svg"
PNG_DIR = ROOT / "annotator" / "gui" / "icons"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Apple's icon types that hold PNG data, and the pixel size each one means.
ICNS_SIZES = {
    b"icp4": 16,
    b"icp5": 32,
    b"icp6": 64,
    b"ic07": 128,
    b"ic08": 256,
    b"ic09": 512,
    b"ic10": 1024,
    b"ic11": 32,
    b"ic12": 64,
    b"ic13": 256,
    b"ic14": 512,
}


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive: Name and Name[ar]
    parser.read_string(DESKTOP.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk, which must come first."""
    assert data[:8] == PNG_SIGNATURE, "not PNG data"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def read_ico(data: bytes) -> dict[int, bytes]:
    """side -> image data, checking each entry's declared size against its image."""
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1), "not an icon file"
    images = {}
    for index in range(count):
        width, height, _, _, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        side = width or 256  # one byte: 0 stands for 256
        assert (planes, bits) == (1, 32)
        image = data[offset : offset + length]
        assert len(image) == length, "an entry points past the end of the file"
        assert png_size(image) == (side, height or 256)
        images[side] = image
    return images


def read_icns(data: bytes) -> dict[bytes, bytes]:
    assert data[:4] == b"icns"
    (total,) = struct.unpack_from(">I", data, 4)
    assert total == len(data), "the header's length is not the file's"
    chunks, position = {}, 8
    while position < total:
        kind = data[position : position + 4]
        (length,) = struct.unpack_from(">I", data, position + 4)
        assert length > 8
        chunks[kind] = data[position + 8 : position + length]
        position += length
    assert position == total, "the last chunk runs past the end"
    return chunks


# The desktop entry ------------------------------------------------------------------------


def test_desktop_entry_has_what_a_launcher_needs():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Terminal"] == "false"
    for key in ("Name", "GenericName", "Comment", "Keywords"):
        assert entry[key].strip(), key
        assert re.search("[\u0600-\u06ff]", entry[f"{key}[ar]"]), f"{key}[ar] is not Arabic"
    categories = entry["Categories"].split(";")
    assert categories[-1] == "", "a list value ends with a semicolon"
    main = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics"}
    main |= {"Network", "Office", "Science", "Settings", "System", "Utility"}
    assert main & set(categories), "no main category: the entry would go under Other"


def test_desktop_entry_runs_the_installed_command_and_names_the_app_id():
    entry = desktop_entry()
    command, *arguments = entry["Exec"].split()
    assert command in pyproject()["project"]["scripts"]
    assert entry["TryExec"] == command
    # One file at a time (the app opens one project); refusals in a dialog, since nobody
    # reads a launcher's error output.
    assert arguments == ["--error-dialogs", "%f"]
    # Desktops look the icon up by name, and build_app.py installs it under the app id.
    assert entry["Icon"] == APP_ID == DESKTOP.stem
    assert entry["StartupWMClass"] == "annotator"  # X11's WM_CLASS: the application name


def test_the_window_reports_the_desktop_entry_it_belongs_to():
    # On Wayland the window's app id is the desktop file name; a mismatch shows a generic
    # icon in the dock and no name in the task switcher.
    from annotator.gui import app

    shipped = DESKTOP.stem
    assert shipped == app.DESKTOP_ID


# The AppStream metainfo -------------------------------------------------------------------


def test_metainfo_describes_the_same_app_as_the_desktop_entry():
    component = ET.parse(METAINFO).getroot()
    assert component.tag == "component"
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID == METAINFO.name.removesuffix(".metainfo.xml")
    launchable = component.find("launchable")
    assert launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert component.findtext("metadata_license") == "CC0-1.0"
    assert component.findtext("project_license") == pyproject()["project"]["license"]
    binaries = [b.text for b in component.iter("binary")]
    assert binaries == list(pyproject()["project"]["scripts"])


def test_metainfo_newest_release_is_this_version():
    releases = ET.parse(METAINFO).getroot().find("releases").findall("release")
    assert releases, "no release"
    assert releases[0].get("version") == annotator.__version__
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", releases[0].get("date"))


def test_metainfo_is_translated_into_arabic():
    component = ET.parse(METAINFO).getroot()
    for tag in ("name", "summary"):
        arabic = [e.text for e in component.findall(tag) if e.get(XML_LANG) == "ar"]
        assert len(arabic) == 1 and re.search("[\u0600-\u06ff]", arabic[0]), tag
    paragraphs = component.find("description").findall("p")
    english = [p for p in paragraphs if p.get(XML_LANG) is None]
    arabic = [p for p in paragraphs if p.get(XML_LANG) == "ar"]
    assert english and len(arabic) == len(english)


def test_metainfo_screenshots_are_the_ones_in_the_repository():
    images = [e.text for e in ET.parse(METAINFO).getroot().iter("image")]
    assert images
    for url in images:
        assert url.startswith("https://")
        relative = url.split("/main/", 1)[1]
        assert (ROOT / relative).is_file(), f"{relative} is not in the repository"


@pytest.mark.parametrize(
    ("tool", "arguments", "path"),
    [
        ("desktop-file-validate", [], DESKTOP),
        ("appstreamcli", ["validate", "--no-net"], METAINFO),
    ],
)
def test_freedesktop_validators_accept_the_files(tool, arguments, path):
    # The reference checkers, where installed (Debian: desktop-file-utils, appstream).
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    result = subprocess.run([tool, *arguments, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in (result.stdout + result.stderr).lower()


# Icons ------------------------------------------------------------------------------------


def test_svg_renders_with_the_label_colours(qapp):
    svg = SVG.read_text(encoding="utf-8")
    assert "<text" not in svg, "text would depend on the fonts of each machine"
    for label in DEFAULT_LABELS:
        assert label.colour.lower() in svg.lower(), f"{label.name}'s colour is missing"
    renderer = QSvgRenderer(str(SVG))
    assert renderer.isValid()
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, 64, 64))
    painter.end()
    opaque = sum(image.pixelColor(x, y).alpha() == 255 for x in range(64) for y in range(64))
    assert opaque > 64 * 64 // 2, "the tile should cover most of the icon"
    assert image.pixelColor(0, 0).alpha() == 0, "the corners are rounded off"


@pytest.mark.parametrize("size", ICON_SIZES)  # every size the window loads
def test_each_png_has_the_size_its_name_says(qapp, size):
    image = QImage(str(PNG_DIR / f"annotator-{size}.png"))
    assert not image.isNull()
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    assert image.pixelColor(0, 0).alpha() == 0
    assert image.pixelColor(size // 2, size - size // 5).alpha() == 255


def test_pngs_are_rendered_from_the_current_svg(qapp):
    # make_icons.py must run again after the SVG changes. Renderers of different Qt versions
    # may differ in anti-aliasing, so each channel may be a little off, not the shapes.
    sys.path.insert(0, str(PACKAGING))
    try:
        import make_icons
    finally:
        sys.path.remove(str(PACKAGING))
    fresh = make_icons.render(QSvgRenderer(str(SVG)), 128)
    stored = QImage(str(PNG_DIR / "annotator-128.png")).convertToFormat(fresh.format())
    different = 0
    for y in range(128):
        for x in range(128):
            a, b = fresh.pixel(x, y), stored.pixel(x, y)
            if max(abs((a >> shift & 255) - (b >> shift & 255)) for shift in (0, 8, 16, 24)) > 24:
                different += 1
    assert different < 128 * 128 // 100, f"{different} pixels differ: run make_icons.py"


def test_ico_holds_a_png_of_each_declared_size():
    images = read_ico((PACKAGING / "icons" / "annotator.ico").read_bytes())
    assert sorted(images) == [16, 24, 32, 48, 64, 128, 256]


def test_icns_holds_a_png_of_each_declared_size():
    chunks = read_icns((PACKAGING / "icons" / "annotator.icns").read_bytes())
    assert set(chunks) == set(ICNS_SIZES)
    for kind, data in chunks.items():
        side = ICNS_SIZES[kind]
        assert png_size(data) == (side, side), kind


def test_icon_readers_reject_a_damaged_file():
    data = (PACKAGING / "icons" / "annotator.icns").read_bytes()
    with pytest.raises(AssertionError):
        read_icns(data[:-10])
    ico = bytearray((PACKAGING / "icons" / "annotator.ico").read_bytes())
    ico[6] = 48  # the first entry claims 48 pixels for its 16-pixel image
    with pytest.raises(AssertionError):
        read_ico(bytes(ico))


# The PyInstaller spec and its entry point -------------------------------------------------


def is_machine_path(value: str) -> bool:
    """An absolute path: a home folder, a drive, or a folder at the root of this machine
    (the spec's own "/plugins/" and the like are parts of paths inside the bundle)."""
    if re.match(r"~[/\\]|[A-Za-z]:[/\\]", value):
        return True
    first = value[1:].split("/", 1)[0]
    return value.startswith("/") and bool(first) and Path("/", first).exists()


def test_machine_paths_are_recognised():
    assert is_machine_path(str(ROOT / "packaging"))
    assert is_machine_path("C:\\Users\\someone")
    assert not is_machine_path("/plugins/")
    assert not is_machine_path("entry.py")


def test_spec_has_no_absolute_path():
    text = (PACKAGING / "annotator.spec").read_text(encoding="utf-8")
    strings = re.findall(r"\"([^\"\n]*)\"|'([^'\n]*)'", text)
    for value in (a or b for a, b in strings):
        assert not is_machine_path(value), f"{value!r} is a path of one machine"
    assert "SPECPATH" in text, "paths are relative to the spec file"


def test_spec_is_python_and_names_the_entry_point_and_icons():
    text = (PACKAGING / "annotator.spec").read_text(encoding="utf-8")
    ast.parse(text)
    assert '"entry.py"' in text
    assert "annotator.ico" in text and "annotator.icns" in text
    assert "bundle_identifier=annotator.APP_ID" in text
    assert 'collect_data_files("annotator")' in text
    assert 'collect_submodules("annotator")' in text


def test_entry_point_calls_freeze_support_before_importing_the_app():
    tree = ast.parse((PACKAGING / "entry.py").read_text(encoding="utf-8"))
    order = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module.startswith("annotator"):
            order.append("import annotator")
        elif isinstance(node, ast.Expr) and ast.unparse(node) == "multiprocessing.freeze_support()":
            order.append("freeze_support")
    assert order == ["freeze_support", "import annotator"]


def test_build_script_names_the_install_command_when_pyinstaller_is_missing(tmp_path):
    # PyInstaller hidden from the import system, as in an environment without it.
    hide = (
        "import runpy, sys; sys.modules['PyInstaller'] = None; "
        f"sys.argv = ['build_app.py', '--dist', {str(tmp_path / 'd')!r}]; "
        f"runpy.run_path({str(PACKAGING / 'build_app.py')!r}, run_name='__main__')"
    )
    result = subprocess.run([sys.executable, "-c", hide], capture_output=True, text=True)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "pip install" in lines[0] and ".[package]" in lines[0]
    assert not (tmp_path / "d").exists(), "nothing is built"
