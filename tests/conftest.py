"""Shared pytest fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "fixtures" / "seeds"
SEED_FILES = sorted(SEEDS_DIR.glob("*.txt"))


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def curator(db) -> User:
    from claims.accounts import groups_ensure

    curator_group, _ = groups_ensure()
    user = User.objects.create_user("alice", password="x-curator-pass-1")
    user.groups.add(curator_group)
    return user


@pytest.fixture
def seed_vocabulary(db) -> None:
    """The seed topic's vocabulary pack loaded (as `make run` does for the demo)."""
    from claims.domain.packs import read_pack
    from claims.vocabulary.packs import pack_load

    pack_load(pack=read_pack("seed"), via="test")


@pytest.fixture
def seeded(db, seed_vocabulary):
    """The five seed articles ingested (with the seed topic's vocabulary), as a dict file name -> Document."""
    from corpus.files import collect_article_files
    from corpus.services import document_ingest

    docs = {}
    for item in collect_article_files([SEEDS_DIR]):
        docs[item.path.name] = document_ingest(
            raw=item.path.read_bytes(), file_name=item.path.name, metadata=item.metadata
        ).document
    return docs
