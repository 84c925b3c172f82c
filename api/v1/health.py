"""``/healthz`` for load balancers: 200 once the app exists, which means every body was built."""

from __future__ import annotations

from flask import Response

from api.site.answers import answer

from .schemas import HealthSchema
from .smorest import Blueprint

__all__ = ["blp"]

blp = Blueprint("health", __name__, description="For load balancers and monitoring.")


@blp.route("/healthz")
@blp.response(200, HealthSchema, headers={"Cache-Control": "CacheControl"})
def healthz() -> Response:
    """Whether the service is up

    Never cached (`Cache-Control: no-store`). The version and content checksum tell which
    release answers.
    """
    return answer()
