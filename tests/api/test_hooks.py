"""A request hook the ready answers would pass by stops the app instead of being skipped silently."""

from __future__ import annotations

import pytest
from flask import Blueprint, Response

from api import create_app
from api.site import headers
from api.site.hooks import PASSED_BY, HookPassedBy, check_hooks


def _stamp(response: Response) -> Response:
    response.headers["X-Stamp"] = "1"
    return response


def test_a_hook_added_in_create_app_stops_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    init = headers.init_app

    def with_a_hook(app, settings):  # type: ignore[no-untyped-def]
        init(app, settings)
        app.after_request(_stamp)

    monkeypatch.setattr(headers, "init_app", with_a_hook)
    with pytest.raises(HookPassedBy, match=r"test_hooks:_stamp in after_request_funcs \(the app\)") as caught:
        create_app({"TESTING": True})
    assert "api.site.headers.common_headers" in str(caught.value)  # it says what to do instead


def test_a_hook_added_after_create_app_stops_the_first_request() -> None:
    app = create_app({"TESTING": True})
    app.before_request(lambda: None)
    with pytest.raises(HookPassedBy, match="before_request_funcs"):
        app.test_client().get("/v1/nl/factsheet")  # a ready answer: Flask would not run the hook


def test_a_blueprint_hook_is_refused_too() -> None:
    app = create_app({"TESTING": True})
    extra = Blueprint("extra", __name__)
    extra.after_request(_stamp)
    app.register_blueprint(extra)
    with pytest.raises(HookPassedBy, match="blueprint extra"):
        check_hooks(app)


def test_the_hooks_passed_by_are_the_app_s_own() -> None:
    app = create_app({"TESTING": True})
    check_hooks(app)  # the app's own hooks are all known
    found = {
        f"{function.__module__}:{function.__qualname__}"
        for functions in app.after_request_funcs.values()
        for function in functions
    }
    assert found == set(PASSED_BY)  # none listed that is gone: the list stays true
    assert app.test_client().get("/v1/nl/factsheet").status_code == 200
