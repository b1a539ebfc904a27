"""Properties the curated seed claims need beyond the starter vocabulary (issue 6)."""

from django.db import migrations

PROPERTIES = [
    # slug, label_en, label_ar, label_fa, value_type, unit, time_varying, qualifier_keys
    ("campaign_duration", "campaign duration", "مدة الحملة", "مدت کارزار", "quantity", "year", False, ["until"]),
    ("started_on", "started on", "تاريخ البدء", "تاریخ آغاز", "date", "", False, ["activity"]),
    ("ended_on", "ended on", "تاريخ الانتهاء", "تاریخ پایان", "date", "", False, []),
    ("issued_on", "issued on", "تاريخ الصدور", "تاریخ صدور", "date", "", False, []),
]


def add_properties(apps, schema_editor):
    Property = apps.get_model("claims", "Property")
    db = schema_editor.connection.alias
    for slug, en, ar, fa, value_type, unit, time_varying, qualifier_keys in PROPERTIES:
        Property.objects.using(db).update_or_create(
            slug=slug,
            defaults={
                "label_en": en,
                "label_ar": ar,
                "label_fa": fa,
                "value_type": value_type,
                "unit": unit,
                "time_varying": time_varying,
                "qualifier_keys": qualifier_keys,
            },
        )


def remove_properties(apps, schema_editor):
    Property = apps.get_model("claims", "Property")
    Property.objects.using(schema_editor.connection.alias).filter(slug__in=[p[0] for p in PROPERTIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_api_token")]

    operations = [migrations.RunPython(add_properties, remove_properties)]
