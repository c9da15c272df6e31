"""Bilingual research assistant over the ministry's international-cooperation reports."""

__version__ = "0.1.0"
