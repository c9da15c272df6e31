"""After start-up, keep the collector off what was loaded.

A long-running process (``assistant serve``, the benchmark's query phase) holds hundreds of thousands of
objects once its index, models and glossary are loaded; each full garbage collection walks all of them
(0.2–1 s on a 10k-chunk index, measured), and one lands inside some request. ``settle()`` collects once and
moves every object alive then into the permanent generation (``gc.freeze``), so later collections walk only
what requests allocate. Nothing is leaked: frozen objects are still freed by reference counting."""

from __future__ import annotations

import gc


def settle() -> int:
    """Collect, then freeze what is alive; returns how many objects are frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def release() -> None:
    """Undo ``settle`` (a process that goes on to other work: what was frozen is collectable again)."""
    gc.unfreeze()
