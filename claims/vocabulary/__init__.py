"""The vocabulary in the database: loading packs, curators' edits, the matcher cache, learning.

The pure matcher is `claims.domain.vocabulary` and `claims.domain.proposer`; these modules are
the Django side around it: `packs` writes a pack's records as rows, `services` are the curators'
writes (each with its revision and a bump of the vocabulary version), `cache` turns the rows into
a compiled matcher and rebuilds it when the version moves, `learning` offers cue and alias
candidates from a curator's corrections.
"""
