"""Which lines of a saved web page are page chrome rather than the article.

Scraped articles arrive with the page around them: menus, ad slots, mastheads, share
buttons, comment forms, related-headline lists, image-format captions and template
variables. Chrome stays in `Document.text` (offsets and the raw page must not move) but it
must never become a `Sentence`, or the extractor would propose claims from a related
headline or a page-save date.

Two kinds of rule decide, in this order:

1. `RULES`, a data table of folded whole-line patterns, each with a kind and a reason. A
   rule may also *label the next line* (a masthead role is followed by a name, an ad slot by
   the advertiser, "follow us on" by the network) or *end the article* (after "related
   headlines" or "no comments" nothing is body text any more).
2. Structural rules that need no vocabulary: blank and punctuation-only lines, bare URLs,
   short date-only lines (a `page_header` before the headline, a `dateline` after it), and
   the preamble (short unpunctuated lines before the first headline-like line are
   navigation or the site name).

Rules match whole lines only, so a body sentence that merely mentions "comments" or
"advertisement" is never removed. Pure standard library.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from corpus.domain.text import fold

# Line terminators, shared with the segmenter so that both agree on what a line is.
LINE_BREAK_RE = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")

# Invisible code points that may pad a line without making it content.
_EDGE_CONTROLS = (
    "\u200b\u200c\u200d\u200e\u200f\u061c\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

# A headline has at least this many words; shorter unpunctuated lines before it are preamble.
HEADLINE_MIN_WORDS = 4
# A line that labels the next one (a masthead role, an ad slot) labels at most this many words.
LABELLED_MAX_WORDS = 4
# Datelines are short; a longer line that mentions a date is body text.
DATELINE_MAX_WORDS = 12

_TERMINAL_RE = re.compile(r"[.!?؟…]['\"”’»)\]]*$")
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s]+", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")


class ChromeKind(StrEnum):
    """Why a line is chrome; the value is what `Line.chrome` holds."""

    BLANK = "blank"
    SEPARATOR = "separator"
    NAVIGATION = "navigation"
    SITE_NAME = "site_name"
    PAGE_HEADER = "page_header"
    DATELINE = "dateline"
    MASTHEAD = "masthead"
    ADVERT = "advert"
    RELATED = "related"
    COMMENTS = "comments"
    FORM = "form"
    SHARE = "share"
    CAPTION = "caption"
    WIDGET = "widget"
    LINK = "link"
    BOILERPLATE = "boilerplate"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a document: `text == document[start:end]`, terminator excluded.

    `chrome` is None for article content, otherwise a `ChromeKind` value.
    """

    start: int
    end: int
    text: str
    chrome: str | None

    @property
    def is_content(self) -> bool:
        return self.chrome is None


@dataclass(frozen=True, slots=True)
class ChromeRule:
    """A whole-line pattern (matched against the folded, space-collapsed line)."""

    pattern: re.Pattern[str]
    kind: ChromeKind
    reason: str
    labels_next: bool = False
    ends_article: bool = False


def _rule(
    pattern: str, kind: ChromeKind, reason: str, *, labels_next: bool = False, ends_article: bool = False
) -> ChromeRule:
    """Fold the pattern like the lines it is matched against, so it can be written in natural spelling.

    Folding lowercases ASCII capitals, which would turn `\\S` into `\\s`: uppercase escapes
    are refused rather than silently inverted.
    """
    if re.search(r"\\[A-Z]", pattern):
        raise ValueError(f"chrome pattern {pattern!r} uses an uppercase escape, which folding would change")
    return ChromeRule(re.compile(fold(pattern)), kind, reason, labels_next, ends_article)


_K = ChromeKind
_TAIL = r"(?: [^.!?؟]{1,40})?"  # an optional short unpunctuated continuation ("... of site X")

