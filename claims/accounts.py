"""Groups and the demo account.

Two groups: `curator` may view everything, change claims, facts and entities, submit articles
(`corpus.add_document`) and ingest jobs; `viewer` may only view. API tokens are for superusers
to list and revoke: neither group holds a permission on them. The demo curator's password is generated once and kept in `var/` (never in the
repository), so a second `make run` prints the same login and changes nothing.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.db import transaction

CURATOR = "curator"
VIEWER = "viewer"
# Models curators edit; corpus models stay read-only for everyone but superusers, except that
# curators may add documents (`POST /api/v1/documents/`, which ingests and proposes).
CURATED_APPS = ("claims",)
VIEWED_APPS = ("corpus", "claims")
CURATOR_EXTRA = (("corpus", "add_document"),)
# Models no group may touch: tokens are credentials, managed by superusers only.
RESERVED_MODELS = ("apitoken",)
DEMO_USERNAME = "curator"
DEMO_PASSWORD_FILE = Path(settings.BASE_DIR) / "var" / "demo-curator.txt"


@transaction.atomic
def groups_ensure() -> tuple[Group, Group]:
    """Create or refresh the two groups' permissions (idempotent)."""
    view = Permission.objects.filter(content_type__app_label__in=VIEWED_APPS, codename__startswith="view_").exclude(
        content_type__model__in=RESERVED_MODELS
    )
    edit = (
        Permission.objects.filter(content_type__app_label__in=CURATED_APPS)
        .exclude(codename__startswith="view_")
        .exclude(content_type__model__in=RESERVED_MODELS)
    )
    extra = [Permission.objects.get(content_type__app_label=app, codename=code) for app, code in CURATOR_EXTRA]
    curator, _ = Group.objects.get_or_create(name=CURATOR)
    viewer, _ = Group.objects.get_or_create(name=VIEWER)
    curator.permissions.set([*view, *edit, *extra])
    viewer.permissions.set(list(view))
    return curator, viewer


@dataclass(frozen=True, slots=True)
class DemoLogin:
    username: str
    password: str
    created: bool


@transaction.atomic
def demo_curator_ensure(password_file: Path = DEMO_PASSWORD_FILE) -> DemoLogin:
    """The demo curator (staff, in the `curator` group); created once with a random password."""
    curator_group, _ = groups_ensure()
    user = User.objects.filter(username=DEMO_USERNAME).first()
    if user is not None and password_file.is_file():
        return DemoLogin(DEMO_USERNAME, password_file.read_text(encoding="utf-8").strip(), created=False)
    password = secrets.token_urlsafe(12)
    if user is None:
        user = User(username=DEMO_USERNAME, is_staff=True)
    user.set_password(password)
    user.save()
    user.groups.add(curator_group)
    password_file.parent.mkdir(parents=True, exist_ok=True)
    password_file.write_text(password + "\n", encoding="utf-8")
    password_file.chmod(0o600)
    return DemoLogin(DEMO_USERNAME, password, created=True)
