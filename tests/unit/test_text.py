"""Offset-preserving normalization (pure, no database)."""
