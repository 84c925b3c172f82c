"""The package as users get it: build the wheel, install it in a fresh environment, use it elsewhere."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.packaging

PROBE = """
import sys, warnings
warnings.simplefilter("error")  # a missing catalog would warn: make it fail
import factsheet
counts = {}
for code in factsheet.locales():
    fs = factsheet.load(code)
    assert fs.metadata.translation.fallbacks == (), code
    counts[code] = (len(fs.chatbot_types), len(fs.reasons), len(fs.risks), len(fs.tips))
assert len(set(counts.values())) == 1, counts  # every locale has the same outline
assert factsheet.load("ar").metadata.translation.status == "machine-translated"
assert factsheet.__file__.startswith(sys.prefix), factsheet.__file__
assert "flask" not in sys.modules
print(len(counts), factsheet.__version__, factsheet.content_checksum())
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("*.whl")
    return built


def test_wheel_holds_the_package_only(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/", 1)[0] for name in names}
    assert tops == {"factsheet", f"{wheel.name.split('-')[0]}-{wheel.name.split('-')[1]}.dist-info"}
    for needed in (
        "factsheet/py.typed",
        "factsheet/content/factsheet.nl.yaml",
        "factsheet/translations/locales.yaml",
        "factsheet/translations/factsheet.pot",  # factsheet validate checks ids against it
        "factsheet/translations/ar/LC_MESSAGES/factsheet.po",
        "factsheet/translations/uk/LC_MESSAGES/factsheet.po",
    ):
        assert needed in names
    assert not [n for n in names if n.endswith(".mo") or "__pycache__" in n]
    metadata = zipfile.ZipFile(wheel).read(f"{next(t for t in tops if t.endswith('.dist-info'))}/METADATA")
    assert b"Provides-Extra: api" in metadata
    assert b"Requires-Dist: flask" in metadata and b"extra == 'api'" in metadata
    assert b"Requires-Dist: marshmallow" in metadata
    assert b"License-Expression: MIT" in metadata


def test_installed_wheel_works_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run(
        [str(python), "-c", PROBE], cwd=elsewhere, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    count, version, checksum = done.stdout.split()
    import factsheet

    expected = (len(factsheet.locales()), factsheet.__version__, factsheet.content_checksum())
    assert (int(count), version, checksum) == expected
    script = env_dir / "bin" / "factsheet"
    shown = subprocess.run(
        [str(script), "show", "tips", "-l", "ar"], cwd=elsewhere, capture_output=True, text=True, check=False
    )
    assert shown.returncode == 2  # "tips" is not a section id: the command says which are
    assert "conversation" in shown.stderr
