"""Loading, cleaning, chunking and extraction of reports."""
