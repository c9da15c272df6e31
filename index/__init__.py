"""Vector store, keyword index and hybrid retrieval."""
