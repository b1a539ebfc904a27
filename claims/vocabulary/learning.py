"""Learning from curation: a curator's correction offers new cue and alias candidates.

When a curator sets or corrects the property or the subject of a claim, the words that tied the
figure to them are written as `proposed` rows, never used until a curator confirms them (in the
admin or through the API):

- a property: the content word nearest to the figure in its clause (`holds 74 billion cubic
  metres` -> `holds`) becomes a cue candidate for that property, in the article's language, unless
  a cue of the property already matches it;
- a subject: the words of the sentence that name it (a run of up to four words sharing a word
  with the subject's name or aliases: `the Renaissance Dam` for `Grand Ethiopian Renaissance
  Dam`) become an alias candidate, unless the matcher already finds the subject there.
"""

from __future__ import annotations

import re
from typing import Any

from claims.domain.phrases import WORD_RE, compile_phrase, normalize_alias, same_clause, word_distance
from claims.models import Claim, Cue, Entity, EntityAlias, VocabularyOrigin, VocabularyStatus
from claims.revisions import User, revision_record
from claims.vocabulary.packs import version_bump
from corpus.domain.text import normalize

# Words too common to tie a figure to anything: a candidate is never one of these.
FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "than",
        "that",
        "this",
        "these",
        "those",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "about",
        "some",
        "over",
        "under",
        "more",
        "less",
        "least",
        "most",
        "into",
        "per",
        "its",
        "their",
        "his",
        "her",
        "it",
        "as",
        "which",
        "who",
        "في",
        "من",
        "إلى",
        "على",
        "عن",
        "مع",
        "أن",
        "إن",
        "قد",
        "كان",
        "كانت",
        "التي",
        "الذي",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
        "بين",
        "حتى",
        "نحو",
        "أكثر",
        "أقل",
        "بعد",
        "قبل",
        "منذ",
        "خلال",
        "در",
        "از",
        "به",
        "با",
        "که",
        "را",
        "این",
        "آن",
        "برای",
        "تا",
        "بر",
        "هم",
        "یک",
        "است",
        "بود",
        "شد",
        "می",
        "نیز",
        "بیش",
        "کم",
        "پس",
        "پیش",
        "طی",
    ]
)
NAME_WORDS = 4


def candidates_offer(*, claim: Claim, changed: set[str], user: User, via: str) -> list[Any]:
    """Cue and alias candidates from a curator's change of `claim`'s property or subject."""
    evidence = claim.evidence.select_related("sentence", "document").first()
    if evidence is None:
        return []
    sentence = evidence.sentence
    language = evidence.document.language
    start, end = evidence.start - sentence.start, evidence.end - sentence.start
    made: list[Any] = []
    if "property" in changed and claim.property_id is not None:
        word = _tie_word(sentence.text, start, end)
        if word and not _cue_covers(claim.property_id, language, word):
            made.append(_cue_candidate(claim, word, language, user, via))
    if "subject" in changed and claim.subject_id is not None:
        name = _subject_words(sentence.text, claim.subject)
        if name:
            made.append(_alias_candidate(claim.subject, name, language, user, via))
    if made:
        version_bump()
    return made


def _tie_word(sentence: str, start: int, end: int) -> str:
    """The content word nearest to `[start, end)` in its clause, before it first."""
    norm = normalize(sentence)
    words = [(m.start(), m.end()) for m in WORD_RE.finditer(sentence) if not m.group().isdigit()]
    best: tuple[tuple[int, bool], str] | None = None
    for w_start, w_end in words:
        if start <= w_start < end:
            continue  # the figure's own words
        word = sentence[w_start:w_end]
        if normalize_alias(word) in FUNCTION_WORDS or len(norm.text[w_start:w_end]) < 3:
            continue
        if not same_clause(norm.text, (w_start, w_end), (start, end)):
            continue
        rank = (word_distance(norm.text, (w_start, w_end), (start, end)), w_start > start)
        if best is None or rank < best[0]:
            best = (rank, word)
    return best[1] if best else ""


def _cue_covers(property_id: int, language: str, word: str) -> bool:
    text = normalize(word).text
    for cue in Cue.objects.filter(property_id=property_id).exclude(
        language__in=[x for x in ("ar", "fa", "en") if x != language]
    ):
        for phrase in cue.words:
            if compile_phrase(phrase, article=True, gaps=False, language=cue.language).search(text):
                return True
    return False


def _cue_candidate(claim: Claim, word: str, language: str, user: User, via: str) -> Cue:
    cue, created = Cue.objects.get_or_create(
        property_id=claim.property_id,
        language=language,
        words=[word],
        status=VocabularyStatus.PROPOSED,
        defaults={
            "origin": VocabularyOrigin.LEARNED,
            "confidence": "0.70",
            "note": f"learnt from claim {claim.pk}: a curator set its property",
        },
    )
    if created:
        revision_record(
            obj=cue,
            action="create",
            changes={"words": (None, [word]), "status": (None, "proposed")},
            user=user,
            via=via,
        )
    return cue


def _subject_words(sentence: str, subject: Entity) -> str:
    """The run of words of `sentence` that names `subject`, if it shares words with its names."""
    names = [subject.name, *subject.aliases.values_list("name", flat=True)]
    known = {w for n in names for w in normalize_alias(n).split() if len(w) >= 3 and w not in FUNCTION_WORDS}
    tokens = [(m.start(), m.end(), normalize_alias(m.group())) for m in re.finditer(r"[^\W\d_][\w'’-]*", sentence)]
    best = ""
    for i in range(len(tokens)):
        for j in range(i, min(i + NAME_WORDS, len(tokens))):
            run = tokens[i : j + 1]
            if run[0][2] in FUNCTION_WORDS or run[-1][2] in FUNCTION_WORDS:
                continue
            if all(t[2] in known for t in run) and run[-1][1] - run[0][0] > len(best):
                best = sentence[run[0][0] : run[-1][1]]
    if not best or normalize_alias(best) in {normalize_alias(n) for n in names}:
        return ""
    return best


def _alias_candidate(subject: Entity, name: str, language: str, user: User, via: str) -> EntityAlias:
    alias, created = EntityAlias.objects.get_or_create(
        entity=subject,
        normalized=normalize_alias(name),
        language=language,
        defaults={"name": name, "status": VocabularyStatus.PROPOSED, "origin": VocabularyOrigin.LEARNED},
    )
    if created:
        revision_record(
            obj=subject,
            action="update",
            changes={"aliases": (None, [f"{name} ({language}, proposed)"])},
            user=user,
            via=via,
        )
    return alias
