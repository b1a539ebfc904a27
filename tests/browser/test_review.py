"""A curator reviews two freshly ingested articles, Arabic then Dari, by keyboard only.

The articles are the test articles of `tests/review_articles.py`; what each figure states is
written down here (`TRUTH`) the way a curator reads it, independently of what the proposer
suggests. The test walks the review page with keys only, decides every item from what the page
shows against that truth (accept a right proposal, fix and accept a wrong one, reject a figure
that states nothing worth keeping), then reads the claims back through the API. It counts every
key pressed and records the cost per accepted claim in `review-keystrokes.json` beside the
screenshots (docs/curation-cost.md reports a run).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from claims.admin_display import property_label
from claims.domain.packs import read_pack
from claims.models import Entity, Property
from claims.proposals import document_propose
from claims.services import claims_link_mentions
from claims.vocabulary.packs import pack_load
from tests.browser.conftest import log_in
from tests.review_articles import ingest_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "review-test-pass-73"


@dataclass(frozen=True)
class Truth:
    """What a figure states: its property, and its subject (typed to find or to create)."""

    property: str
    property_query: str
    subject: str
    subject_query: str
    new_kind: str | None = None  # the subject is not in the vocabulary yet: create it as this kind


# The proposer names each flood as an event of its country on the day the article reports.
FLOOD_AR = "Flood, Syria, 2022-05-11"
FLOOD_FA = "Flood, Afghanistan, 2022-04-08"
TRUTH: dict[str, Truth | None] = {
    # Arabic
    "أمس الأربعاء": None,  # the day of the announcement: no property to keep it under
    "41 شخصاً على الأقل": Truth("killed", "قتلى", FLOOD_AR, "Flood"),
    "نحو 3 آلاف عائلة": Truth("displaced", "نازحين", FLOOD_AR, "Flood"),
    "ثلاثة أيام": None,
    "12 مليون دولار": Truth("aid_amount", "مساعدات", "United Arab Emirates", "الامارات"),
    "اليوم": None,
    "86 دولة": Truth("member_count", "اعضاء", "Global Coalition to Defeat ISIS", "التحالف الدولي"),
    # Dari
    "روز گذشته": None,  # the day of the report, like the Arabic أمس
    "دستکم ۲۵": Truth("killed", "کشته", FLOOD_FA, "Flood"),
    "بیش از ۱۲۰۰ خانواده": Truth("displaced", "آوارگان", FLOOD_FA, "Flood"),
    "۷ میلیون دالر": Truth("aid_amount", "کمک", "United Arab Emirates", "امارات"),
    "۸۶ عضو": Truth("member_count", "اعضا", "Global Coalition to Defeat ISIS", "ائتلاف بین"),
}


class Keyboard:
    """Presses keys on the page and counts them, per review item (by its key and quote)."""

    def __init__(self, page) -> None:
        self.page = page
        self.total = 0
        self.by_item: dict[str, int] = {}
        self.quotes: dict[str, str] = {}
        self.item = "navigation"

    def _count(self, n: int) -> None:
        self.total += n
        self.by_item[self.item] = self.by_item.get(self.item, 0) + n

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self._count(1)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self._count(len(text))


def settle(page) -> None:
    """Wait until the review page's requests and searches are answered."""
    page.wait_for_function(
        "() => { const r = document.getElementById('review'); return r && r.dataset.pending === '0'; }"
    )


def panel(page) -> dict:
    return page.evaluate(
        """() => ({
            key: location.hash.slice(1),
            quote: document.getElementById('p-quote').textContent,
            state: document.getElementById('p-state').textContent,
            subject: document.getElementById('subject-input').value,
            property: document.getElementById('property-input').value,
            counter: document.getElementById('counter').textContent,
            focused: document.activeElement ? document.activeElement.id : '',
        })"""
    )


def pick(page, keys: Keyboard, query: str, label: str) -> None:
    """In the focused picker: type `query`, arrow down to the choice reading `label`, Enter."""
    keys.type(query)
    settle(page)
    choices = page.evaluate(
        "() => [...document.activeElement.closest('.picker').querySelectorAll('li > span:first-child')]"
        ".map((e) => e.textContent)"
    )
    assert label in choices, f"{label!r} not offered for {query!r}: {choices}"
    for _ in range(choices.index(label)):
        keys.press("ArrowDown")
    keys.press("Enter")
    settle(page)


def done(counter: str) -> bool:
    reviewed, _of, total, _word = counter.split()
    return reviewed == total


