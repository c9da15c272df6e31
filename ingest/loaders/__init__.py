"""Document loaders: turn a .txt/.md/.html/.docx/.pdf file into clean NFC text, one paragraph per line.

Every reader produces ``_Line`` blocks (text + is-heading); ``_finish`` cleans them the same way for all
formats (NFC, no control/format characters, single spaces, no empty lines). ``load_file`` is the only
entry point that raises ``IngestError``; library exceptions are wrapped with a reason a user can act on.
"""

from __future__ import annotations

from ingest.loaders.base import SUPPORTED_EXTENSIONS, LoadedText
from ingest.loaders.decoding import decode_bytes
from ingest.loaders.load import _READERS, load_file

__all__ = [
    "LoadedText",
    "SUPPORTED_EXTENSIONS",
    "_READERS",
    "decode_bytes",
    "load_file",
]
