"""`manage.py create_token USERNAME [--name N] [--days D]`: print a new API key once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.tokens import MAX_DAYS, TokenLifetimeInvalid, token_create


class Command(BaseCommand):
    help = "Create a hashed, expiring API token for a user and print its key (shown only once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")
        parser.add_argument("--days", type=int, default=90, help=f"lifetime in days, 1 to {MAX_DAYS} (default 90)")

    def handle(self, *args, username: str, name: str, days: int, **options) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no such user: {username}")
        try:
            token, key = token_create(user=user, name=name, days=days)
        except TokenLifetimeInvalid as exc:
            raise CommandError(f"--days {days}: {exc}") from exc
        self.stdout.write(f"token {token.prefix}… for {username}, expires {token.expires_at:%Y-%m-%d}: {key}")
