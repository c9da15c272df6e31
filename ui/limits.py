"""Reject oversized request bodies from their Content-Length, before a byte of the body is read.

(The routes' own ``max_body_size`` still stops bodies sent without a Content-Length.)"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send


@dataclass(frozen=True)
class BodyRule:
    method: str
    path: str
    limit: int  # bytes
    message: str  # what the user should do


class BodyLimits:
    def __init__(self, app: ASGIApp, rules: list[BodyRule]) -> None:
        self.app = app
        self.rules = {(r.method, r.path): r for r in rules}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        rule = self.rules.get((scope.get("method", ""), scope.get("path", ""))) if scope["type"] == "http" else None
        if rule is not None:
            length = Headers(scope=scope).get("content-length", "")
            if length.isdigit() and int(length) > rule.limit:
                response = JSONResponse({"error": rule.message}, status_code=413, headers={"Connection": "close"})
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
