"""Fonts cut to each page's glyphs: every character a page shows is in the face of the first
family that has it, and the faces stay small."""

from __future__ import annotations

import io
import re
from urllib.parse import urljoin

import pytest
from flask.testing import FlaskClient
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from api.pages.fonts import visible_text

from .conftest import ROOT

FONTS = ROOT / "api" / "assets" / "fonts"
#: A Latin page's faces, regular and bold of Noto Sans and of the Arabic of the language list.
LATIN_BUDGET = 40_000


def _faces(client: FlaskClient, path: str) -> tuple[str, dict[tuple[str, str], bytes]]:
    html = client.get(path).get_data(as_text=True)
    sheet = re.search(r'href="(?:\.\./)?static/(css/fonts\.[0-9a-f]{12}\.css)"(?! media)', html)
    assert sheet is not None, path
    css = client.get(f"/static/{sheet.group(1)}").get_data(as_text=True)
    assert css.count("font-display: optional") == css.count("@font-face")  # nothing moves later
    faces = {}
    for family, weight, url in re.findall(
        r'font-family: "([^"]+)"; font-weight: (\d+);.*?url\("([^"]+)"\)', css
    ):
        served = client.get(urljoin(f"/static/{sheet.group(1)}", url))  # relative to the stylesheet
        assert served.status_code == 200 and served.content_type == "font/woff2", url
        assert served.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        faces[family, weight] = served.data
    return html, faces


def _characters(data: bytes) -> set[int]:
    return set(TTFont(io.BytesIO(data)).getBestCmap())


@pytest.mark.parametrize(
    ("path", "stack"),
    [
        ("/nl/", ("Noto Sans", "Noto Sans Arabic")),
        ("/ar/", ("Noto Sans Arabic", "Noto Sans")),
        ("/index.html", ("Noto Sans", "Noto Sans Arabic")),
        ("/embed/", ("Noto Sans", "Noto Sans Arabic")),
    ],
)
def test_every_character_shown_is_in_the_first_family_that_has_it(
    client: FlaskClient, path: str, stack: tuple[str, str]
) -> None:
    html, faces = _faces(client, path)
    shown = {ord(char) for char in visible_text(html)} - {ord(char) for char in " \n\t"}
    whole = {"Noto Sans": _characters((FONTS / "NotoSans-Regular.woff2").read_bytes())}
    whole["Noto Sans Arabic"] = _characters((FONTS / "NotoSansArabic-Regular.woff2").read_bytes())
    left = set(shown)
    for family in stack:
        mine = left & whole[family]
        for weight in ("400", "700"):
            if mine:
                assert mine <= _characters(faces[family, weight]), (path, family, weight)
        left -= mine
    assert not left - {0xA0, 0x2068, 0x2069, 0x200E, 0x200F}, [chr(c) for c in left]  # controls only


def test_a_latin_page_loads_little_and_preloads_its_main_face(client: FlaskClient) -> None:
    html, faces = _faces(client, "/nl/")
    assert sum(len(data) for data in faces.values()) < LATIN_BUDGET
    assert len(faces["Noto Sans Arabic", "400"]) < 8_000  # the Arabic of the language list only
    preload = re.findall(r'<link rel="preload" href="\.\./static/(fonts/[^"]+)" as="font"', html)
    assert len(preload) == 1 and preload[0].startswith("fonts/NotoSans-Regular.")
