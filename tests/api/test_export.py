"""The static export: every file byte for byte what the live app answers, every link there, written safely."""

from __future__ import annotations

import gzip
import mimetypes
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import brotli  # type: ignore[import-untyped]
import pytest
from flask import Flask
from flask.testing import FlaskClient

import factsheet
from api import create_app
from api.pages import pdf as pdf_module
from api.pages.pdf import unavailable
from api.publish.export import Exported, ExportError, export
from api.publish.headers_file import HEADERS_FILE
from api.site import Site
from tests.outline import LOCALES

from .conftest import MakeApp
from .html_tree import parse_html

#: Without WeasyPrint and Pango the export leaves out the PDFs (tests/api/test_pdf.py says why it skips).
PDF = unavailable() is None


@pytest.fixture(scope="module")
def exported(exported_site: Exported) -> Exported:
    return exported_site


def url_of(path: Path) -> str:
    """The URL a static host serves a file at: ``nl/index.html`` at ``/nl/``."""
    url = "/" + path.as_posix()
    return url.removesuffix("index.html") if url.endswith("/index.html") and url != "/index.html" else url


def files_of(exported: Exported) -> list[Path]:
    return sorted(p.relative_to(exported.destination) for p in exported.destination.rglob("*") if p.is_file())


def test_every_file_is_what_the_live_app_answers(client: FlaskClient, exported: Exported) -> None:
    files = files_of(exported)
    assert files == sorted(exported.files)
    assert Path(HEADERS_FILE) in files  # the header rules for static hosts (tests/api/test_hosting.py)
    decode = {".gz": gzip.decompress, ".br": brotli.decompress}
    for path in files:
        if path == Path(HEADERS_FILE):
            continue
        if path.suffix in decode:  # a compressed copy: the same bytes, as the app sends them coded
            coding = {".gz": "gzip", ".br": "br"}[path.suffix]
            plain = path.with_suffix("")
            response = client.get(url_of(plain), headers={"Accept-Encoding": coding})
            assert response.headers["Content-Encoding"] == coding, path
            assert (exported.destination / path).read_bytes() == response.data, path
            assert decode[path.suffix](response.data) == (exported.destination / plain).read_bytes()
            continue
        response = client.get(url_of(path))
        assert response.status_code == 200, path
        assert (exported.destination / path).read_bytes() == response.data, path
        # A static host types a file by its name: it must give what the app sends.
        guessed, _ = mimetypes.guess_type(path.name)
        assert guessed == response.mimetype, path


def test_everything_is_exported(exported: Exported) -> None:
    files = {path.as_posix() for path in files_of(exported)}
    expected = {"index.html", "v1/index.json", "v1/locales.json", "v1/openapi.json", "v1/docs.html"}
    expected |= {"embed.js", "embed/index.html"}
    for code in LOCALES:
        expected.add(f"embed/{code}/index.html")
        expected |= {f"embed/{code}/{section.id}/index.html" for section in factsheet.load(code).sections}
        expected |= {
            f"{code}/index.html",
            f"v1/{code}/factsheet.json",
            f"v1/{code}/factsheet.md",
            f"v1/{code}/factsheet.txt",
            f"v1/{code}/sections.json",
        }
        for section in factsheet.load(code).sections:
            expected.add(f"v1/{code}/sections/{section.id}.json")
            expected |= {f"v1/{code}/sections/{section.id}/items/{item.id}.json" for item in section.items}
        if PDF:
            expected.add(f"v1/{code}/factsheet.pdf")
    assert expected <= files
    static = {f for f in files if f.startswith("static/")}
    assert any(re.fullmatch(r"static/page\.[0-9a-f]{12}\.css", f) for f in static)
    assert any(re.fullmatch(r"static/swagger-ui\.[0-9a-f]{12}/swagger-ui-bundle\.js", f) for f in static)


def test_a_leaf_name_is_the_same_representation_as_its_live_url(app: Flask, client: FlaskClient) -> None:
    site: Site = app.extensions["factsheet"]
    # Every file whose name is not its URL, but a page's index.html (served at its folder's URL).
    renamed = [
        file
        for file in site.files()
        if file.name != file.path.lstrip("/") and not file.name.endswith("/index.html")
    ]
    assert {"/v1/", "/v1/docs", "/v1/ar/sections/risks/items/echo"} <= {file.path for file in renamed}
    for file in renamed:
        live, leaf = client.get(file.path), client.get("/" + file.name)
        assert leaf.status_code == 200, file.name
        assert live.data == leaf.data, file.name
        assert live.headers.get("ETag") == leaf.headers.get("ETag"), file.name
        assert live.headers.get("Content-Type") == leaf.headers.get("Content-Type"), file.name


