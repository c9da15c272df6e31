"""Answering: question analysis, evidence selection, backends, citation checks."""
