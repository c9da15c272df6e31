"""The glossary partners a generated report can name unambiguously."""

from __future__ import annotations

from evals.synthetic.records import LENDERS, Partner
from index.glossary import Glossary, GlossaryEntry, default_glossary


def partners(glossary: Glossary | None = None) -> list[Partner]:
    """Countries and organisations whose Vietnamese and English names each match only themselves."""
    gl = glossary or default_glossary()
    out: list[Partner] = []
    for entry in gl.partners():
        if entry.kind not in ("country", "organisation") or entry.parent is not None:
            continue
        if all(_names_only(gl, entry, name) for name in (entry.vi, entry.en)):
            out.append(Partner(entry, entry.key in LENDERS))
    return out


def _names_only(gl: Glossary, entry: GlossaryEntry, name: str) -> bool:
    found = gl.find(f"với {name} về")
    if len(found) != 1 or found[0].entry.key != entry.key or found[0].surface != name:
        return False
    inner = gl.find(name.split(" ", 1)[1]) if " " in name else []
    return entry.kind == "country" or not any(m.entry.kind == "country" for m in inner)
