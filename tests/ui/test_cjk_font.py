"""No box ever replaces a Chinese character: on a machine without any CJK font the terminal
loads its own (PyMuPDF's Droid Sans Fallback, a dependency) and every Chinese string of the
catalogue and of a session covers its glyphs.

The check runs in a subprocess whose fontconfig sees no system font at all, as on a bare
terminal image (this machine has a CJK font installed, which would hide a failure).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fixtures.ui import session_rows

from congress_desktop.ui.i18n import ts_path

ROOT = Path(__file__).resolve().parents[2]

CHECK = r"""
import json, sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QApplication

app = QApplication([])
texts = json.loads(sys.stdin.read())
before = QFontMetrics(QFont()).inFont("人")

from congress_desktop.ui.theme import apply_theme

apply_theme(app)
font = app.font()
metrics = QFontMetrics(font)
missing = sorted({ch for text in texts for ch in text
                  if not ch.isspace() and not metrics.inFontUcs4(ord(ch))})

def render(ch):
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, ch)
    painter.end()
    return image

box = render("\ue000")  # a private-use character no font has: drawn as the missing-glyph box
drawn = [ch for ch in "人民代表大会" if render(ch) != box]
print(json.dumps({"system_cjk": before, "family": font.family(), "missing": missing,
                  "checked": len({ch for t in texts for ch in t}), "drawn": "".join(drawn)}))
"""


def chinese_texts() -> list[str]:
    """Every zh_CN translation (all catalogues), a session's texts, the language button's."""
    texts: list[str] = []
    for catalogue in sorted(ts_path("zh_CN").parent.glob("*_zh_CN.ts")):  # terminal, console
        tree = ET.parse(catalogue)
        texts += [t.text or "" for t in tree.iter("translation")]
        texts += [n.text or "" for n in tree.iter("numerusform")]
    for _table, _id, row in session_rows(b"%PDF", 3):
        texts += [str(v) for v in row.values() if isinstance(v, str)]
    texts += ["中文", "A+ 大字", "你好", "再见"]
    return [t for t in texts if any("\u4e00" <= ch <= "\u9fff" for ch in t)]


def test_no_chinese_character_is_a_box_on_a_machine_without_cjk_fonts(tmp_path: Path) -> None:
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    env = dict(
        os.environ,
        FONTCONFIG_FILE=str(conf),  # no font directories: no system font at all
        XDG_CACHE_HOME=str(tmp_path / "cache"),  # the app writes its font cache afresh
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    )
    texts = chinese_texts()
    assert len(texts) > 100
    done = subprocess.run(
        [sys.executable, "-c", CHECK],
        input=json.dumps(texts),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["system_cjk"] is False  # the subprocess really has no CJK font of its own
    assert seen["family"] == "Droid Sans Fallback"
    assert seen["missing"] == []
    assert seen["checked"] > 500
    assert seen["drawn"] == "人民代表大会"  # each drawn as a glyph, none as the box
    assert list((tmp_path / "cache" / "congress-desktop").glob("cjk-font-*.ttf"))


def test_the_font_cache_works_in_a_frozen_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a PyInstaller bundle PyMuPDF's module has no file of its own (it lives in the
    archive): the cache is then keyed by the executable instead of failing the start-up."""
    import importlib.machinery
    import importlib.util

    from congress_desktop.ui import theme

    frozen = importlib.machinery.ModuleSpec("pymupdf", None, origin=str(tmp_path / "gone.py"))
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: frozen if name == "pymupdf" else real_find_spec(name, *a),
    )
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = theme.cached_cjk_font()
    assert path is not None and path.is_file()
    assert path.read_bytes()[:4] == b"\x00\x01\x00\x00"
