"""Ingesting articles: seeds, dates, idempotence, rejection and atomicity."""

from __future__ import annotations

import datetime as dt

import pytest

from corpus.models import Document, Sentence, Source
from corpus.services import DocumentRejected, IngestStatus, document_ingest
from tests.conftest import SEED_FILES

SEED_CHROME = {
    "000_3688c653d33eb61c.txt": ["WTV_Frequency", "المزيد من بوابة الوسط", "عناوين ذات صلة", "توقيف رجل بعد تطويق"],
    "001_51bef3fb1244b05f.txt": ["JPEG", "قسمت بالایی صفحه", "تاریخ نشر"],
    "002_d43b59b6488a0f92.txt": [
        "جاري تحميل",
        "إعلان الرئيسية",
        "إعلان في أعلي التدوينة",
        "ليست هناك تعليقات",
        "نموذج الاتصال",
        "بريد إلكتروني *",
    ],
    "003_8279783cd2d21695.txt": ["تابعنا على :"],
    "004_93b21bcfa360256c.txt": [
        "اعلان we",
        "رئيس مجلس الإدارة",
        "تابع بوابة روزا اليوسف علي",
        "جوجل نيوز",
        "الجمعة 29 مارس 2024",
    ],
}


@pytest.mark.django_db
class TestSeedIngest:
    def test_every_seed_becomes_one_document_with_sentences(self, seeded_class) -> None:
        assert Document.objects.count() == 5
        assert all(doc.sentences.exists() for doc in seeded_class.values())
        assert Source.objects.count() == 5

    def test_languages_are_detected_or_declared(self, seeded_class) -> None:
        languages = {name[:3]: doc.language for name, doc in seeded_class.items()}

        assert languages == {"000": "ar", "001": "fa", "002": "ar", "003": "ar", "004": "ar"}

    def test_text_is_the_file_after_nfc_and_nothing_else(self, seeded_class) -> None:
        for path in SEED_FILES:
            assert seeded_class[path.name].text == path.read_text(encoding="utf-8")

    def test_every_stored_sentence_is_the_document_text_at_its_span(self, seeded_class) -> None:
        sentences = Sentence.objects.select_related("document")

        assert sentences.count() > 50
        for sentence in sentences:
            assert sentence.document.text[sentence.start : sentence.end] == sentence.text

    @pytest.mark.parametrize(("seed", "phrases"), sorted(SEED_CHROME.items()))
    def test_page_chrome_gets_no_sentence(self, seeded_class, seed: str, phrases: list[str]) -> None:
        texts = list(seeded_class[seed].sentences.values_list("text", flat=True))

        for phrase in phrases:
            assert phrase in seeded_class[seed].text
            assert not any(phrase in text for text in texts), phrase

    def test_headline_is_the_first_sentence_and_the_title(self, seeded_class) -> None:
        doc = seeded_class["002_d43b59b6488a0f92.txt"]

        assert doc.sentences.get(index=0).text == 'التحالف الدولي يركز على هزيمة "داعش" عالميا'
        assert doc.title == 'التحالف الدولي يركز على هزيمة "داعش" عالميا'


@pytest.mark.django_db
class TestArticleDates:
    @pytest.mark.parametrize(
        ("seed", "published_on", "precision", "basis"),
        [
            ("000_3688c653d33eb61c.txt", dt.date(2019, 6, 26), "day", "stated"),
            ("001_51bef3fb1244b05f.txt", dt.date(2019, 7, 8), "day", "stated"),
            ("002_d43b59b6488a0f92.txt", None, "", "unknown"),
            ("003_8279783cd2d21695.txt", None, "", "unknown"),
        ],
    )
    def test_stated_dates_and_unknown_ones(self, seeded_class, seed, published_on, precision, basis) -> None:
        doc = seeded_class[seed]

        assert (doc.published_on, doc.published_precision, doc.published_basis) == (published_on, precision, basis)

    def test_page_header_date_is_recorded_as_such_and_not_trusted(self, seeded_class) -> None:
        doc = seeded_class["004_93b21bcfa360256c.txt"]

        assert doc.published_basis == "page_header"
        assert doc.published_on == dt.date(2024, 3, 29)
        assert doc.trusted_date is None
        assert "أمس الاثنين" in doc.published_note


@pytest.mark.django_db
class TestIdempotence:
    def test_second_ingest_of_the_same_bytes_is_unchanged_and_writes_nothing(self, seeded) -> None:
        path = SEED_FILES[0]
        before = (Document.objects.count(), Sentence.objects.count())

        result = document_ingest(raw=path.read_bytes(), file_name=path.name)

        assert result.status == IngestStatus.UNCHANGED
        assert result.document == seeded[path.name]
        assert (Document.objects.count(), Sentence.objects.count()) == before


@pytest.mark.django_db
class TestRejectedFiles:
    @pytest.mark.parametrize(
        ("raw", "reason"),
        [
            (b"", "empty file"),
            (b"  \n\t ", "empty file"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
            ("نص عربي".encode("cp1256"), "not UTF-8"),
            ("سلام\x01\x02\x03\x04\x05".encode() * 3, "control characters"),
        ],
    )
    def test_bad_bytes_are_refused_with_a_reason(self, raw: bytes, reason: str) -> None:
        with pytest.raises(DocumentRejected, match=reason):
            document_ingest(raw=raw, file_name="bad.txt")

        assert Document.objects.count() == 0

    def test_oversized_file_is_refused(self, settings) -> None:
        settings.SANAD_MAX_DOCUMENT_BYTES = 100

        with pytest.raises(DocumentRejected, match="over the 100-byte limit"):
            document_ingest(raw=("تستضيف فرنسا اجتماعا. " * 20).encode(), file_name="big.txt")

    def test_a_failure_after_the_document_row_leaves_nothing_behind(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def explode(*args, **kwargs):
            raise RuntimeError("disk full")

        monkeypatch.setattr(Sentence.objects, "bulk_create", explode)

        with pytest.raises(RuntimeError, match="disk full"):
            document_ingest(raw=SEED_FILES[2].read_bytes(), file_name=SEED_FILES[2].name)

        assert Document.objects.count() == 0
        assert Source.objects.count() == 0

    def test_html_is_reduced_to_its_main_text(self) -> None:
        paragraph = "ويضم التحالف الدولي اليوم 80 بلداً ومنظمة دولية بحسب بيان وزارة الخارجية الفرنسية. " * 3
        html = (
            "<html><head><title>التحالف</title></head><body><nav>الرئيسية | أخبار</nav>"
            f"<article><h1>التحالف الدولي ضد داعش</h1><p>{paragraph}</p></article>"
            "<footer>جميع الحقوق محفوظة</footer></body></html>"
        )

        result = document_ingest(raw=html.encode(), file_name="page.html")

        assert "80 بلداً" in result.document.text
        assert "<p>" not in result.document.text
