"""Field values read from the document with their spans, and items sorted for fast range slices."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from assistant.types import Span


@dataclass(frozen=True)
class Found:
    """A field value read from the document, with the span it was read from."""

    value: str
    start: int
    end: int
    generic: bool = False  # a cue used generically ("các dự án", "dự án ODA")

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


class _Located(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


T = TypeVar("T", bound=_Located)


class Ordered(Generic[T]):
    """Items sorted by start offset, with a fast slice by document range."""

    def __init__(self, items: list[T]) -> None:
        self.items: list[T] = items
        self._starts = [i.start for i in items]

    def between(self, start: int, end: int) -> list[T]:
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return [i for i in self.items[lo:hi] if i.end <= end]


def _found(text: str, start: int, end: int) -> Found:
    return Found(text[start:end], start, end)
