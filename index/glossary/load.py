"""Reading the glossary YAML file into entries and not-entity phrases."""

from __future__ import annotations

from pathlib import Path

import yaml

from assistant.text import nfc
from index.glossary.model import SECTIONS, GlossaryEntry, GlossaryError

_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEFAULT_PATH = Path(__file__).parent.with_name("glossary.yaml")
_FIELDS = frozenset({"key", "en", "vi", "aliases", "exact", "parent", "home"})


def parse_glossary(data: object, where: str = "glossary") -> tuple[list[GlossaryEntry], list[str]]:
    """Entries and not-entity phrases from the parsed YAML: one list per kind plus ``not_entities``."""
    if not isinstance(data, dict):
        raise GlossaryError(f"{where}: expected a mapping of sections ({', '.join(SECTIONS)}, not_entities)")
    unknown = set(data) - set(SECTIONS) - {"not_entities"}
    if unknown:
        raise GlossaryError(f"{where}: unknown section(s) {sorted(unknown)}")
    entries = [_parse_entry(item, kind, where) for section, kind in SECTIONS.items() for item in data.get(section) or []]
    return entries, _strings(data.get("not_entities") or [], f"{where}: not_entities")


def _parse_entry(item: object, kind: str, where: str) -> GlossaryEntry:
    if not isinstance(item, dict):
        raise GlossaryError(f"{where}: {kind} item {item!r} is not a mapping")
    label = f"{where}: {kind} '{item.get('key')}'"
    extra = set(item) - _FIELDS
    missing = {"key", "en", "vi"} - set(item)
    if extra or missing:
        raise GlossaryError(f"{label}: unknown fields {sorted(extra)}, missing fields {sorted(missing)}")
    key, en, vi = _strings([item["key"], item["en"], item["vi"]], label)
    parent = item.get("parent")
    if parent is not None and not isinstance(parent, str):
        raise GlossaryError(f"{label}: parent must be a key")
    return GlossaryEntry(
        key=key, en=en, vi=vi, kind=kind,
        aliases=tuple(_strings(item.get("aliases") or [], label)),
        exact=tuple(_strings(item.get("exact") or [], label)),
        parent=parent, home=bool(item.get("home", False)),
    )


def _strings(values: object, label: str) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise GlossaryError(f"{label}: expected a list of non-empty strings, got {values!r}")
    return [nfc(v.strip()) for v in values]
