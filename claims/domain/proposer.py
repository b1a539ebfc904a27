"""Which property and subject each figure of an article states, or why none is proposed.

The input is an article as stored: its language, title, date and sentences, and for each
sentence the figures the extractor found in it (`Figure`, offsets relative to the sentence).
The output is one `Proposal` per figure: a property with a subject (an entity slug or an
`EventRef` naming an event by type, place and date), or no property and the reason, in words a
curator can read (`REASONS`).

How a property is found: the cue of an applicable property closest to the figure, same clause
first (a cue across a comma counts only when nothing stands between it and the figure, unless
the figure fills the sentence's first clause on its own), then fewest words between, then a cue
standing before the figure. A cue applies when the figure's kind is the property's value type,
the figure's unit is one the property's unit family allows (a figure without a unit fits any),
the cue's side fits and its context words occur. An event word (`زلزال`, `election`) is also a
cue for the date it stands next to: the date the event happened (`occurred_on`).

How a subject is found, for each kind the property allows in its order of preference:
- an entity the cue implies, when the text names it;
- an event: an event entity named in the sentence, else an event word (its type allowed by the
  property) in the sentence, the two before it, the headline or the article's lead; its place
  is the country named nearest to the event word (else the headline's, else the article's most
  named country) and its date the date next to the event word, else the days before the
  article's date. Two outlets' reports of one earthquake therefore name the same event;
- a country: the country (or a place in it) named nearest to the cue, else the headline's,
  else the article's most named country;
- any other kind: the nearest entity of that kind, else the last one in the two sentences
  before, else the headline's.

Pure standard library: no Django.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from claims.domain.phrases import (
    WORD_RE,
    Span,
    asides,
    conjunction_re,
    fills_clause,
    gap,
    inside_any,
    is_fronted,
    mask,
    norm_span,
    same_clause,
    word_distance,
)
from claims.domain.vocabulary import CueHit, EntityHit, Vocabulary
from corpus.domain.text import NormalizedText, normalize

# Confidence policy. A cue is trusted less when it stands in another clause or far away, and a
# proposal without a subject or with a subject from elsewhere in the article is weaker still.
OTHER_CLAUSE_FACTOR = Decimal("0.75")
FAR_CUE_FACTOR = Decimal("0.9")
FAR_CUE_WORDS = 6
NO_SUBJECT_FACTOR = Decimal("0.8")
CONTEXT_SUBJECT_FACTOR = Decimal("0.9")
UNIT_CUE_FACTOR = Decimal("0.9")
EVENT_DATE_FACTOR = Decimal("0.9")
# A cue at most this many words from the figure, in its clause, is near; one further away (up to
# FAR_MAX_CUE_WORDS: `عدد قتلى الزلزال الذي … قد تجاوز 33 ألف شخص`) counts only when no near cue
# applies, and is trusted less.
MAX_CUE_WORDS = 12
FAR_MAX_CUE_WORDS = 25
FAR_TIER_FACTOR = Decimal("0.8")
# A cue across a clause break counts only when nothing stands between it and the figure: in
# `في 9 من أيار الحالي، إن الاجتماع يعقد` the date is the statement's, not the meeting's.
OTHER_CLAUSE_MAX_WORDS = 0
# A unit cue (`6.2 ریشتر` is a magnitude) ranks as a word this many words away.
UNIT_CUE_WORDS = 3
# A date this close to an event word, in its clause, dates the event.
EVENT_DATE_WORDS = 12
# An event reported without its date happened within this many days before the article's date.
EVENT_WINDOW_DAYS = {
    "election": 45, "referendum": 45, "budget": 400, "war": 400, "campaign": 400, "drought": 400,
    "famine": 400, "epidemic": 180, "displacement": 180, "conference": 10, "summit": 10, "meeting": 10,
}  # fmt: skip
DEFAULT_EVENT_WINDOW_DAYS = 21
# The property an event word proposes for the date next to it, and the kinds of event that
# happen on a day (a budget or a war is not dated by the date next to its name).
EVENT_DATE_PROPERTY = "occurred_on"
DATED_EVENT_TYPES = frozenset(
    {
        "earthquake", "flood", "storm", "wildfire", "landslide", "attack", "bombing", "explosion", "shooting",
        "battle", "election", "referendum", "conference", "summit", "meeting", "protest", "accident", "crash", "fire",
    }
)  # fmt: skip
# `2016-` right before a figure of two digits: a year range (`2016-17`), read as one date.
_YEAR_RANGE_END_RE = re.compile(r"(?<!\d)(?:19|20)\d\d[-–/]$")
# The word right after a figure, read as what it counts (`10 تیم`): letters only, no digits.
_NEXT_WORD_RE = re.compile(r"[\s\u200c]*([^\W\d_]+)")
# Words after a figure that say nothing against a cue further on: people in general, currencies
# the extractor may not know yet, function words.
COUNT_WORDS = frozenset(
    [
        "تن",
        "نفر",
        "فرد",
        "فردا",
        "افراد",
        "اشخاص",
        "شخص",
        "شخصا",
        "اخرين",
        "اخرون",
        "اخر",
        "دیگر",
        "مواطن",
        "مواطنا",
        "ساكن",
        "رجل",
        "امراه",
        "طفل",
        "ریال",
        "ريال",
        "ريالا",
        "تومان",
        "جنيه",
        "جنيها",
        "درهم",
        "دينار",
        "دينارا",
        "ليره",
        "روبيه",
        "افغاني",
        "افغانی",
        "دالر",
        "people",
        "persons",
        "others",
        "more",
        "new",
        "other",
        "additional",
        "some",
        "about",
        "than",
        "from",
        "to",
        "of",
        "in",
        "on",
        "at",
        "and",
        "or",
        "the",
        "a",
        "an",
        "males",
        "females",
        "men",
        "women",
        "children",
        "citizens",
        "residents",
        "civilians",
        "rupees",
        "rupee",
        "riyals",
        "dinars",
        "pounds",
        "lira",
        "yuan",
    ]
)
# A cue this many words or more beyond a figure that counts an unknown noun does not apply.
NOUN_GUARD_WORDS = 3
# A figure without a cue continues the list of the figure before it this many words away.
LIST_WORDS = 8
LIST_FACTOR = Decimal("0.7")
# Sentences before a figure searched for an event or an entity named earlier ("the quake").
CONTEXT_SENTENCES = 2
_CENT = Decimal("0.01")


class Reason(StrEnum):
    """Why a figure gets no proposed claim (or, for `NO_SUBJECT`, a claim without subject)."""

    IDENTIFIER = "identifier"
    TIME = "time"
    NO_CUE = "no_cue"
    UNIT_NOT_ALLOWED = "unit_not_allowed"
    CUE_TOO_FAR = "cue_too_far"
    NO_SUBJECT = "no_subject"
    ALREADY_CLAIMED = "already_claimed"


REASONS: dict[str, str] = {
    Reason.IDENTIFIER: "a number that names something (a law, a resolution), not a figure",
    Reason.TIME: "a clock time, not a figure",
    Reason.NO_CUE: "no cue word of any property near the figure",
    Reason.UNIT_NOT_ALLOWED: "the cue's property does not take this unit (or this figure, or a date this long)",
    Reason.CUE_TOO_FAR: "a cue word stands too far from the figure, or in another clause",
    Reason.NO_SUBJECT: "proposed without a subject: no entity, place or event of a kind the property takes",
    Reason.ALREADY_CLAIMED: "a claim already holds this span",
}


@dataclass(frozen=True, slots=True)
class Figure:
    """A mention as the proposer needs it: `[start, end)` in its sentence, its kind (`quantity`,
    `date`, `identifier`, `time`), its unit and figure, and for dates its interval of days."""

    start: int
    end: int
    text: str
    kind: str
    unit: str | None = None
    date_lower: dt.date | None = None
    date_upper: dt.date | None = None
    value: Decimal | None = None  # a quantity's stated figure


@dataclass(frozen=True, slots=True)
class Article:
    """An article as stored: sentences with their figures (one tuple of figures per sentence)."""

    language: str
    sentences: tuple[str, ...]
    figures: tuple[tuple[Figure, ...], ...]
    title: str = ""
    published_on: dt.date | None = None
    home_country: str = ""  # the outlet's country (entity slug): the place of last resort


@dataclass(frozen=True, slots=True)
class EventRef:
    """An event named by its kind, place (a country's slug, or empty) and days.

    `date_basis` is `stated` (a date next to the event word, or the figure itself), `article`
    (the days before the article's date) or empty (no date known). `locality` is a finer place
    named with it (a city), kept for the event's name; identity uses the country.
    """

    event_type: str
    place: str
    date_lower: dt.date | None
    date_upper: dt.date | None
    date_basis: str = ""
    locality: str = ""
    trigger: str = ""


@dataclass(frozen=True, slots=True)
class Proposal:
    """What the proposer says about one figure. `property` None: not proposed, see `reason`."""

    sentence: int
    figure: Figure
    property: str | None = None
    subject: str | None = None
    event: EventRef | None = None
    qualifiers: dict[str, Any] = field(default_factory=dict)
    cue: str = ""
    cue_span: Span | None = None  # the cue word, in sentence offsets (None for a unit cue)
    confidence: Decimal = Decimal(0)
    subject_basis: str = ""
    reason: str = ""
    detail: str = ""


def propose_article(vocabulary: Vocabulary, article: Article) -> list[Proposal]:
    """One proposal per figure of `article`, in order of sentence and position."""
    if len(article.figures) != len(article.sentences):
        raise ValueError("an article needs one tuple of figures per sentence")
    reader = _ArticleReader(vocabulary, article)
    proposals = [
        reader.propose(index, figure)
        for index, figures in enumerate(article.figures)
        for figure in sorted(figures, key=lambda f: (f.start, f.end))
    ]
    return reader.continue_lists(proposals)


# --- reading one article ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Candidate:
    rank: tuple[Any, ...]
    property: str
    cue: int | None  # None: an event word dating its event
    word: str
    span: Span | None
    confidence: Decimal
    other_clause: bool
    distance: int


@dataclass(frozen=True, slots=True)
class _EventHit:
    event_type: str
    start: int
    end: int
    word: str
    sentence: int  # -1: the title


class _ArticleReader:
    """An article read once: folded sentences, their entities, cue words and event words."""

    def __init__(self, vocabulary: Vocabulary, article: Article) -> None:
        self.vocab = vocabulary
        self.article = article
        language = article.language
        self.norms: list[NormalizedText] = [normalize(s) for s in article.sentences]
        self.texts = [n.text for n in self.norms]
        self.asides = [asides(t) for t in self.texts]
        self.entities = [vocabulary.find_entities(t, language) for t in self.texts]
        hits = [vocabulary.cue_hits(t, language) for t in self.texts]
        self.cues = [[h for h in hs if vocabulary.cues[h.cue].property] for hs in hits]
        self.events = [
            [self._event_hit(h, i) for h in hs if vocabulary.cues[h.cue].event_type] for i, hs in enumerate(hits)
        ]
        title = normalize(article.title).text if article.title else ""
        self.title_text = title
        self.title_entities = vocabulary.find_entities(title, language) if title else []
        self.title_events = (
            [self._event_hit(h, -1) for h in vocabulary.cue_hits(title, language) if vocabulary.cues[h.cue].event_type]
            if title
            else []
        )
        self.unit_cues = list(vocabulary.unit_cues(language))
        self.conjunction_re = conjunction_re(language)
        counts: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        for weight, hits_of in [(2, self.title_entities)] + [(1, e) for e in self.entities]:
            for hit in hits_of:
                country = self._country(hit)
                if country:
                    counts[country] += weight
                    first_seen.setdefault(country, len(first_seen))
        self.main_country = min(counts, key=lambda c: (-counts[c], first_seen[c])) if counts else None
        if self.main_country is None and article.home_country and vocabulary.has_entity(article.home_country):
            self.main_country = article.home_country  # the outlet's country, when the text names none
        kinds: Counter[str] = Counter()
        order: dict[str, int] = {}
        for weight, events in [(2, self.title_events)] + [(1, e) for e in self.events]:
            for event in events:
                kinds[event.event_type] += weight
                order.setdefault(event.event_type, len(order))
        self.event_types = sorted(kinds, key=lambda t: (-kinds[t], order[t]))  # the article's events, most named first

    def _event_hit(self, hit: CueHit, sentence: int) -> _EventHit:
        return _EventHit(self.vocab.cues[hit.cue].event_type, hit.start, hit.end, hit.word, sentence)

    def _country(self, hit: EntityHit) -> str | None:
        if hit.kind not in ("country", "place"):
            return None
        return self.vocab.country_of(hit.slug)

    # -- one figure --

    def propose(self, index: int, figure: Figure) -> Proposal:
        if figure.kind == "identifier":
            return Proposal(index, figure, reason=Reason.IDENTIFIER, detail=REASONS[Reason.IDENTIFIER])
        if figure.kind not in ("quantity", "date"):
            return Proposal(index, figure, reason=Reason.TIME, detail=REASONS[Reason.TIME])
        norm = self.norms[index]
        if not 0 <= figure.start < figure.end <= len(norm.original):
            raise ValueError(f"figure [{figure.start}, {figure.end}) is outside sentence {index}")
        fspan = norm_span(norm, figure.start, figure.end)
        if figure.kind == "quantity" and _YEAR_RANGE_END_RE.search(norm.text, 0, fspan[0]) and figure.text.isdigit():
            # `2016-17`: the second year of a fiscal year, not a figure.
            detail = f"{REASONS[Reason.IDENTIFIER]}: the end of a year range"
            return Proposal(index, figure, reason=Reason.IDENTIFIER, detail=detail)
        candidates, refused = self._candidates(index, figure, fspan)
        if not candidates:
            reason = refused or Reason.NO_CUE
            return Proposal(index, figure, reason=reason, detail=self._detail(reason, index, figure, fspan))
        best = min(candidates, key=lambda c: c.rank)
        if figure.kind == "quantity" and not figure.unit and best.span is not None:
            noun = self._unknown_noun(index, fspan)
            if noun and best.distance >= NOUN_GUARD_WORDS:
                # `10 تیم`, `118 أسرة`, `270,444 livestock`: the figure counts something the
                # vocabulary does not know, so a cue further away does not say what it counts.
                detail = f"{REASONS[Reason.NO_CUE]}: it counts {noun!r}, which no cue names"
                return Proposal(index, figure, reason=Reason.NO_CUE, detail=detail)
        prop = self.vocab.properties[best.property]
        cue = self.vocab.cues[best.cue] if best.cue is not None else None
        anchor = best.span or fspan

        qualifiers: dict[str, Any] = {}
        for other in sorted(candidates, key=lambda c: c.rank):
            if other.property != best.property or other.cue is None or (other is not best and other.other_clause):
                continue
            peer = self.vocab.cues[other.cue]
            for key, value in peer.qualifiers:
                qualifiers.setdefault(key, value)
            if peer.qualifier_from_mention == "year" and "year" not in qualifiers:
                year = self._nearest_year(index, figure, fspan)
                if year is not None:
                    qualifiers["year"] = year

        subject, event, basis = self._subject(index, figure, fspan, anchor, best.property, cue.subject if cue else "")
        confidence = best.confidence
        if best.other_clause:
            confidence *= OTHER_CLAUSE_FACTOR
        elif best.distance > FAR_CUE_WORDS:
            confidence *= FAR_CUE_FACTOR
        if subject is None and event is None:
            confidence *= NO_SUBJECT_FACTOR
        elif basis in ("context", "title", "article"):
            confidence *= CONTEXT_SUBJECT_FACTOR
        span = norm.to_original(*best.span) if best.span else None
        missing = subject is None and event is None
        return Proposal(
            sentence=index,
            figure=figure,
            property=prop.slug,
            subject=subject,
            event=event,
            qualifiers=qualifiers,
            cue=f"{prop.slug}: {best.word}",
            cue_span=span,
            confidence=_quantize(confidence),
            subject_basis=basis,
            reason=Reason.NO_SUBJECT if missing else "",
            detail=REASONS[Reason.NO_SUBJECT] if missing else "",
        )

    def _unknown_noun(self, index: int, fspan: Span) -> str:
        """The word right after a figure when it is a noun the vocabulary does not know."""
        text = self.texts[index]
        match = _NEXT_WORD_RE.match(text, fspan[1])
        if match is None:
            return ""
        word = (match.start(1), match.end(1))
        known = any(h.start <= word[0] < h.end for h in self.cues[index]) or any(
            h.start <= word[0] < h.end for h in self.entities[index]
        )
        if known or match.group(1) in COUNT_WORDS or len(match.group(1)) < 3:
            return ""
        return match.group(1)

    def _candidates(self, index: int, figure: Figure, fspan: Span) -> tuple[list[_Candidate], str]:
        """Applicable cues for `figure`, and the reason to give when none applies.

        Ranked by: same clause first; near before far; a cue that is not weak; fewest words
        between; a cue inside the figure's span (its counted noun: `30 قتيلا`); a cue before the
        figure; confidence.
        """
        raw = self.texts[index]
        others = [norm_span(self.norms[index], f.start, f.end) for f in self.article.figures[index] if f is not figure]
        aside = next((a for a in self.asides[index] if a[0] <= fspan[0] and fspan[1] <= a[1]), None)
        outer = [a for a in self.asides[index] if a != aside]
        if aside is not None and _only_figures(raw, aside, [fspan, *others]):
            # A bracketed value (`(۲۵ جون ۲۰۱۹ / ۴ سرطان ۱۳۹۸)`) belongs to the sentence around it.
            aside = None
        # A figure outside the sentence's asides reads the sentence without them; one inside an
        # aside reads only its aside.
        text = raw if aside is not None else mask(raw, outer)
        fronted = is_fronted(text, fspan)
        # A figure alone in a clause mid-sentence (`قال مسؤول، اليوم الاثنين، إن …`) takes its cue
        # from the clause before it.
        standalone = not fronted and fills_clause(text, fspan, others)
        found: list[_Candidate] = []
        unit_refused = too_far = False
        for hit in self.cues[index]:
            record = self.vocab.cues[hit.cue]
            prop = self.vocab.properties[record.property]
            if prop.value_type != figure.kind:
                continue
            span = (hit.start, hit.end)
            if (aside is not None and not (aside[0] <= span[0] and span[1] <= aside[1])) or (
                aside is None and any(a[0] <= span[0] and span[1] <= a[1] for a in self.asides[index])
            ):
                continue  # a cue and a figure on either side of an aside's edge
            # A cue word inside or across the figure's span is its counted noun (`30 قتيلا`,
            # `سی کشور عضو`): the closest tie there is.
            inside = span[0] < fspan[1] and fspan[0] < span[1]
            if record.side == "before" and span[0] >= fspan[0]:
                continue
            if record.side == "after" and span[1] <= fspan[1]:
                continue
            other_clause = not same_clause(text, span, fspan)
            distance = word_distance(text, span, fspan)
            leans = fronted or (standalone and span[1] <= fspan[0])
            if other_clause and not leans and distance > OTHER_CLAUSE_MAX_WORDS:
                too_far = True
                continue
            far = distance > MAX_CUE_WORDS
            if distance > FAR_MAX_CUE_WORDS or (far and other_clause):
                too_far = True
                continue
            if prop.day_only and figure.date_lower is not None and figure.date_lower != figure.date_upper:
                unit_refused = True  # `said … this year`: a statement is made on a day
                continue
            if not self.vocab.unit_fits(hit.cue, figure.unit) or not self.vocab.value_fits(prop.slug, figure.value):
                unit_refused = True
                continue
            crossed = self._crosses(text, span, fspan, [o for o in others if not inside_any(o, outer)])
            rank = (
                other_clause, far, crossed, record.weak, distance, not inside, span[0] >= fspan[1],
                -record.confidence, hit.cue, span[0] - span[1],
            )  # fmt: skip
            confidence = record.confidence * (FAR_TIER_FACTOR if far else 1)
            found.append(_Candidate(rank, prop.slug, hit.cue, hit.word, span, confidence, other_clause, distance))
        if figure.kind == "quantity" and figure.unit:
            for cue_index in self.unit_cues:
                record = self.vocab.cues[cue_index]
                if self.vocab.is_unit_cue_for(cue_index, figure.unit) and self.vocab.cue_context_present(
                    cue_index, text
                ):
                    rank = (False, False, False, True, UNIT_CUE_WORDS, True, True, -record.confidence, cue_index, 0)
                    confidence = record.confidence * UNIT_CUE_FACTOR
                    found.append(_Candidate(rank, record.property, cue_index, figure.unit, None, confidence, False, 0))
        if figure.kind == "date" and EVENT_DATE_PROPERTY in self.vocab.properties:
            for event in self.events[index]:
                if event.event_type not in DATED_EVENT_TYPES:
                    continue
                span = (event.start, event.end)
                other_clause = not same_clause(text, span, fspan)
                distance = word_distance(text, span, fspan)
                if other_clause and not fronted and distance > OTHER_CLAUSE_MAX_WORDS:
                    continue
                if distance > (FAR_MAX_CUE_WORDS if fronted else EVENT_DATE_WORDS):
                    continue
                confidence = Decimal("0.8") * EVENT_DATE_FACTOR
                rank = (
                    other_clause,
                    False,
                    False,
                    False,
                    distance,
                    True,
                    span[0] >= fspan[1],
                    -confidence,
                    len(self.vocab.cues),
                    0,
                )
                found.append(
                    _Candidate(rank, EVENT_DATE_PROPERTY, None, event.word, span, confidence, other_clause, distance)
                )
        if any(not c.rank[1] for c in found):
            found = [c for c in found if not c.rank[1]]  # a far cue counts only when no near one applies
        refused = Reason.UNIT_NOT_ALLOWED if unit_refused else Reason.CUE_TOO_FAR if too_far else ""
        return found, refused

    def _crosses(self, text: str, cue: Span, fspan: Span, others: list[Span]) -> bool:
        """Whether another figure or a standalone `and` stands between a cue and the figure.

        Why: in `33 million were affected and 500,000 displaced`, or `۳۳ میلیون نفر آسیب
        دیده‌اند و ۵۰۰ هزار نفر آواره شده‌اند`, the cue between two figures is the first one's
        predicate; the second takes the cue on its own side of the conjunction, when it has one.
        """
        between = gap(cue, fspan)
        if between is None:
            return False
        if any(between[0] <= o[0] and o[1] <= between[1] for o in others):
            return True
        return self.conjunction_re is not None and self.conjunction_re.search(text, between[0], between[1]) is not None

    def _detail(self, reason: str, index: int, figure: Figure, fspan: Span) -> str:
        detail = REASONS[reason]
        if reason == Reason.UNIT_NOT_ALLOWED:
            props = sorted(
                {
                    self.vocab.cues[h.cue].property
                    for h in self.cues[index]
                    if self.vocab.properties[self.vocab.cues[h.cue].property].value_type == figure.kind
                }
            )
            return f"{detail}: {figure.unit!r} is not a unit of {', '.join(props)}"
        return detail

    # -- lists --

    def continue_lists(self, proposals: list[Proposal]) -> list[Proposal]:
        """A figure without a cue that continues a list takes the property of the figure before.

        `توزعت في حلب 31، والحسكة 3، ودير الزور 2` after `للوفيات … 36`; `بلغت 74.84 بالمئة … بينما
        بلغت 63.7 بالمائة` after a sentence about turnout. The figure before must be the nearest one
        with a property, of the same kind and unit, within `LIST_WORDS` words in the same sentence,
        or the last figure of the sentence before when both carry the same unit.
        """
        out = list(proposals)
        for i, proposal in enumerate(out):
            figure = proposal.figure
            if (
                proposal.property
                or figure.kind != "quantity"
                or proposal.reason not in (Reason.NO_CUE, Reason.CUE_TOO_FAR)
            ):
                continue
            previous = next((p for p in reversed(out[:i]) if p.sentence == proposal.sentence), None)
            if previous is not None:
                text = mask(self.texts[proposal.sentence], self.asides[proposal.sentence])
                norm = self.norms[proposal.sentence]
                near = (
                    word_distance(
                        text,
                        norm_span(norm, previous.figure.start, previous.figure.end),
                        norm_span(norm, figure.start, figure.end),
                    )
                    <= LIST_WORDS
                )
            else:
                earlier = [p for p in out[:i] if p.sentence == proposal.sentence - 1]
                previous = earlier[-1] if earlier else None
                near = previous is not None and bool(figure.unit)
            if previous is None or not near or previous.property is None or previous.figure.kind != "quantity":
                continue
            if previous.figure.unit != figure.unit or not self.vocab.property_unit_fits(previous.property, figure.unit):
                continue
            if not self.vocab.value_fits(previous.property, figure.value):
                continue
            out[i] = replace(
                previous,
                sentence=proposal.sentence,
                figure=figure,
                qualifiers={},
                cue=f"{previous.property}: (continues {previous.figure.text})"[:200],
                cue_span=None,
                confidence=_quantize(previous.confidence * LIST_FACTOR),
            )
        return out

    # -- subjects --

    def _subject(
        self, index: int, figure: Figure, fspan: Span, anchor: Span, slug: str, implied: str
    ) -> tuple[str | None, EventRef | None, str]:
        prop = self.vocab.properties[slug]
        if implied:
            named = self.entities[index] + [h for i in self._before(index) for h in self.entities[i]]
            if any(h.slug == implied for h in named + self.title_entities):
                return implied, None, "cue"
        if not prop.subject_kinds:  # a property that says nothing of its subject: the nearest entity
            hits = self.entities[index]
            if hits:
                return self._nearest(hits, self.texts[index], anchor).slug, None, "nearest"
            return None, None, ""
        for kind in prop.subject_kinds:
            if kind == "event":
                found = self._event_subject(index, figure, fspan, anchor, prop.event_types, slug)
            elif kind == "country":
                found = self._country_subject(index, anchor, prefer_main=prop.subject_kinds == ("country",))
            else:
                found = self._entity_subject(index, anchor, kind)
            if found is not None:
                return found
        return None, None, ""

    def _before(self, index: int) -> range:
        return range(index - 1, max(-1, index - 1 - CONTEXT_SENTENCES), -1)

    def _nearest(self, hits: Sequence[EntityHit], text: str, anchor: Span) -> EntityHit:
        return min(hits, key=lambda h: (word_distance(text, (h.start, h.end), anchor), h.start >= anchor[1], h.start))

    def _entity_subject(self, index: int, anchor: Span, kind: str) -> tuple[str | None, None, str] | None:
        hits = [h for h in self.entities[index] if h.kind == kind]
        if hits:
            return self._nearest(hits, self.texts[index], anchor).slug, None, "nearest"
        for before in self._before(index):
            earlier = [h for h in self.entities[before] if h.kind == kind]
            if earlier:
                return earlier[-1].slug, None, "context"
        titled = [h for h in self.title_entities if h.kind == kind]
        if titled:
            return titled[0].slug, None, "title"
        return None

    def _country_subject(
        self, index: int, anchor: Span, *, prefer_main: bool = False
    ) -> tuple[str | None, None, str] | None:
        hits = [h for h in self.entities[index] if self._country(h)]
        if hits:
            # For a figure that only a country has, of the countries a sentence names the one the
            # article is about is the likelier subject (`Afghan migrants returned from Iran` in an
            # article about Afghanistan); a donor, a party, stays the nearest.
            if prefer_main and self.main_country and any(self._country(h) == self.main_country for h in hits):
                return self.main_country, None, "nearest"
            return self._country(self._nearest(hits, self.texts[index], anchor)), None, "nearest"
        titled = [h for h in self.title_entities if self._country(h)]
        if titled:
            return self._country(titled[0]), None, "title"
        if self.main_country:
            return self.main_country, None, "article"
        return None

    def _event_subject(
        self, index: int, figure: Figure, fspan: Span, anchor: Span, types: Sequence[str], prop: str
    ) -> tuple[str | None, EventRef | None, str] | None:
        def allowed_entity(hit: EntityHit) -> bool:
            return hit.kind == "event" and (not types or self.vocab.entity(hit.slug).event_type in ("", *types))

        def allowed(event: _EventHit) -> bool:
            return not types or event.event_type in types

        text = self.texts[index]
        named = [h for h in self.entities[index] if allowed_entity(h)]
        if named:
            return self._nearest(named, text, anchor).slug, None, "nearest"
        words = [e for e in self.events[index] if allowed(e)]
        if words:
            event = min(words, key=lambda e: (word_distance(text, (e.start, e.end), anchor), e.start >= anchor[1]))
            # `the attack` after a sentence naming the Palma attack is that attack.
            for before in self._before(index):
                earlier = [
                    h
                    for h in self.entities[before]
                    if allowed_entity(h) and self.vocab.entity(h.slug).event_type in ("", event.event_type)
                ]
                if earlier:
                    return earlier[-1].slug, None, "context"
            return None, self._event_ref(event, figure if prop == EVENT_DATE_PROPERTY else None), "event"
        earlier_named = [h for i in self._before(index) for h in reversed(self.entities[i]) if allowed_entity(h)]
        if earlier_named:
            return earlier_named[0].slug, None, "context"
        # The headline names the article's event more surely than a word in a sentence before.
        titled_entities = [h for h in self.title_entities if allowed_entity(h)]
        if titled_entities:
            return titled_entities[0].slug, None, "title"
        titled = [e for e in self.title_events if allowed(e)]
        if titled:
            return None, self._event_ref(titled[0], None), "title"
        # An event word of the sentences before counts if it names the article's main kind of
        # event (the earthquake, not the war an aside recalls); else the article's main event.
        main = next((t for t in self.event_types if not types or t in types), None)
        for before in self._before(index):
            words = [e for e in self.events[before] if allowed(e) and e.event_type == main]
            if words:
                return None, self._event_ref(words[-1], None), "context"
        lead = next((e for events in self.events for e in events if e.event_type == main), None)
        if lead is not None:
            return None, self._event_ref(lead, None), "article"
        return None

    def _event_ref(self, event: _EventHit, dated_by: Figure | None) -> EventRef:
        """The event an event word names: its type, the country named nearest to it, its days."""
        if event.sentence >= 0:
            text, hits = self.texts[event.sentence], self.entities[event.sentence]
        else:
            text, hits = self.title_text, self.title_entities
        places = [h for h in hits if self._country(h)]
        span = (event.start, event.end)
        place = locality = ""
        if places:
            nearest = self._nearest(places, text, span)
            place = self._country(nearest) or ""
            locality = nearest.slug if nearest.slug != place else ""
        else:
            titled = [h for h in self.title_entities if self._country(h)]
            country = self._country(titled[0]) if titled else self.main_country
            place = country or ""
        lower = upper = None
        basis = ""
        if dated_by is not None and dated_by.date_lower is not None and dated_by.date_upper is not None:
            lower, upper, basis = dated_by.date_lower, dated_by.date_upper, "stated"
        elif event.sentence >= 0:
            dated = self._date_near(event.sentence, span)
            if dated is not None:
                lower, upper, basis = dated.date_lower, dated.date_upper, "stated"
        if basis == "" and self.article.published_on is not None:
            window = EVENT_WINDOW_DAYS.get(event.event_type, DEFAULT_EVENT_WINDOW_DAYS)
            upper = self.article.published_on
            lower = upper - dt.timedelta(days=window)
            basis = "article"
        return EventRef(event.event_type, place, lower, upper, basis, locality, event.word)

    def _date_near(self, index: int, span: Span) -> Figure | None:
        norm = self.norms[index]
        best: tuple[int, Figure] | None = None
        for other in self.article.figures[index]:
            if other.kind != "date" or other.date_lower is None or other.date_upper is None:
                continue  # an open-ended date (`since 2019`) does not date an event
            ospan = norm_span(norm, other.start, other.end)
            if not same_clause(norm.text, ospan, span):
                continue
            distance = word_distance(norm.text, ospan, span)
            if distance <= EVENT_DATE_WORDS and (best is None or distance < best[0]):
                best = (distance, other)
        return None if best is None else best[1]

    def _nearest_year(self, index: int, figure: Figure, fspan: Span) -> int | None:
        """The year of the date figure nearest to `figure` (`للعام 2021`), if it names one year."""
        norm = self.norms[index]
        best: tuple[int, int] | None = None
        for other in self.article.figures[index]:
            if other is figure or other.kind != "date" or other.date_lower is None or other.date_upper is None:
                continue
            if other.date_lower.year != other.date_upper.year:
                continue
            distance = word_distance(norm.text, norm_span(norm, other.start, other.end), fspan)
            if best is None or distance < best[0]:
                best = (distance, other.date_lower.year)
        return None if best is None else best[1]


def _only_figures(text: str, aside: Span, figures: Sequence[Span]) -> bool:
    """Whether an aside holds nothing but figures (and at most two words besides)."""
    words = [m.span() for m in WORD_RE.finditer(text, aside[0], aside[1])]
    free = [w for w in words if not any(f[0] <= w[0] and w[1] <= f[1] for f in figures)]
    return len(free) <= 2


def _quantize(value: Decimal) -> Decimal:
    return min(Decimal(1), max(Decimal(0), value)).quantize(_CENT, rounding=ROUND_HALF_UP)
