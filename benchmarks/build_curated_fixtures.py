"""Build `fixtures/curated/seeds.json`: the five seed articles with every claim curated.

Why a script and not a hand-edited fixture: the fixture must be what ingestion and the
extractor produce, plus a curator's decisions, and nothing else. So this script ingests the
seeds into a scratch SQLite database, proposes claims, applies the curation table below
through the same service a curator uses in the admin (`claim_update`, which records the
revision and marks a changed value as `curated`), accepts or rejects every proposal, and dumps
the result with fixed timestamps so that two runs give byte-identical files.

    .venv/bin/python -m benchmarks.build_curated_fixtures [--out fixtures/curated/seeds.json]

The table names each proposal by (seed, quote[, sentence index]). Every proposal must be named
exactly once and every entry must match a proposal: when the extractor changes, the script
fails instead of silently shipping an uncurated claim. `reference` resolves a relative or
yearless date against a date the curator established (the page header of seed 004 is not
trusted, and seeds 002 and 003 carry no date); the claim then becomes `curated`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

SEEDS_DIR = REPO_ROOT / "fixtures" / "seeds"
DEFAULT_OUT = REPO_ROOT / "fixtures" / "curated" / "seeds.json"
FIXED_TIMESTAMP = "2024-01-01T00:00:00Z"
TIMESTAMP_FIELDS = ("ingested_at", "created_at", "updated_at")

# Articles dated by the curator where the page gives no trusted date.
SEED_004_DAY = dt.date(2021, 3, 30)  # "الثلاثاء" and "أمس الاثنين": Tuesday after Monday 29 March 2021
SEED_003_DAY = dt.date(2022, 5, 12)  # reports the statement of Wednesday 11 May as of "the current month"
YEAR_2021_END = dt.date(2021, 12, 31)  # seed 002 reports the Kabul attack of August 2021


@dataclass(frozen=True)
class Entity:
    slug: str
    name: str
    kind: str
    aliases: tuple[tuple[str, str], ...]  # (name, language)


# Entities the gazetteer lacks, named by the seeds.
NEW_ENTITIES = (
    Entity(
        "marrakesh_joint_statement_2022",
        "Joint statement of the Global Coalition ministerial meeting, Marrakesh, 11 May 2022",
        "document",
        (("البيان المشترك لوزراء التحالف الدولي في مراكش", "ar"), ("Marrakesh joint statement", "en")),
    ),
    Entity(
        "morocco_mfa_statement_2022",
        "Moroccan foreign ministry statement announcing the Marrakesh meeting, May 2022",
        "document",
        (("بيان وزارة الخارجية المغربية", "ar"),),
    ),
    Entity(
        "nato_defence_ministerial_2021",
        "NATO defence ministers' meeting, February 2021",
        "event",
        (("الاجتماع الوزاري لحلف الناتو", "ar"), ("NATO defence ministerial", "en")),
    ),
    Entity(
        "mozambique_lng_project",
        "Mozambique LNG gas project near Palma",
        "place",
        (("مشروع ضخم لإنتاج الغاز", "ar"), ("Mozambique LNG", "en")),
    ),
    Entity(
        "isis_territorial_defeat_2019",
        "Territorial defeat of ISIS, 2019",
        "event",
        (("هزيمة داعش في عام 2019", "ar"),),
    ),
)


@dataclass(frozen=True)
class Curate:
    """A curator's decision about one proposal: accept (with corrections) or reject (why)."""

    seed: str
    quote: str
    sentence: int | None = None  # only where the quote repeats in the seed
    subject: str | None = None
    property: str | None = None
    qualifiers: dict[str, Any] | None = None
    reference: dt.date | None = None
    reject: str = ""  # the reason, for a mention that is not a claim
    note: str = field(default="", compare=False)


def accept(seed: str, quote: str, **kwargs: Any) -> Curate:
    return Curate(seed, quote, **kwargs)


def reject(seed: str, quote: str, reason: str, **kwargs: Any) -> Curate:
    return Curate(seed, quote, reject=reason, **kwargs)


FUNDING = {"activity": "stabilization_funding_increase"}
CAMPAIGN = {"activity": "campaign"}
UNTIL_BAGHOUZ = {"until": "fall_of_baghouz_2019"}

