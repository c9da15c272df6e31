"""Bytes -> text: BOMs, UTF-16 without BOM, UTF-8, then the single-byte encodings Vietnamese files use."""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

from assistant.text import nfc

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1a")  # \x1a: DOS end-of-file marker
_VI_LETTERS = frozenset("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def decode_bytes(data: bytes) -> str:
    """Decode the bytes of a text file to NFC text. Raises ``ValueError('binary ...')`` for non-text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data[len(bom) :].decode(encoding, errors="replace"))
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _checked(utf16)
    if b"\x00" in data:
        raise ValueError("binary content: NUL bytes that are not UTF-16 text")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if _too_many_controls(data.decode("ascii", errors="ignore")):  # C0 controls are the same in every code page
        raise ValueError("binary content: control bytes")
    return _checked(_decode_single_byte(data))


def _checked(text: str) -> str:
    if "\x00" in text or _too_many_controls(text):
        raise ValueError("binary content: control characters in decoded text")
    return nfc(text)


def _too_many_controls(text: str) -> bool:
    """Text files may hold a stray control character or two, binary data holds many."""
    bad = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _TEXT_CONTROLS)
    return bad > 2 and bad > 0.01 * len(text)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has NULs in the high byte of ASCII characters: odd offsets for LE,
    even offsets for BE, and (almost) none at the other parity."""
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    zeros_even = data[0::2].count(0) / half
    zeros_odd = data[1::2].count(0) / half
    if zeros_odd >= 0.2 and zeros_even <= 0.02:
        encoding = "utf-16-le"
    elif zeros_even >= 0.2 and zeros_odd <= 0.02:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _decode_single_byte(data: bytes) -> str:
    """Legacy code pages. Windows-1258 when its tone marks all land on Vietnamese vowels and the text reads
    as Vietnamese (or charset-normalizer also ranks it first); otherwise charset-normalizer's guess, where
    Windows-1252 wins ties (short Western texts fit several code pages equally well)."""
    as_1258 = nfc(data.decode("cp1258", errors="replace"))
    matches = list(charset_normalizer.from_bytes(data))
    top_is_1258 = bool(matches) and matches[0].encoding == "cp1258"
    if _tones_on_vowels(as_1258) and (top_is_1258 or _reads_as_vietnamese(as_1258)):
        return as_1258
    others = [m for m in matches if m.encoding != "cp1258"]
    if not others:
        raise ValueError("binary content: no text encoding fits")
    least_chaos = min(m.chaos for m in others)
    tied = [m for m in others if m.chaos <= least_chaos + 0.01]
    return str(next((m for m in tied if m.encoding == "cp1252"), tied[0]))


def _tones_on_vowels(text: str) -> bool:
    """After NFC every cp1258 tone mark must have composed onto a Vietnamese vowel: no stray combining
    mark, no toned consonant (Italian 'così' in cp1252 read as cp1258 gives 'coś')."""
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        if _TONE_MARKS & set(decomposed) and ch.lower() not in _VI_LETTERS:
            return False
    return True


def _reads_as_vietnamese(text: str) -> bool:
    """True when nearly all words with non-ASCII letters are Vietnamese syllables: only Vietnamese letters
    and at most one tone mark ('được' yes, French 'présenté' no)."""
    good = bad = 0
    for token in re.findall(r"\w+", text.lower()):
        if token.isascii():
            continue
        toned = sum(1 for ch in token if _TONE_MARKS & set(unicodedata.normalize("NFD", ch)))
        if toned <= 1 and all(ch.isascii() or ch in _VI_LETTERS for ch in token):
            good += 1
        else:
            bad += 1
    return good >= 2 and bad <= 0.05 * (good + bad)
