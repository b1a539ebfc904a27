"""The vocabulary in the database (issue 11): entity status, events and places, alias and
property details, cues, unit families, the vocabulary version, and mention reviews."""

import claims.validators
import django.db.models.deletion
from decimal import Decimal
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0008_claim_mention'),
        ('corpus', '0002_mentions'),
    ]

    operations = [
        migrations.CreateModel(
            name='Cue',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('event_type', models.CharField(blank=True, choices=[('earthquake', 'Earthquake'), ('flood', 'Flood'), ('storm', 'Storm'), ('wildfire', 'Wildfire'), ('landslide', 'Landslide'), ('drought', 'Drought'), ('epidemic', 'Epidemic'), ('attack', 'Attack'), ('bombing', 'Bombing'), ('explosion', 'Explosion'), ('shooting', 'Shooting'), ('battle', 'Battle'), ('war', 'War'), ('election', 'Election'), ('referendum', 'Referendum'), ('budget', 'Budget'), ('conference', 'Conference'), ('summit', 'Summit'), ('meeting', 'Meeting'), ('protest', 'Protest'), ('accident', 'Accident'), ('crash', 'Crash'), ('fire', 'Fire'), ('famine', 'Famine'), ('displacement', 'Displacement'), ('campaign', 'Campaign')], max_length=20)),
                ('language', models.CharField(blank=True, max_length=2)),
                ('words', models.JSONField(default=list, help_text='Phrases that suggest the property, e.g. ["killed", "death toll"]')),
                ('side', models.CharField(choices=[('either', 'Either'), ('before', 'Before'), ('after', 'After')], default='either', max_length=6)),
                ('context', models.JSONField(blank=True, default=list, help_text='Phrases one of which must be in the sentence.')),
                ('units', models.JSONField(blank=True, default=list, help_text="Units the figure may carry, if not the property's.")),
                ('qualifiers', models.JSONField(blank=True, default=dict, validators=[claims.validators.validate_qualifiers])),
                ('qualifier_from_mention', models.CharField(blank=True, max_length=10)),
                ('weak', models.BooleanField(default=False, help_text='A counted noun: gives way to any other cue of its clause.')),
                ('confidence', models.DecimalField(decimal_places=2, default=Decimal('0.8'), max_digits=3)),
                ('status', models.CharField(choices=[('proposed', 'Proposed'), ('confirmed', 'Confirmed')], default='confirmed', max_length=10)),
                ('origin', models.CharField(choices=[('pack', 'Pack'), ('curated', 'Curated'), ('text', 'Text'), ('learned', 'Learned')], default='curated', max_length=10)),
                ('pack', models.CharField(blank=True, help_text='The vocabulary pack that loaded it.', max_length=40)),
                ('note', models.TextField(blank=True)),
            ],
        ),
        migrations.CreateModel(
            name='MentionReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('start', models.PositiveIntegerField()),
                ('end', models.PositiveIntegerField()),
                ('text', models.TextField()),
                ('kind', models.CharField(help_text='quantity, date, identifier or time', max_length=12)),
                ('outcome', models.CharField(choices=[('proposed', 'Proposed'), ('unclaimed', 'Unclaimed'), ('claimed', 'Claimed')], max_length=10)),
                ('reason', models.CharField(blank=True, choices=[('identifier', 'Identifier'), ('time', 'Time'), ('no_cue', 'No Cue'), ('unit_not_allowed', 'Unit Not Allowed'), ('cue_too_far', 'Cue Too Far'), ('no_subject', 'No Subject'), ('already_claimed', 'Already Claimed')], max_length=20)),
                ('detail', models.CharField(blank=True, help_text='The reason in words a curator can read.', max_length=300)),
                ('vocabulary_version', models.BigIntegerField(default=0)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
        ),
        migrations.CreateModel(
            name='UnitFamily',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.SlugField(max_length=30, unique=True)),
                ('units', models.JSONField(blank=True, default=list)),
                ('currencies', models.BooleanField(default=False)),
                ('unit_required', models.BooleanField(default=False, help_text='A bare figure (no unit) is refused.')),
                ('minimum', models.DecimalField(blank=True, decimal_places=6, max_digits=30, null=True)),
                ('maximum', models.DecimalField(blank=True, decimal_places=6, max_digits=30, null=True)),
                ('pack', models.CharField(blank=True, help_text='The vocabulary pack that loaded it.', max_length=40)),
            ],
            options={
                'verbose_name_plural': 'unit families',
            },
        ),
        migrations.CreateModel(
            name='VocabularyVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.BigIntegerField(default=0)),
                ('token', models.CharField(blank=True, max_length=32)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
        ),
        migrations.AddField(
            model_name='entity',
            name='country_code',
            field=models.CharField(blank=True, help_text='ISO 3166-1 alpha-2 (CLDR) of a country.', max_length=3),
        ),
        migrations.AddField(
            model_name='entity',
            name='event_date_lower',
            field=models.DateField(blank=True, help_text='First day the event may have happened on.', null=True),
        ),
        migrations.AddField(
            model_name='entity',
            name='event_date_upper',
            field=models.DateField(blank=True, help_text='Last day the event may have happened on.', null=True),
        ),
        migrations.AddField(
            model_name='entity',
            name='event_type',
            field=models.CharField(blank=True, choices=[('earthquake', 'Earthquake'), ('flood', 'Flood'), ('storm', 'Storm'), ('wildfire', 'Wildfire'), ('landslide', 'Landslide'), ('drought', 'Drought'), ('epidemic', 'Epidemic'), ('attack', 'Attack'), ('bombing', 'Bombing'), ('explosion', 'Explosion'), ('shooting', 'Shooting'), ('battle', 'Battle'), ('war', 'War'), ('election', 'Election'), ('referendum', 'Referendum'), ('budget', 'Budget'), ('conference', 'Conference'), ('summit', 'Summit'), ('meeting', 'Meeting'), ('protest', 'Protest'), ('accident', 'Accident'), ('crash', 'Crash'), ('fire', 'Fire'), ('famine', 'Famine'), ('displacement', 'Displacement'), ('campaign', 'Campaign')], max_length=20),
        ),
        migrations.AddField(
            model_name='entity',
            name='origin',
            field=models.CharField(choices=[('pack', 'Pack'), ('curated', 'Curated'), ('text', 'Text'), ('learned', 'Learned')], default='pack', max_length=10),
        ),
        migrations.AddField(
            model_name='entity',
            name='pack',
            field=models.CharField(blank=True, help_text='The vocabulary pack that loaded it.', max_length=40),
        ),
        migrations.AddField(
            model_name='entity',
            name='place',
            field=models.ForeignKey(blank=True, help_text='Where it lies or happened.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='claims.entity'),
        ),
        migrations.AddField(
            model_name='entity',
            name='status',
            field=models.CharField(choices=[('proposed', 'Proposed'), ('confirmed', 'Confirmed')], default='confirmed', max_length=10),
        ),
        migrations.AddField(
            model_name='entityalias',
            name='origin',
            field=models.CharField(choices=[('pack', 'Pack'), ('curated', 'Curated'), ('text', 'Text'), ('learned', 'Learned')], default='pack', max_length=10),
        ),
        migrations.AddField(
            model_name='entityalias',
            name='status',
            field=models.CharField(choices=[('proposed', 'Proposed'), ('confirmed', 'Confirmed')], default='confirmed', max_length=10),
        ),
        migrations.AddField(
            model_name='entityalias',
            name='strict',
            field=models.BooleanField(default=False, help_text='Names the entity only in articles of its language.'),
        ),
        migrations.AddField(
            model_name='property',
            name='cumulative',
            field=models.BooleanField(default=False, help_text='Figures grow as they are counted (a death toll): a timeline, not a conflict.'),
        ),
        migrations.AddField(
            model_name='property',
            name='day_only',
            field=models.BooleanField(default=False, help_text='Dates only: the property takes a single day.'),
        ),
        migrations.AddField(
            model_name='property',
            name='event_types',
            field=models.JSONField(blank=True, default=list, help_text='Event types of an event subject, if limited.'),
        ),
        migrations.AddField(
            model_name='property',
            name='origin',
            field=models.CharField(choices=[('pack', 'Pack'), ('curated', 'Curated'), ('text', 'Text'), ('learned', 'Learned')], default='pack', max_length=10),
        ),
        migrations.AddField(
            model_name='property',
            name='pack',
            field=models.CharField(blank=True, help_text='The vocabulary pack that loaded it.', max_length=40),
        ),
        migrations.AddField(
            model_name='property',
            name='subject_kinds',
            field=models.JSONField(blank=True, default=list, help_text='Entity kinds of its subject, e.g. ["event"]'),
        ),
        migrations.AddField(
            model_name='property',
            name='unit_family',
            field=models.CharField(blank=True, help_text='Units its figures may carry (a unit family).', max_length=30),
        ),
        migrations.AlterField(
            model_name='entity',
            name='slug',
            field=models.SlugField(help_text='Stable key used by packs, fixtures and the API.', max_length=100, unique=True),
        ),
        migrations.AddIndex(
            model_name='entity',
            index=models.Index(fields=['kind', 'event_type', 'place'], name='entity_event_key'),
        ),
        migrations.AddConstraint(
            model_name='entity',
            constraint=models.CheckConstraint(condition=models.Q(('event_type', ''), ('kind', 'event'), _connector='OR'), name='entity_event_type_only_for_events'),
        ),
        migrations.AddConstraint(
            model_name='entity',
            constraint=models.CheckConstraint(condition=models.Q(('event_date_lower__isnull', True), ('event_date_upper__isnull', True), ('event_date_lower__lte', models.F('event_date_upper')), _connector='OR'), name='entity_event_dates_ordered'),
        ),
        migrations.AddConstraint(
            model_name='entity',
            constraint=models.UniqueConstraint(condition=models.Q(('country_code', ''), _negated=True), fields=('country_code',), name='entity_country_code_unique'),
        ),
        migrations.AddField(
            model_name='cue',
            name='property',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='cues', to='claims.property'),
        ),
        migrations.AddField(
            model_name='cue',
            name='subject',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='claims.entity'),
        ),
        migrations.AddField(
            model_name='mentionreview',
            name='claim',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='claims.claim'),
        ),
        migrations.AddField(
            model_name='mentionreview',
            name='document',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='mention_reviews', to='corpus.document'),
        ),
        migrations.AddField(
            model_name='mentionreview',
            name='mention',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='corpus.mention'),
        ),
        migrations.AddField(
            model_name='mentionreview',
            name='sentence',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='mention_reviews', to='corpus.sentence'),
        ),
        migrations.AddConstraint(
            model_name='vocabularyversion',
            constraint=models.CheckConstraint(condition=models.Q(('pk', 1)), name='vocabulary_version_single_row'),
        ),
        migrations.AddIndex(
            model_name='cue',
            index=models.Index(fields=['status', 'pack'], name='cue_status_pack'),
        ),
        migrations.AddConstraint(
            model_name='cue',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('property__isnull', False), ('event_type', '')), models.Q(('property__isnull', True), models.Q(('event_type', ''), _negated=True)), _connector='OR'), name='cue_property_or_event_type'),
        ),
        migrations.AddConstraint(
            model_name='cue',
            constraint=models.CheckConstraint(condition=models.Q(('confidence__gte', 0), ('confidence__lte', 1)), name='cue_confidence_in_unit_range'),
        ),
        migrations.AddIndex(
            model_name='mentionreview',
            index=models.Index(fields=['outcome', 'reason', 'id'], name='mention_review_outcome'),
        ),
        migrations.AddConstraint(
            model_name='mentionreview',
            constraint=models.CheckConstraint(condition=models.Q(('start__lt', models.F('end'))), name='mention_review_start_before_end'),
        ),
        migrations.AddConstraint(
            model_name='mentionreview',
            constraint=models.UniqueConstraint(fields=('document', 'start', 'end'), name='mention_review_unique_span'),
        ),
            # Rows that existed before came from the lexicon file and the migrations: a pack's.
        # New rows default to `curated`.
        migrations.AlterField(
            model_name='entity',
            name='origin',
            field=models.CharField(choices=[('pack', 'Pack'), ('curated', 'Curated'), ('text', 'Text'), ('learned', 'Learned')], default='curated', max_length=10),
        ),
        migrations.AlterField(
            model_name='entityalias',
            name='origin',
            field=models.CharField(choices=[('pack', 'Pack'), ('curated', 'Curated'), ('text', 'Text'), ('learned', 'Learned')], default='curated', max_length=10),
        ),
        migrations.AlterField(
            model_name='property',
            name='origin',
            field=models.CharField(choices=[('pack', 'Pack'), ('curated', 'Curated'), ('text', 'Text'), ('learned', 'Learned')], default='curated', max_length=10),
        ),
    ]
