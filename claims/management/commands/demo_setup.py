"""`manage.py demo_setup`: groups and a demo curator account; prints the login."""

from django.core.management.base import BaseCommand

from claims.accounts import demo_curator_ensure


class Command(BaseCommand):
    help = "Create the curator/viewer groups and a demo curator (idempotent); print its login."

    def handle(self, *args, **options) -> None:
        login = demo_curator_ensure()
        state = "created" if login.created else "exists"
        self.stdout.write(f"Demo curator ({state}): username {login.username!r}, password {login.password!r}")
