"""`manage.py revoke_token PREFIX | --user USERNAME | --list`: revoke API tokens, or list them."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.models import ApiToken
from claims.tokens import tokens_revoke


class Command(BaseCommand):
    help = "Revoke the API token whose key starts with PREFIX (as create_token printed it), or all of a user's."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prefix", nargs="?", help="the first 8 characters of the key")
        parser.add_argument("--user", help="revoke every token of this user")
        parser.add_argument("--list", action="store_true", help="list the tokens (prefix, user, name, dates)")

    def handle(self, *args, prefix: str | None, user: str | None, list: bool, **options) -> None:  # noqa: A002
        if list:
            tokens = ApiToken.objects.select_related("user").order_by("user__username", "created_at", "id")
            for token in tokens:
                used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
                self.stdout.write(
                    f"{token.prefix}  {token.user.get_username()}  {token.name!r}  "
                    f"created {token.created_at:%Y-%m-%d}  expires {token.expires_at:%Y-%m-%d}  last used {used}"
                )
            return
        if not prefix and not user:
            raise CommandError("name a token prefix or --user USERNAME (or --list)")
        revoked = tokens_revoke(prefix=prefix, username=user)
        if not revoked:
            raise CommandError("no such token")
        self.stdout.write(f"revoked {revoked} token(s)")
