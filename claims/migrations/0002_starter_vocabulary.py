"""The starter vocabulary of DESIGN.md: the properties the seed articles need from day one."""

from django.db import migrations

PROPERTIES = [
    # slug, label_en, label_ar, label_fa, value_type, unit, time_varying, qualifier_keys
    ("member_count", "member count", "عدد الأعضاء", "تعداد اعضا", "quantity", "member", True, []),
    ("territory_area", "territory area", "مساحة الأراضي", "مساحت سرزمین", "quantity", "km2", False, []),
    (
        "meeting_attendance",
        "meeting attendance",
        "عدد المشاركين",
        "تعداد شرکت‌کنندگان",
        "quantity",
        "country",
        False,
        [],
    ),
    ("invited_count", "invited count", "عدد المدعوين", "تعداد مهمانان", "quantity", "country", False, []),
    ("pledged_amount", "pledged amount", "المبلغ المتعهد به", "مبلغ تعهد شده", "quantity", "USD", True, ["year"]),
    ("pledge_target", "pledge target", "هدف التعهدات", "هدف تعهدات", "quantity", "USD", False, ["year"]),
    ("aid_amount", "aid amount", "قيمة المساعدات", "مبلغ کمک", "quantity", "USD", True, []),
    ("people_liberated", "people liberated", "عدد المحررين", "تعداد آزادشدگان", "quantity", "person", True, []),
    ("killed", "killed", "عدد القتلى", "تعداد کشته‌شدگان", "quantity", "person", False, ["victim_group"]),
    ("displaced", "displaced", "عدد النازحين", "تعداد آوارگان", "quantity", "person", False, []),
    ("detained", "detained", "عدد المحتجزين", "تعداد بازداشت‌شدگان", "quantity", "person", True, []),
    ("founded_on", "founded on", "تاريخ التأسيس", "تاریخ تأسیس", "date", "", False, []),
    ("occurred_on", "occurred on", "تاريخ الوقوع", "تاریخ وقوع", "date", "", False, []),
]


def add_properties(apps, schema_editor):
    Property = apps.get_model("claims", "Property")
    # The alias matters when `audit` migrates its own scratch database next to `default`.
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
    apps.get_model("claims", "Property").objects.using(schema_editor.connection.alias).filter(
        slug__in=[p[0] for p in PROPERTIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]

    operations = [migrations.RunPython(add_properties, remove_properties)]
