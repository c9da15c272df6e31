"""Compiled regexes for patterns built at run time (a name as a whole word, …), kept once compiled.

``re``'s own cache holds 512 patterns and is emptied oldest first; an answer builds more than that (every
name of every partner a unit or claim is checked for), so the same patterns were compiled again and again.
Same pattern, same flags, same regex: only the compiling is saved."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=32768)
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)