CURATION: tuple[Curate, ...] = (
    # 000 Al-Wasat (ar), dateline Wednesday 26 June 2019.
    accept("000", "نحو ثلاثين بلداً", subject="paris_meeting_2019", property="meeting_attendance"),
    accept("000", "ثلاثة بلدان", subject="paris_meeting_2019", property="invited_count"),
    accept("000", "صيف عام 2014", subject="global_coalition", property="founded_on"),
    accept("000", "تفوق مساحتها 110 آلاف كيلومتر مربع", subject="isis", property="territory_area"),
    reject("000", "اليوم", "the time of the membership figure ('ويضم اليوم 80 بلداً'), kept as that claim's as_of"),
    accept("000", "80 بلداً", subject="global_coalition", property="member_count"),
    accept("000", "23 مارس 2019", subject="fall_of_baghouz_2019", property="occurred_on"),
    accept(
        "000", "أكثر من أربعة أعوام", subject="global_coalition", property="campaign_duration", qualifiers=UNTIL_BAGHOUZ
    ),
    accept("000", "منذ عام 2018", subject="france", property="started_on", qualifiers=FUNDING),
    # 001 French embassy in Kabul (fa), published 08/07/2019; dates in two calendars.
    accept("001", "۲۵ جون ۲۰۱۹", subject="paris_meeting_2019", property="occurred_on"),
    accept("001", "۴ سرطان ۱۳۹۸", subject="paris_meeting_2019", property="occurred_on"),
    accept("001", "دستکم سی کشور", subject="paris_meeting_2019", property="meeting_attendance"),
    accept("001", "سه کشور", subject="paris_meeting_2019", property="invited_count"),
    accept("001", "بروز سه شنبه ۲۵ جون ۲۰۱۹ میلادی", subject="paris_meeting_2019", property="occurred_on"),
    accept("001", "۴ سرطان ۱۳۹۸ هجری شمسی", subject="paris_meeting_2019", property="occurred_on"),
    accept("001", "۰۰۰ ۱۱۰ کلیومترمربع", subject="isis", property="territory_area"),
    accept("001", "تابستان سال ۲۰۱۴ میلادی", subject="global_coalition", property="founded_on"),
    accept("001", "سال ۱۳۹۳ هجری شمسی", sentence=3, subject="global_coalition", property="founded_on"),
    accept("001", "۸۰ کشور", subject="global_coalition", property="member_count"),
    accept("001", "۲۳ مارچ ۲۰۱۹ میلادی", subject="fall_of_baghouz_2019", property="occurred_on"),
    accept("001", "۳ حمل ۱۳۹۸ هجری شمسی", subject="fall_of_baghouz_2019", property="occurred_on"),
    accept(
        "001", "بیش از چهار سال", subject="global_coalition", property="campaign_duration", qualifiers=UNTIL_BAGHOUZ
    ),
    accept("001", "از سال ۲۰۱۴ میلادی", subject="global_coalition", property="started_on", qualifiers=CAMPAIGN),
    accept(
        "001", "سال ۱۳۹۳ هجری شمسی", sentence=11, subject="global_coalition", property="started_on", qualifiers=CAMPAIGN
    ),
    accept("001", "از سال ۲۰۱۸ میلادی", subject="france", property="started_on", qualifiers=FUNDING),
    accept("001", "سال ۱۳۹۷ هجری شمسی", subject="france", property="started_on", qualifiers=FUNDING),
    # 002 Al-Mashreq Post (ar), undated; the Small Group meeting after the Kabul attack of 2021.
    accept(
        "002",
        "أكثر من 600 مليون دولار",
        subject="global_coalition",
        property="pledged_amount",
        qualifiers={"year": 2021},
    ),
    accept("002", "670 مليون دولار", subject="global_coalition", property="pledge_target", qualifiers={"year": 2021}),
    reject("002", "للعام 2021", "the year that scopes the two pledge claims (their `year` qualifier), not a claim"),
    accept("002", "الآلاف من مقاتلي", subject="isis", property="detained"),
    accept("002", "26 آب/أغسطس", subject="kabul_airport_attack_2021", property="occurred_on", reference=YEAR_2021_END),
    accept("002", "حزيران/يونيو", subject="rome_ministerial_2021", property="occurred_on", reference=YEAR_2021_END),
    # 003 Enab Baladi (ar), undated; written in May 2022 after the Marrakesh meeting of the 11th.
    accept(
        "003",
        "مساء الأربعاء 11 من أيار",
        subject="marrakesh_joint_statement_2022",
        property="issued_on",
        reference=SEED_003_DAY,
    ),
    accept(
        "003",
        "كانون الثاني الماضي",
        subject="ghwayran_prison_attack_2022",
        property="occurred_on",
        reference=SEED_003_DAY,
    ),
    accept(
        "003", "11 من أيار الحالي", subject="marrakesh_ministerial_2022", property="occurred_on", reference=SEED_003_DAY
    ),
    accept(
        "003", "9 من أيار الحالي", subject="morocco_mfa_statement_2022", property="issued_on", reference=SEED_003_DAY
    ),
    accept("003", "حزيران 2021", subject="rome_ministerial_2021", property="occurred_on"),
    # 004 Rose al-Yusuf (ar): the page header (Friday 29 March 2024) is the day the page was saved.
    accept("004", "اليوم", subject="small_group_ministerial_2021", property="occurred_on", reference=SEED_004_DAY),
    accept("004", "الثلاثاء", subject="small_group_ministerial_2021", property="occurred_on", reference=SEED_004_DAY),
    accept("004", "ما يقرب من ثمانية ملايين شخص", subject="isis", property="people_liberated"),
    reject("004", "البلدين", "'the two countries' refers back to Iraq and Syria; it counts nothing"),
    accept("004", "18 فبراير", subject="nato_defence_ministerial_2021", property="occurred_on", reference=SEED_004_DAY),
    accept("004", "منذ أسبوع", subject="palma_attack_2021", property="started_on", reference=SEED_004_DAY),
    accept("004", "أمس الاثنين", subject="palma_attack_2021", property="ended_on", reference=SEED_004_DAY),
    accept(
        "004",
        "عام 2024",
        subject="mozambique_lng_project",
        property="started_on",
        qualifiers={"activity": "gas_production_planned"},
    ),
    accept(
        "004",
        "عشرات المدنيين",
        subject="palma_attack_2021",
        property="killed",
        qualifiers={"victim_group": "civilians"},
    ),
    accept("004", "الآلاف", subject="palma_attack_2021", property="displaced"),
    reject("004", "مركزي", "'the two centres' names Hedayah and Sawab; it counts nothing"),
    accept("004", "178.3 مليون دولار", subject="united_arab_emirates", property="aid_amount"),
    accept("004", "في عام 2019", subject="isis_territorial_defeat_2019", property="occurred_on"),
    accept("004", "مطلع الأسبوع", subject="palma_attack_2021", property="occurred_on", reference=SEED_004_DAY),
    accept(
        "004",
        "أكثر من 55 من قوات الأمن",
        subject="palma_attack_2021",
        property="killed",
        qualifiers={"victim_group": "security_forces"},
    ),
)