def review_document(page, keys: Keyboard, right_first: dict[str, bool]) -> None:
    """Review every item of the open document from what the panel shows, keys only."""
    for _ in range(60):
        settle(page)
        shown = panel(page)
        if done(shown["counter"]):
            return
        keys.item = shown["key"]
        keys.quotes[shown["key"]] = shown["quote"]
        truth = TRUTH[shown["quote"]]
        if shown["state"] in ("accepted", "rejected") or (shown["state"] == "no claim" and truth is None):
            keys.item = "navigation"
            keys.press("j")
            continue
        if truth is None:
            keys.press("r")
            continue
        want_property = property_label(Property.objects.get(slug=truth.property))
        right_first.setdefault(shown["key"], shown["property"] == want_property and shown["subject"] == truth.subject)
        if shown["state"] == "no claim" or (shown["property"] and shown["property"] != want_property):
            keys.press("p")
            pick(page, keys, truth.property_query, want_property)
            continue
        if shown["subject"] and shown["subject"] != truth.subject:
            keys.press("s")
            pick(page, keys, truth.subject_query, truth.subject)
        keys.press("a")  # opens the picker of a missing subject, then of a missing property
        settle(page)
        for _step in range(2):
            focused = panel(page)["focused"]
            if focused == "subject-input":
                label = f"+ new {truth.new_kind} “{truth.subject_query}”" if truth.new_kind else truth.subject
                pick(page, keys, truth.subject_query, label)
            elif focused == "property-input":
                pick(page, keys, truth.property_query, want_property)
    raise AssertionError(f"the review did not finish: {panel(page)}")


def test_a_curator_reviews_an_arabic_and_a_dari_article_by_keyboard_only(
    live_server, open_page, browser_output, vocabulary
) -> None:
    from claims.accounts import groups_ensure

    pack_load(pack=read_pack("seed"), via="test")  # the coalition, as the demo has it
    documents = {}
    for language in ("ar", "fa"):
        document = ingest_article(language)
        document_propose(document=document)
        claims_link_mentions(document_ids=[document.pk])
        documents[language] = document
    curator_group, _ = groups_ensure()
    user = User.objects.create_user("reviewer", password=PASSWORD, is_staff=True)
    user.groups.add(curator_group)
    watched = open_page(1440, 900)
    page = watched.page
    log_in(page, live_server.url, "reviewer", PASSWORD, "/admin/corpus/document/review-queue/")
    page.screenshot(path=browser_output / "review-queue.png", full_page=True)
    keys = Keyboard(page)
    right_first: dict[str, bool] = {}

    keys.press("n")  # the queue opens its first document: the Arabic article (newest)
    page.wait_for_url(f"**/admin/corpus/document/{documents['ar'].pk}/review/**")
    settle(page)
    article = page.locator("#article")
    assert article.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert article.get_attribute("lang") == "ar"
    assert page.locator("#panel").evaluate("el => getComputedStyle(el).direction") == "ltr"
    # The text starts at the right edge: its box's right side is the text's start.
    assert article.evaluate("el => getComputedStyle(el).textAlign") in ("start", "right")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1440
    page.screenshot(path=browser_output / "review-arabic-start.png")
    review_document(page, keys, right_first)
    page.screenshot(path=browser_output / "review-arabic-done.png")

    keys.item = "navigation"
    keys.press("n")
    page.wait_for_url(f"**/admin/corpus/document/{documents['fa'].pk}/review/**")
    settle(page)
    assert page.locator("#article").evaluate("el => getComputedStyle(el).direction") == "rtl"
    page.screenshot(path=browser_output / "review-dari-start.png")
    review_document(page, keys, right_first)
    page.screenshot(path=browser_output / "review-dari-done.png")
    keys.item = "navigation"
    keys.press("n")
    page.wait_for_url("**/admin/corpus/document/review-queue/")
    assert "Nothing left to review" in page.content()
    assert watched.problems() == []

    accepted = 0
    for language, document in documents.items():
        response = page.request.get(f"{live_server.url}/api/v1/claims/?document={document.pk}&page_size=100")
        assert response.ok
        for claim in response.json()["results"]:
            truth = TRUTH[claim["evidence"][0]["quote"]]
            if truth is None:
                assert claim["status"] == "rejected", claim
                continue
            accepted += 1
            assert (claim["status"], claim["property"], claim["subject_name"]) == (
                "accepted",
                truth.property,
                truth.subject,
            ), (language, claim)
    assert accepted == sum(t is not None for t in TRUTH.values())
    assert Entity.objects.get(name=FLOOD_FA).kind == "event"

    right = [key for key, ok in right_first.items() if ok]
    costs = {key: keys.by_item.get(key, 0) for key in right}
    assert right, "no proposal was right: the measure below would be empty"
    assert all(cost <= 2 for cost in costs.values()), costs
    (browser_output / "review-keystrokes.json").write_text(
        json.dumps(
            {
                "keys_total": keys.total,
                "accepted": accepted,
                "keys_per_accepted_claim": round(keys.total / accepted, 2),
                "right_proposals": len(right),
                "keys_per_right_proposal": round(sum(costs.values()) / len(right), 2),
                "keys_for_navigation": keys.by_item.get("navigation", 0),
                "items": [
                    {
                        "quote": keys.quotes[key],
                        "decision": "rejected"
                        if TRUTH[keys.quotes[key]] is None
                        else ("accepted as proposed" if right_first.get(key) else "fixed, then accepted"),
                        "keys": count,
                    }
                    for key, count in keys.by_item.items()
                    if key != "navigation"
                ],
            },
            indent=2,
            ensure_ascii=False,
        )
    )


