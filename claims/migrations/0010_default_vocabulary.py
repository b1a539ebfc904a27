"""The default vocabulary packs (issue 11): the general news pack and the gazetteer.

They are read from fixtures/vocabulary/ when the migration runs and written with this point's
models; later edits of the pack files reach a database through `manage.py load_vocabulary`.
Properties the earlier migrations created keep their ids and gain their unit families and
subject kinds; a property or entity a curator edited is left as it is (see
`claims.vocabulary.packs`).
"""

from django.db import migrations

DEFAULT_PACKS = ("general", "gazetteer")


def load_default_packs(apps, schema_editor):
    from claims.domain.packs import read_pack
    from claims.vocabulary.packs import pack_load

    for name in DEFAULT_PACKS:
        pack_load(pack=read_pack(name), apps=apps, using=schema_editor.connection.alias, via="migration")


class Migration(migrations.Migration):
    dependencies = [("claims", "0009_vocabulary_schema")]

    operations = [migrations.RunPython(load_default_packs, migrations.RunPython.noop)]