RULES: tuple[ChromeRule, ...] = (
    # Navigation
    _rule(r"جاري (?:ال)?تحميل.*|loading\.*", _K.NAVIGATION, "page-loading banner"),
    _rule(r"(?:ال)?رئيسية|أخبار|الأخبار|home|news|menu|القائمة", _K.NAVIGATION, "menu item"),
    _rule(r"عاجل|breaking(?: news)?|أخبار عاجلة", _K.NAVIGATION, "breaking-news ticker label"),
    _rule(r"(?:إتصل|اتصل) بنا|contact us|من نحن|about us|سياسة الخصوصية|privacy policy", _K.NAVIGATION, "footer link"),
    _rule(
        r"قسمت بالایی صفحه|بازگشت به بالا|back to top|(?:العودة )?(?:إلى |الى )?(?:ال|لل)?(?:أعلى|أعلي)(?: الصفحة)?",
        _K.NAVIGATION,
        "back-to-top link",
    ),
    # Masthead: a role label followed on the next line by a name.
    _rule(
        r"رئيس مجلس الإدارة|(?:رئيس|مدير|نائب رئيس|سكرتير) التحرير|المدير العام|editor[- ]in[- ]chief"
        r"|(?:managing )?editor|publisher|chairman",
        _K.MASTHEAD,
        "masthead role",
        labels_next=True,
    ),
    # Adverts: slot labels ("إعلان في أعلى التدوينة"), often followed by the advertiser's name.
    _rule(
        r"إعلان(?: (?:الرئيسية|جانبي|[a-z0-9]+(?: [a-z0-9]+)?"
        r"|(?:في )?(?:أعلى|أعلي|أسفل|وسط|منتصف|نهاية|بداية) (?:التدوينة|المقال|الصفحة|الموضوع)))?"
        r"|advertisement|sponsored|ads?",
        _K.ADVERT,
        "ad slot",
        labels_next=True,
    ),
    # Related headlines: after the marker the rest of the page is lists of other articles.
    _rule(
        r"(?:عناوين|أخبار|مواضيع|مقالات|قصص) ذات صلة|related(?: articles| news| stories| posts)?",
        _K.RELATED,
        "related-headlines marker",
        ends_article=True,
    ),
    _rule(r"المزيد(?: من" + _TAIL + r")?|more(?: from" + _TAIL + r")?|read more", _K.RELATED, "more-links label"),
    _rule(
        r"الأكثر (?:تفضيلا|قراءة|مشاهدة|شعبية|تداولا)" + _TAIL + r"|most (?:read|popular|viewed)",
        _K.RELATED,
        "most-read widget",
    ),
    _rule(r"(?:اقرأ|إقرأ|شاهد) (?:أيضا|أيضاً|المزيد)|قد يهمك|you may also like", _K.RELATED, "read-also label"),
    # Comments
    _rule(
        r"(?:ليست هناك|لا توجد) تعليقات|no comments(?: yet)?",
        _K.COMMENTS,
        "empty comment thread",
        ends_article=True,
    ),
    _rule(r"(?:ال)?تعليقات|comments?|[0-9]+ (?:تعليق|تعليقات|comments?)", _K.COMMENTS, "comments header"),
    _rule(
        r"(?:إرسال|أضف|اترك|اكتب) (?:تعليق|تعليقا|تعليقاً)|(?:leave|post|add) a (?:comment|reply)",
        _K.COMMENTS,
        "comment form",
    ),
    # Forms: the contact form's heading and its field labels.
    _rule(r"نموذج (?:ال)?اتصال|contact form", _K.FORM, "contact form heading"),
    _rule(
        r"(?:ال)?اسم|(?:ال)?بريد (?:ال)?إلكتروني|(?:ال)?رسالة|(?:ال)?موقع (?:ال)?إلكتروني|name|e-?mail|message|website",
        _K.FORM,
        "form field label",
    ),
    # Share and follow buttons
    _rule(
        r"تابعنا(?: على| عبر)?" + _TAIL + r"|تابعونا" + _TAIL + r"|follow us(?: on" + _TAIL + r")?"
        r"|شارك(?:ها)?|مشاركة|share(?: this| on" + _TAIL + r")?",
        _K.SHARE,
        "follow/share buttons",
    ),
    _rule(r"تابع [^.!?؟]{1,40} (?:على|عبر)", _K.SHARE, "follow-us label", labels_next=True),
    _rule(
        r"(?:جوجل|google) (?:نيوز|news)|فيسبوك|facebook|تويتر|twitter|واتساب|whatsapp|تلغرام|تليجرام|telegram"
        r"|يوتيوب|youtube|انستغرام|instagram|rss",
        _K.SHARE,
        "social network button",
    ),
    # Media left behind by the scraper: the image's format or a bare "photo" label.
    _rule(r"(?:jpe?g|png|gif|webp|svg|صورة|photo|image|video|فيديو)(?: [0-9]+)?", _K.CAPTION, "image placeholder"),
    # Template variables and widget ids leaked into the text (`WTV_Frequency`).
    _rule(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+|\{\{.*\}\}|%[a-z_]+%", _K.WIDGET, "widget identifier"),
    # Link labels followed by the URL on the next line.
    _rule(
        r"(?:جهت )?دریافت معلومات (?:مزید|بیشتر)|(?:لمزيد|للمزيد) من المعلومات|(?:for )?more (?:information|details)"
        r"|رابط (?:المقال|الخبر)|المصدر|source",
        _K.LINK,
        "link label",
        labels_next=True,
    ),
    # Site boilerplate
    _rule(r"إذا كنت تعتقد.*|if you (?:think|believe) .*", _K.BOILERPLATE, "correction/complaint invitation"),
    _rule(
        r"(?:جميع|كل) الحقوق محفوظة.*|all rights reserved.*|copyright.*|©.*|حقوق النشر.*", _K.BOILERPLATE, "copyright"
    ),
)


def _folded_words(*groups: str) -> frozenset[str]:
    """Word lists are written as space-separated groups in natural spelling, matched folded."""
    return frozenset(fold(word) for group in groups for word in group.split())


# Vocabulary of date-only lines (folded). Ambiguous words ("الثاني", "جمعه") only count
# inside a line that is short and carries a year, see `_is_date_line`.
_DATE_WORDS = _folded_words(
    # weekdays: Arabic, Persian, English
    "السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة",
    "شنبه یکشنبه دوشنبه سه‌شنبه چهارشنبه پنجشنبه پنج‌شنبه جمعه",
    "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun",
    # months: Egyptian/Gulf, Levantine, Dari transliterations, Afghan and Iranian solar, English
    "يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر",
    "كانون الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين الأول",
    "جنوری فبروری مارچ اپریل می جون جولای اگست سپتمبر اکتوبر نومبر دسمبر",
    "حمل ثور جوزا سرطان اسد سنبله میزان عقرب قوس جدی دلو حوت",
    "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند",
    "january february march april may june july august september october november december",
    "jan feb mar apr jun jul aug sep sept oct nov dec",
    # times of day and publication labels
    "صباحا صباحاً مساء مساءً ص م am pm gmt utc",
    "تاريخ تاریخ النشر نشر بتاريخ آخر تحديث published updated posted",
)
_YEAR_RE = re.compile(r"^(?:1[3-4][0-9]{2}|19[0-9]{2}|20[0-9]{2})$")
_NUMERIC_DATE_RE = re.compile(r"^[0-9]{1,4}(?:[/.-][0-9]{1,4}){2}$")
_NUMBER_OR_TIME_RE = re.compile(r"^[0-9]{1,4}(?:[:/.-][0-9]{1,4})*$")
_TOKEN_PUNCT = "()[]{},.:;،؛-–—/|\"'«»“”"


def iter_line_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield `[start, end)` of every line, terminators excluded (a final empty line included)."""
    start = 0
    for match in LINE_BREAK_RE.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def classify_lines(text: str) -> list[Line]:
    """Split `text` into lines and mark each one as content (None) or a `ChromeKind`."""
    spans = list(iter_line_spans(text))
    raw = [text[s:e] for s, e in spans]
    keys = [_key(line) for line in raw]
    kinds: list[ChromeKind | None] = [None] * len(raw)
    rules: list[ChromeRule | None] = [None] * len(raw)
    dates: list[bool] = [False] * len(raw)

    for i, key in enumerate(keys):
        kinds[i], rules[i] = _classify_alone(key)
        dates[i] = kinds[i] is None and _is_date_line(key)

    # A label's value sits on the very next line (no blank line between them).
    for i in range(len(raw) - 1):
        rule = rules[i]
        if rule is not None and rule.labels_next and kinds[i + 1] is None:
            nxt = keys[i + 1]
            if _URL_RE.fullmatch(nxt) or (_word_count(nxt) <= LABELLED_MAX_WORDS and not _TERMINAL_RE.search(nxt)):
                kinds[i + 1] = rule.kind

    headline = _headline_candidate(keys, kinds, dates)

    if headline is not None:
        # Preamble: menus, breadcrumbs and the site's name above the headline.
        first_non_blank = next((i for i, k in enumerate(kinds) if k is not ChromeKind.BLANK), None)
        for i in range(headline):
            if kinds[i] is None and not dates[i] and not _TERMINAL_RE.search(keys[i]):
                kinds[i] = ChromeKind.SITE_NAME if i == first_non_blank else ChromeKind.NAVIGATION
        # After an end-of-article marker every remaining line inherits its kind.
        tail_kind: ChromeKind | None = None
        for i in range(headline + 1, len(raw)):
            rule = rules[i]
            if tail_kind is None and rule is not None and rule.ends_article:
                tail_kind = rule.kind
            elif tail_kind is not None and kinds[i] is None:
                kinds[i] = tail_kind

    for i, is_date in enumerate(dates):
        if is_date and kinds[i] is None:
            # The page's own date sits above the headline (saved-on); the article's below it.
            above = headline is not None and i < headline
            kinds[i] = ChromeKind.PAGE_HEADER if above else ChromeKind.DATELINE

    return [
        Line(start=s, end=e, text=line, chrome=None if kind is None else kind.value)
        for (s, e), line, kind in zip(spans, raw, kinds, strict=True)
    ]


def find_headline(lines: Sequence[Line]) -> Line | None:
    """The article's headline: the first content line (the preamble is already chrome)."""
    return next((line for line in lines if line.chrome is None), None)


def chrome_rule_for(line: str) -> ChromeRule | None:
    """The table rule a line matches on its own, if any: lets curators see why a line was dropped."""
    return _classify_alone(_key(line))[1]


def _key(line: str) -> str:
    """The form rules see: folded, spaces collapsed, edges and trailing `:`/`*` (field markers) trimmed."""
    key = _SPACE_RE.sub(" ", fold(line).strip(" \t" + _EDGE_CONTROLS)).strip()
    return key.rstrip(" :*").strip()


def _classify_alone(key: str) -> tuple[ChromeKind | None, ChromeRule | None]:
    """Rules that look at one line only."""
    if not key:
        return ChromeKind.BLANK, None
    if not any(ch.isalnum() for ch in key):
        return ChromeKind.SEPARATOR, None
    if _URL_RE.fullmatch(key):
        return ChromeKind.LINK, None
    for rule in RULES:
        if rule.pattern.fullmatch(key):
            return rule.kind, rule
    return None, None


def _word_count(key: str) -> int:
    return sum(1 for token in key.split() if any(ch.isalnum() for ch in token))


def _headline_candidate(keys: list[str], kinds: list[ChromeKind | None], dates: list[bool]) -> int | None:
    """Index of the first unclassified line long enough to be a headline."""
    for i, key in enumerate(keys):
        if kinds[i] is None and not dates[i] and _word_count(key) >= HEADLINE_MIN_WORDS:
            return i
    return None


def _is_date_line(key: str) -> bool:
    """A short unpunctuated line made mostly of date words: "القاهرة - الأربعاء 26 يونيو 2019, 05:49 مساء".

    It must carry a year or a full numeric date, and date tokens must outnumber the other
    words, so a headline such as "Kabul attack on 26 August 2021" stays content.
    """
    if _TERMINAL_RE.search(key) or key.endswith("."):
        return False
    tokens = [t.strip(_TOKEN_PUNCT) for t in key.split()]
    tokens = [t for t in tokens if t]
    if not tokens or len(tokens) > DATELINE_MAX_WORDS:
        return False
    has_year = any(_YEAR_RE.match(t) or _NUMERIC_DATE_RE.match(t) for t in tokens)
    if not has_year:
        return False
    dated = sum(1 for t in tokens if t in _DATE_WORDS or _NUMBER_OR_TIME_RE.match(t))
    named_or_numeric = any(t in _DATE_WORDS or _NUMERIC_DATE_RE.match(t) for t in tokens)
    return named_or_numeric and dated > len(tokens) - dated