def test_no_list_scrolls_sideways_at_1440_px_nor_the_claims_list_on_a_phone(
    live_server, open_page, browser_output, vocabulary
) -> None:
    from django.core.management import call_command

    from claims.accounts import groups_ensure

    # The seeds' curated claims (long names, real facts); the fixture brings its own properties.
    call_command("load_curated", verbosity=0)
    document = ingest_article("ar")
    document_propose(document=document)
    claims_link_mentions(document_ids=[document.pk])
    curator_group, _ = groups_ensure()
    user = User.objects.create_user("lister", password=PASSWORD, is_staff=True)
    user.groups.add(curator_group)
    fact_id = document.claims.filter(fact__isnull=False).values_list("fact_id", flat=True).first()
    claim_id = document.claims.filter(fact__isnull=False).values_list("id", flat=True).first()
    pages = {
        "claims": "/admin/claims/claim/",
        "claims-search": "/admin/claims/claim/?q=86",
        "facts": "/admin/claims/fact/",
        "fact": f"/admin/claims/fact/{fact_id}/change/",
        "entities": "/admin/claims/entity/",
        "documents": "/admin/corpus/document/",
        "queue": "/admin/corpus/document/review-queue/",
        "review": f"/admin/corpus/document/{document.pk}/review/",
        "document": f"/admin/corpus/document/{document.pk}/change/",
        "claim": f"/admin/claims/claim/{claim_id}/change/",
        "claim-history": f"/admin/claims/claim/{claim_id}/history/",
    }
    for width, height, names in ((1440, 900, list(pages)), (390, 844, ["claims", "facts", "queue"])):
        watched = open_page(width, height)
        log_in(watched.page, live_server.url, "lister", PASSWORD, "/admin/")
        for name in names:
            watched.page.goto(live_server.url + pages[name])
            watched.page.wait_for_load_state("networkidle")
            # Neither the page nor the list's own box (Django's changelist scrolls inside it) is
            # wider than the screen.
            widths = watched.page.evaluate(
                """() => ({
                    page: document.documentElement.scrollWidth,
                    screen: window.innerWidth,
                    boxes: [...document.querySelectorAll('#changelist .results, #changelist-form, .review-body, .fact-cards')]
                        .map((el) => el.scrollWidth - el.clientWidth),
                })"""
            )
            watched.page.screenshot(path=browser_output / f"{name}-{width}.png", full_page=True)
            if name == "fact":
                assert watched.page.locator("#fact-chart[data-ready='1']").count() == 1
            assert widths["page"] <= widths["screen"], (name, width, widths)
            assert all(extra <= 1 for extra in widths["boxes"]), (name, width, widths)
        assert watched.problems() == [], watched.problems()


def test_the_fact_page_charts_a_conflict_and_refuses_a_stale_save(
    live_server, open_page, browser_output, vocabulary
) -> None:
    from tests.claims.test_admin_pages import conflicting_fact

    user = User.objects.create_superuser("judge", password=PASSWORD)
    fact, agreeing, _other, outlier = conflicting_fact(user)
    url = f"/admin/claims/fact/{fact.pk}/change/"
    first, second = open_page(1440, 900), open_page(1440, 900)
    for watched in (first, second):
        log_in(watched.page, live_server.url, "judge", PASSWORD, url)
        watched.page.wait_for_selector("#fact-chart[data-ready='1']")

    chart = first.page.evaluate(
        """() => {
            const chart = Chart.getChart(document.getElementById('fact-chart'));
            return {
                bars: chart.data.datasets.map((d) => d.claim.source),
                red: chart.data.datasets.filter((d) => d.claim.outlier).map((d) => d.claim.source),
                bands: Object.keys(chart.options.plugins.annotation.annotations).length,
            };
        }"""
    )
    first.page.screenshot(path=browser_output / "fact-conflict.png", full_page=True)
    assert chart == {"bars": ["Outlet A (ar)", "Outlet B (ar)", "Outlet C (ar)"], "red": ["Outlet C (ar)"], "bands": 1}
    explanation = first.page.inner_text("#fact-explanation")
    assert "Most sources agree: 2 of 3 sources (Outlet A in Arabic and Outlet B" in explanation
    assert "(Outlet C in Arabic, exact) even read as rounded figures" in explanation

    first.page.check(f"input[name=preferred_claim][value='{agreeing.pk}']")
    first.page.click("input[name=_continue]")
    first.page.wait_for_load_state()
    second.page.check(f"input[name=preferred_claim][value='{outlier.pk}']")
    second.page.click("input[name=_continue]")
    second.page.wait_for_load_state()

    second.page.screenshot(path=browser_output / "fact-stale-save.png", full_page=True)
    assert "changed by someone else while you were reading it" in second.page.inner_text(".errorlist.nonfield")
    fact.refresh_from_db()
    assert fact.preferred_claim_id == agreeing.pk
    assert first.problems() == []
