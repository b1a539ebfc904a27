"""The vocabulary packs compiled without a database, for the pure tests of the matcher."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from claims.domain.packs import read_pack
from claims.domain.proposer import Article, Figure, Proposal, propose_article
from claims.domain.vocabulary import Vocabulary
from corpus.extraction.mentions import DateValue, Mention, QuantityValue


@cache
def pack_vocabulary(*names: str) -> Vocabulary:
    """The packs merged as loading them in this order would (later packs add aliases)."""
    entities, properties, families, cues, extra = {}, {}, {}, [], []
    for name in names:
        pack = read_pack(name)
        families.update({f.name: f for f in pack.unit_families})
        properties.update({p.slug: p for p in pack.properties})
        entities.update({e.slug: e for e in pack.entities})
        cues += pack.cues
        extra += pack.aliases
    for item in extra:
        entity = entities[item.entity]
        entities[item.entity] = replace(entity, aliases=(*entity.aliases, item.alias))
    return Vocabulary.build(
        entities=entities.values(), properties=properties.values(), cues=cues, unit_families=families.values()
    )


def figure_of(mention: Mention) -> Figure:
    """An extractor mention as the proposer's figure (same offsets)."""
    value = mention.value
    return Figure(
        mention.start,
        mention.end,
        mention.text,
        str(mention.kind),
        unit=value.unit if isinstance(value, QuantityValue) else None,
        date_lower=value.lower if isinstance(value, DateValue) else None,
        date_upper=value.upper if isinstance(value, DateValue) else None,
        value=value.nominal if isinstance(value, QuantityValue) else None,
    )


def propose_one(
    vocabulary: Vocabulary,
    sentence: str,
    figure: Figure,
    others: Sequence[Figure] = (),
    language: str = "en",
    *,
    before: Sequence[str] = (),
    title: str = "",
    published_on: dt.date | None = None,
) -> Proposal:
    """The proposal for `figure` of `sentence`, after the sentences `before`."""
    figures = tuple(() for _ in before) + (tuple(sorted([figure, *others], key=lambda f: (f.start, f.end))),)
    article = Article(language, (*before, sentence), figures, title, published_on)
    return next(p for p in propose_article(vocabulary, article) if p.sentence == len(before) and p.figure == figure)


def figure_at(sentence: str, text: str, kind: str = "quantity", unit: str | None = None, **values) -> Figure:
    """A figure for the first `text` in `sentence`."""
    start = sentence.index(text)
    return Figure(start, start + len(text), text, kind, unit=unit, **values)
