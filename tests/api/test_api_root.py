"""The API root lists every endpoint, not only the router's resources, and each one answers."""

from __future__ import annotations

import pytest

EXPECTED = {
    "documents",
    "sentences",
    "mentions",
    "sources",
    "entities",
    "entity-aliases",
    "properties",
    "cues",
    "mention-reviews",
    "claims",
    "facts",
    "conflicts",
    "ingest-jobs",
    "extract",
    "crosscheck",
    "revisions",
    "tokens",
    "exports/claims.csv",
    "exports/claims.jsonl",
    "exports/claims.jsonld",
    "docs",
    "schema",
}
# Endpoints that take a POST only: listed, and answer GET with 405, not 404.
POST_ONLY = {"extract", "crosscheck", "tokens"}


@pytest.mark.django_db
def test_lists_every_endpoint_and_each_answers(api_client) -> None:
    root = api_client.get("/api/v1/").json()

    assert set(root) == EXPECTED
    for name, url in root.items():
        status = api_client.get(url).status_code
        assert status == (405 if name in POST_ONLY else 200), (name, url, status)
