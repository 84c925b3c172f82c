"""Settings: defaults, then FACTSHEET_* environment variables, then the create_app argument."""

from __future__ import annotations

from pathlib import Path

import pytest

from api import create_app
from api.config import DEFAULTS, ConfigError, Settings, from_environ, settings_from


def test_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FACTSHEET_PDF_CACHE", raising=False)  # the test run's (tests/conftest.py)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    app = create_app()
    assert settings_from(app.config) == Settings(
        max_age=3600,
        cors_max_age=86400,
        referrer_policy="no-referrer",
        docs_assets_url="",  # the Swagger UI the app serves itself
        pdf_cache=tmp_path / "ai-chatbot-factsheet" / "pdf",  # the user's cache folder
    )
    assert app.json.dumps({"b": "ë", "a": 1}) == '{"b": "ë", "a": 1}'  # unsorted, not escaped


def test_the_pdf_cache_is_an_absolute_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert settings_from({**DEFAULTS, "FACTSHEET_PDF_CACHE": " pdfs "}).pdf_cache == tmp_path / "pdfs"
    with pytest.raises(ConfigError, match="FACTSHEET_PDF_CACHE"):
        settings_from({**DEFAULTS, "FACTSHEET_PDF_CACHE": "a\0b"})


def test_environment_overrides_defaults_and_config_overrides_both(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTSHEET_MAX_AGE", " 120 ")
    monkeypatch.setenv("FACTSHEET_CORS_MAX_AGE", "600")
    monkeypatch.setenv("FACTSHEET_DOCS_ASSETS_URL", "/static/swagger-ui/")
    monkeypatch.setenv("FACTSHEET_PUBLIC_URL", "https://example.org/factsheet")
    monkeypatch.setenv("UNRELATED", "1")
    app = create_app({"FACTSHEET_CORS_MAX_AGE": 5})
    settings = settings_from(app.config)
    assert settings.max_age == 120
    assert settings.cors_max_age == 5
    assert settings.docs_assets_url == "/static/swagger-ui"
    assert settings.public_url == "https://example.org/factsheet/"  # always with its final slash
    page = app.test_client().get("/v1/docs").get_data(as_text=True)
    assert 'href="/static/swagger-ui/swagger-ui.css"' in page
    assert 'src="/static/swagger-ui/swagger-ui-bundle.js"' in page
    preflight = app.test_client().options(
        "/v1/", headers={"Origin": "https://a.b", "Access-Control-Request-Method": "GET"}
    )
    assert preflight.headers["Access-Control-Max-Age"] == "5"


def test_only_factsheet_settings_are_read_from_the_environment() -> None:
    environ = {"FACTSHEET_MAX_AGE": "1", "FACTSHEET_NOPE": "2", "MAX_AGE": "3"}
    assert from_environ(environ) == {"FACTSHEET_MAX_AGE": "1"}


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("FACTSHEET_MAX_AGE", "abc"),
        ("FACTSHEET_MAX_AGE", "-1"),
        ("FACTSHEET_MAX_AGE", -1),
        ("FACTSHEET_MAX_AGE", "1.5"),
        ("FACTSHEET_MAX_AGE", 1.5),
        ("FACTSHEET_MAX_AGE", True),
        ("FACTSHEET_MAX_AGE", "²"),
        ("FACTSHEET_CORS_MAX_AGE", ""),
        ("FACTSHEET_REFERRER_POLICY", "sometimes"),
        ("FACTSHEET_DOCS_ASSETS_URL", "javascript:alert(1)"),
        ("FACTSHEET_DOCS_ASSETS_URL", "https://cdn.example; script-src *"),
        ("FACTSHEET_DOCS_ASSETS_URL", "https://cdn.example/ui' 'unsafe-inline"),
        ("FACTSHEET_DOCS_ASSETS_URL", "swagger-ui"),
        ("FACTSHEET_PUBLIC_URL", "example.org"),
        ("FACTSHEET_PUBLIC_URL", "javascript:alert(1)"),
        ("FACTSHEET_PUBLIC_URL", 'https://example.org/"x'),
    ],
)
def test_a_bad_setting_stops_the_app_naming_it(key: str, value: object) -> None:
    with pytest.raises(ConfigError, match=key) as caught:
        create_app({key: value})
    assert caught.value.key == key


def test_docs_assets_from_elsewhere_are_allowed_by_the_pages_policy() -> None:
    client = create_app(
        {"FACTSHEET_DOCS_ASSETS_URL": "https://cdn.example:8443/swagger-ui-dist@5/"}
    ).test_client()
    response = client.get("/v1/docs")
    page = response.get_data(as_text=True)
    assert 'src="https://cdn.example:8443/swagger-ui-dist@5/swagger-ui-bundle.js"' in page
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' https://cdn.example:8443;" in policy
    assert "style-src 'self' https://cdn.example:8443;" in policy