def setup_django(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    import django

    django.setup()


def build() -> list[dict[str, Any]]:
    """Ingest, propose, curate and return the fixture objects (timestamps fixed)."""
    from django.core.management import call_command
    from django.db import transaction

    from claims.domain.packs import read_pack
    from claims.models import Claim, Fact, MentionReview, Property
    from claims.models import Entity as EntityModel
    from claims.proposals import document_propose, mention_claim, stored_mention
    from claims.services import CLAIM_EDITABLE_FIELDS, claim_update, facts_refresh
    from claims.vocabulary.packs import pack_load
    from claims.vocabulary.services import alias_create, entity_create
    from corpus.extraction.extraction import extract
    from corpus.files import collect_article_files
    from corpus.services import document_ingest

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        pack_load(pack=read_pack("seed"), via="command")
        for item in collect_article_files([SEEDS_DIR]):
            result = document_ingest(raw=item.path.read_bytes(), file_name=item.path.name, metadata=item.metadata)
            document_propose(document=result.document, via="command")
        for entity in NEW_ENTITIES:
            row = entity_create(slug=entity.slug, name=entity.name, kind=entity.kind, user=None, via="command")
            for name, language in entity.aliases:
                alias_create(entity=row, name=name, language=language, user=None, via="command")

        entities = {e.slug: e for e in EntityModel.objects.all()}
        properties = {p.slug: p for p in Property.objects.all()}
        reviews = list(
            MentionReview.objects.filter(kind__in=["quantity", "date"])
            .select_related("document", "sentence", "claim")
            .order_by("document_id", "start", "id")
        )
        used: set[int] = set()
        for review in reviews:
            seed = review.document.file_name[:3]
            matches = [
                c
                for c in CURATION
                if c.seed == seed and c.quote == review.text and c.sentence in (None, review.sentence.index)
            ]
            if len(matches) != 1:
                raise SystemExit(f"seed {seed}: {len(matches)} curation entries for {review.text!r}; expected one")
            entry = matches[0]
            used.add(id(entry))
            claim = review.claim
            if claim is None:  # a mention `propose` left unclaimed: the curator claims it
                claim = mention_claim(
                    document=review.document, start=review.start, end=review.end, user=None, via="command"
                )
            claim = Claim.objects.get(pk=claim.pk)
            changes: dict[str, Any] = {}
            if entry.reject:
                changes.update(status="rejected", subject=None, property=None, qualifiers={})
            else:
                changes["subject"] = entities[entry.subject] if entry.subject else None
                changes["property"] = properties[entry.property] if entry.property else None
                changes["qualifiers"] = entry.qualifiers or {}
                if entry.reference is not None:
                    sentence = review.sentence
                    span = (review.start - sentence.start, review.end - sentence.start)
                    found = {
                        (m.start, m.end): m for m in extract(sentence.text, review.document.language, entry.reference)
                    }
                    record = stored_mention(replace(found[span], start=review.start, end=review.end))
                    changes |= {k: v for k, v in record.claim_fields().items() if k in CLAIM_EDITABLE_FIELDS}
                changes["status"] = "accepted"
            claim_update(claim=claim, expected_version=claim.version, user=None, via="command", **changes)
        unused = [c for c in CURATION if id(c) not in used]
        if unused:
            raise SystemExit(f"curation entries that match no mention: {[(c.seed, c.quote) for c in unused]}")
        Fact.objects.filter(claims__isnull=True).delete()
        facts_refresh(fact_ids=Fact.objects.values_list("id", flat=True))
    return serialize_fixture()


def serialize_fixture() -> list[dict[str, Any]]:
    """The fixture's objects: the seed documents, their claims, and the vocabulary they use.

    Entities, aliases and properties are written with their natural keys (slugs), never their
    ids: the migrations load the default vocabulary packs into every database, so a fixture row
    must land on the row of the same slug there, whatever its id. Only the vocabulary the claims
    and facts use is written (with the places it lies in).
    """
    from django.apps import apps
    from django.core import serializers

    from claims.exchange.columns import EXPORTED_MODELS  # the fixture export's models, in load order
    from claims.models import Claim, Entity, Fact

    used = set(Claim.objects.exclude(subject=None).values_list("subject_id", flat=True))
    used |= set(Fact.objects.values_list("subject_id", flat=True))
    entities: list[Entity] = []
    for entity in Entity.objects.filter(pk__in=used).order_by("slug"):
        chain = []
        while entity is not None and entity not in entities and entity not in chain:
            chain.append(entity)
            entity = entity.place
        entities.extend(reversed(chain))  # a place before what lies in it
    properties = set(Claim.objects.exclude(property=None).values_list("property_id", flat=True))
    querysets = {
        "claims.Entity": entities,
        "claims.EntityAlias": [a for e in entities for a in e.aliases.order_by("normalized", "language")],
        "claims.Property": apps.get_model("claims.Property").objects.filter(pk__in=properties).order_by("slug"),
    }
    objects: list[dict[str, Any]] = []
    for label in EXPORTED_MODELS:
        rows = querysets.get(label, apps.get_model(label).objects.order_by("pk"))
        objects += json.loads(
            serializers.serialize("json", rows, use_natural_foreign_keys=True, use_natural_primary_keys=True)
        )
    for obj in objects:
        for name in TIMESTAMP_FIELDS:
            if name in obj["fields"]:
                obj["fields"][name] = FIXED_TIMESTAMP
        if obj["model"] == "claims.claim":
            # Mentions are not in the fixture: `load_curated` stores them and links the claims.
            obj["fields"]["mention"] = None
    return objects


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "curated.sqlite3")
        objects = build()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(objects, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    claims = [o for o in objects if o["model"] == "claims.claim"]
    by_status: dict[str, int] = {}
    for claim in claims:
        key = f"{claim['fields']['status']}/{claim['fields']['origin']}"
        by_status[key] = by_status.get(key, 0) + 1
    print(f"wrote {args.out} ({len(objects)} objects; claims {by_status})")


if __name__ == "__main__":
    main()
