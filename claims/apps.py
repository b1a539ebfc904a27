from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "claims"
    verbose_name = "Claims"

    def ready(self) -> None:
        from claims import schema  # noqa: F401  (registers the OpenAPI auth extension)
        from project import lookups  # noqa: F401  (registers `<foreign key>__in_array`)
