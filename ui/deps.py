"""FastAPI dependencies: the settings, the one shared Assistant, the job runner and the write-key rule.

Tests replace any of them with ``app.dependency_overrides[get_assistant] = ...``."""

from __future__ import annotations

import hmac
import ipaddress

from fastapi import Depends, Header, HTTPException, Request

from assistant.core import Assistant
from assistant.settings import Settings
from ui.jobs import JobRunner

LOOPBACK_NAMES = frozenset({"localhost", "ip6-localhost", "ip6-loopback"})


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost; False for 0.0.0.0, :: and every other address or name."""
    host = host.strip().strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def write_protected(settings: Settings) -> bool:
    """Write endpoints need the API key when the server listens off loopback, or whenever a key is set."""
    return bool(settings.api_key) or not is_loopback(settings.host)


def key_allows(settings: Settings, given: str | None) -> bool:
    if not write_protected(settings):
        return True
    return bool(settings.api_key and given and hmac.compare_digest(given.encode(), settings.api_key.encode()))


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_assistant(request: Request) -> Assistant:
    assistant: Assistant = request.app.state.assistant
    return assistant


def get_jobs(request: Request) -> JobRunner:
    jobs: JobRunner = request.app.state.jobs
    return jobs


def key_refusal(settings: Settings, given: str | None) -> int:
    """The status for a write the key rule refuses: 401 when a key exists and none was sent, else 403."""
    return 401 if settings.api_key and not given else 403


def key_message(settings: Settings, given: str | None) -> str:
    if not settings.api_key:
        return ("changes are disabled: the server listens off loopback and no ASSISTANT_API_KEY is configured")
    if not given:
        return "send the API key in the X-API-Key header to change documents"
    return "the X-API-Key header does not match the server's API key"


def require_write_key(settings: Settings = Depends(get_settings),
                      x_api_key: str | None = Header(None, description="Required off loopback")) -> None:
    """Also enforced before the body is read (ui.limits.WriteGuard); kept here so the docs show the header."""
    if not key_allows(settings, x_api_key):
        raise HTTPException(key_refusal(settings, x_api_key), key_message(settings, x_api_key))


def one_value_each(request: Request) -> None:
    """A scalar query parameter sent twice (``?period=a&period=b``) is refused rather than silently read as
    its last value (the schema says it is one value)."""
    from fastapi._compat import is_scalar_field

    dependant = getattr(request.scope.get("route"), "dependant", None)
    for param in getattr(dependant, "query_params", []):
        if is_scalar_field(param) and len(request.query_params.getlist(param.alias)) > 1:
            raise HTTPException(422, f"{param.alias}: give this query parameter once, not "
                                     f"{len(request.query_params.getlist(param.alias))} times")
