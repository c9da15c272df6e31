"""Checks made before a byte of a request body is read: oversized bodies (from their Content-Length),
cross-origin writes, the write key, and methods the app never serves.

(The routes' own ``max_body_size`` still stops bodies sent without a Content-Length.)"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.settings import Settings
from ui.deps import is_loopback, key_allows, key_message, key_refusal, write_protected


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


WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
REFUSED_METHODS = frozenset({"TRACE", "TRACK", "CONNECT"})


def _origin_of(value: str | None) -> str | None:
    if not value:
        return None
    parts = urlsplit(value)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else value


class WriteGuard:
    """Checks a request's headers before a byte of its body is read:

    * TRACE / TRACK / CONNECT -> 405 everywhere;
    * a write (POST, PUT, PATCH, DELETE) whose Origin (or, without one, Referer) is not the app's own -> 403,
      even on loopback: a web page the operator visits cannot upload, re-index or delete. The app's own
      origin is the Host it was reached at, with a loopback name or the configured host (a rebound DNS
      name is not the app's own), or one of ``cors_origins``. Requests with neither header (curl, scripts,
      the CLI) pass;
    * a document write (``key_paths``) without the API key the server requires -> 401/403.
    """

    def __init__(self, app: ASGIApp, settings: Settings, key_paths: tuple[str, ...]) -> None:
        self.app = app
        self.settings = settings
        self.key_paths = key_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        refusal = self._refusal(scope) if scope["type"] == "http" else None
        if refusal is None:
            await self.app(scope, receive, send)
            return
        status, message, extra = refusal
        response = JSONResponse({"error": message}, status_code=status, headers={"Connection": "close", **extra})
        await response(scope, receive, send)

    def _refusal(self, scope: Scope) -> tuple[int, str, dict[str, str]] | None:
        method, path = scope.get("method", ""), scope.get("path", "")
        if method in REFUSED_METHODS:
            return 405, f"{method} is not supported", {"Allow": "GET, POST, DELETE"}
        if method not in WRITE_METHODS:
            return None
        headers = Headers(scope=scope)
        origin = headers.get("origin") or _origin_of(headers.get("referer"))
        if origin is not None and not self._own(origin, headers.get("host", "")):
            return 403, (f"cross-origin request refused: changes are accepted only from this app's own pages, not "
                         f"from {origin[:100]}; open the app itself, or add the origin to ASSISTANT_CORS_ORIGINS"), {}
        if path.startswith(self.key_paths) and method in ("POST", "DELETE"):
            given = headers.get("x-api-key")
            if not key_allows(self.settings, given):
                return key_refusal(self.settings, given), key_message(self.settings, given), {}
        return None

    def _own(self, origin: str, host: str) -> bool:
        if origin in self.settings.cors_origins:
            return True
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != host.lower():
            return False
        name = (parts.hostname or "").lower()
        return is_loopback(name) or name == self.settings.host.lower() or write_protected(self.settings)
