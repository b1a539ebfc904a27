"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import override_settings
from rest_framework.test import APIClient

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "fixtures" / "seeds"
SEED_FILES = sorted(SEEDS_DIR.glob("*.txt"))


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing() -> Iterator[None]:
    """Every test hashes passwords with a cheap hasher.

    The production hasher (PBKDF2, a million rounds) is slow on purpose, a third of a second
    per password here; a test needs a password that verifies, not one that resists guessing,
    and most database tests create a user or two. `override_settings` clears Django's cached
    hashers, which assigning the setting would not.
    """
    override = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    override.enable()
    yield
    override.disable()


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


def _load_seed_vocabulary() -> None:
    from claims.domain.packs import read_pack
    from claims.vocabulary.packs import pack_load

    pack_load(pack=read_pack("seed"), via="test")


def _ingest_seeds() -> dict:
    from corpus.files import collect_article_files
    from corpus.services import document_ingest

    docs = {}
    for item in collect_article_files([SEEDS_DIR]):
        docs[item.path.name] = document_ingest(
            raw=item.path.read_bytes(), file_name=item.path.name, metadata=item.metadata
        ).document
    return docs


@pytest.fixture
def seed_vocabulary(db) -> None:
    """The seed topic's vocabulary pack loaded (as `make run` does for the demo)."""
    _load_seed_vocabulary()


@pytest.fixture
def seeded(db, seed_vocabulary):
    """The five seed articles ingested (with the seed topic's vocabulary), as a dict file name -> Document."""
    return _ingest_seeds()


@contextmanager
def rows_for_the_class(django_db_blocker) -> Iterator[None]:
    """A transaction around a test class, rolled back after it, for rows its tests share.

    Why: ingesting and proposing the seeds takes most of a second, and a class of read-only
    tests about them paid it once per test. Rows made inside this transaction are made once;
    each test still runs in its own savepoint inside it (pytest-django's `db`), so what one
    test changes is undone before the next. Not for transactional tests (`live_server`,
    `transaction=True`): their rows must be committed, and they use `seeded`.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="class")
def seeded_class(django_db_setup, django_db_blocker) -> Iterator[dict]:
    """`seeded`, made once for a test class (see `rows_for_the_class`)."""
    with rows_for_the_class(django_db_blocker):
        _load_seed_vocabulary()
        yield _ingest_seeds()


@pytest.fixture(scope="class")
def proposed_class(seeded_class, django_db_blocker) -> dict:
    """`seeded_class` with the seeds' claims proposed."""
    from claims.proposals import document_propose

    with django_db_blocker.unblock():
        for doc in seeded_class.values():
            document_propose(document=doc)
    return seeded_class
