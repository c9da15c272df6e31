"""`assistant ingest ARGS…` that stops dead at a named point and waits there to be killed.

    python tests/crashing_ingest.py POINT N ARGS…

At the N-th time the run reaches POINT it prints ``CRASHPOINT POINT`` on stdout and sleeps; the crash test
then sends SIGKILL to this process (its own PID). Nothing here changes what the ingest does before that.

Points: ``vectors_added`` (vectors upserted, catalog not committed), ``committed`` (a catalog transaction
committed, stale vectors not yet deleted), ``stale_delete`` (about to delete replaced vectors),
``keyword_build`` (every document committed, keyword index not rebuilt), ``keyword_saved`` (new keyword
build written to its temporary folder, not swapped in). ``never``: run to the end."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

COUNTS: dict[str, int] = {}


def main() -> None:
    point, nth, args = sys.argv[1], int(sys.argv[2]), sys.argv[3:]

    def pause(name: str) -> None:
        if name != point:
            return
        COUNTS[name] = COUNTS.get(name, 0) + 1
        if COUNTS[name] == nth:
            print(f"CRASHPOINT {name}", flush=True)
            time.sleep(600)

    _patch(pause)
    from assistant.cli import app

    app(args, standalone_mode=True)


def _patch(pause: Any) -> None:
    import bm25s

    from index.catalog import Catalog
    from index.keyword import KeywordIndex
    from index.vector_store import ChromaStore

    add, delete, transaction, build, save = (ChromaStore.add, ChromaStore.delete, Catalog.transaction,
                                             KeywordIndex.build, bm25s.BM25.save)

    def add_then_pause(self: ChromaStore, *a: Any, **k: Any) -> None:
        add(self, *a, **k)
        pause("vectors_added")

    def pause_then_delete(self: ChromaStore, *a: Any, **k: Any) -> None:
        pause("stale_delete")
        delete(self, *a, **k)

    @contextmanager
    def transaction_then_pause(self: Catalog) -> Iterator[Any]:
        with transaction(self) as db:
            yield db
        pause("committed")

    def pause_then_build(self: KeywordIndex) -> int:
        pause("keyword_build")
        return build(self)

    def save_then_pause(self: Any, *a: Any, **k: Any) -> None:
        save(self, *a, **k)
        pause("keyword_saved")

    ChromaStore.add = add_then_pause  # type: ignore[method-assign]
    ChromaStore.delete = pause_then_delete  # type: ignore[method-assign]
    Catalog.transaction = transaction_then_pause  # type: ignore[method-assign,assignment]
    KeywordIndex.build = pause_then_build  # type: ignore[method-assign]
    bm25s.BM25.save = save_then_pause


if __name__ == "__main__":
    main()