def test_leaf_names_check_locale_section_and_item(client: FlaskClient) -> None:
    expected = {
        "/v1/xx/factsheet.json": "unknown-locale",
        "/v1/nl/sections/nope.json": "unknown-section",
        "/v1/nl/sections/risks/items/nope.json": "unknown-item",
        "/v1/EN/sections.json": "unknown-locale",
    }
    for url, kind in expected.items():
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json is not None
        assert response.json["type"] == f"/v1/problems/{kind}", url


def test_every_link_in_the_export_leads_to_a_file(exported: Exported) -> None:
    root = exported.destination
    for page in root.rglob("*.html"):
        url = url_of(page.relative_to(root))
        document = parse_html(page.read_text(encoding="utf-8"))
        for element in document.iter():
            for name in ("href", "src", "data-spec-url"):
                link = element.attrs.get(name)
                if link is None or link.startswith("#"):
                    continue
                target = urlsplit(urljoin(f"http://h{url}", link)).path
                path = root / target.lstrip("/")
                if target.endswith("/"):
                    path = path / "index.html"
                assert path.is_file(), f"{url}: {link}"


def test_the_export_without_pdfs_leaves_them_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # It makes no PDF at all, not even for the header rules: it works where none can be made.
    monkeypatch.setattr(pdf_module, "unavailable", lambda: "WeasyPrint is not installed")
    exported = export(create_app(), tmp_path / "site", pdf=False)
    assert not [name for name in exported.files if name.suffix == ".pdf"]
    assert Path("nl/index.html") in exported.files
    assert ".pdf" not in (tmp_path / "site" / HEADERS_FILE).read_text(encoding="utf-8")


def test_the_export_says_what_to_install_for_the_pdfs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_module, "unavailable", lambda: "WeasyPrint is not installed")
    missing = r"PDFs cannot be made on this server: WeasyPrint is not installed.*--no-pdf"
    with pytest.raises(ExportError, match=missing):
        export(create_app(), tmp_path / "site")
    assert not (tmp_path / "site").exists()
    assert not list(tmp_path.iterdir())  # nor the staging folder


def test_the_export_never_writes_into_a_folder_with_other_files(tmp_path: Path, make_app: MakeApp) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(ExportError, match="not empty"):
        export(make_app(), tmp_path, pdf=False)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]
    export(make_app(), tmp_path, force=True, pdf=False)
    assert (tmp_path / "keep.txt").read_text() == "mine"  # --force replaces, never deletes
    assert (tmp_path / "nl" / "index.html").is_file()


@pytest.mark.pdf  # with the PDFs: the first to make them costs ~20 s
def test_the_flask_command(tmp_path: Path, make_app: MakeApp) -> None:
    app = make_app()
    result = app.test_cli_runner().invoke(args=["export", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"Exported \d+ files to .+ in \d+\.\d\d s\.\n", result.output)
    again = app.test_cli_runner().invoke(args=["export", str(tmp_path / "out")])
    assert again.exit_code == 1
    assert "not empty" in again.output


# Written safely ----------------------------------------------------------------------------------


@pytest.mark.pdf  # with the PDFs: the first to make them costs ~20 s
def test_a_new_folder_appears_whole_and_nothing_is_left_beside_it(tmp_path: Path, make_app: MakeApp) -> None:
    export(make_app(), tmp_path / "site")
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # the staging folder is gone


def test_symbolic_links_are_refused_not_followed(tmp_path: Path, make_app: MakeApp) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_text("mine")
    site = tmp_path / "site"
    site.mkdir()
    (site / "keep.txt").write_text("mine")
    (site / "nl").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ExportError, match="symbolic link"):
        export(make_app(), site, force=True)
    assert [p.name for p in outside.iterdir()] == ["index.html"]
    assert (outside / "index.html").read_text() == "mine"
    link = tmp_path / "link"
    link.symlink_to(outside, target_is_directory=True)
    with pytest.raises(ExportError, match="symbolic link"):
        export(make_app(), link, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "outside", "site"]


def test_an_os_error_is_one_line_naming_the_path(tmp_path: Path, make_app: MakeApp) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    result = make_app().test_cli_runner().invoke(args=["export", str(tmp_path / "a-file" / "site")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "a-file" in result.output
    assert len(result.output.splitlines()) == 1


def test_a_file_where_the_folder_should_be_is_an_error_line(tmp_path: Path, make_app: MakeApp) -> None:
    (tmp_path / "v1").write_text("a file")
    result = make_app().test_cli_runner().invoke(args=["export", "--force", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "v1" in result.output
    assert len(result.output.splitlines()) == 1
