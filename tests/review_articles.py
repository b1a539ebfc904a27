"""Short articles written for the review workspace's tests (not taken from any outlet).

Each has a line of page chrome above and below the article, a dateline, and figures a
curator accepts, rejects or fixes: casualties, displaced families, aid amounts, a member count.
"""

from __future__ import annotations

from corpus.services import DocumentMetadata, document_ingest

ARABIC = """الرئيسية | أخبار | اقتصاد | رياضة
عمّان – الخميس 12 أيار 2022
قالت الأمم المتحدة أمس الأربعاء إن الفيضانات التي ضربت شمال سوريا أدت إلى مقتل 41 شخصاً على الأقل.
وأضافت المنظمة أن نحو 3 آلاف عائلة نزحت من قراها خلال ثلاثة أيام.
وأعلنت الإمارات تقديم مساعدات بقيمة 12 مليون دولار للمتضررين.
ويضم التحالف الدولي اليوم 86 دولة ومنظمة.
اقرأ أيضاً: أسعار الذهب اليوم
"""

DARI = """صفحه اصلی | ورزش | اقتصاد
کابل، ۲۰ حمل ۱۴۰۱
سازمان ملل متحد روز گذشته اعلام کرد که در سیلاب‌های ولایت هرات دستکم ۲۵ تن کشته شدند.
به گفته‌ی این سازمان، بیش از ۱۲۰۰ خانواده در این ولایت بیجا شده‌اند.
امارات متحده عربی ۷ میلیون دالر کمک به آسیب‌دیدگان اعلام کرد.
ائتلاف بین‌المللی اکنون ۸۶ عضو دارد.
"""

ARTICLES = {
    "ar": (ARABIC, "سيول شمال سوريا: 41 قتيلاً وآلاف النازحين", "Sanad test desk (ar)"),
    "fa": (DARI, "سیلاب‌های هرات: ۲۵ کشته و صدها خانواده بیجا", "Sanad test desk (fa)"),
}


def ingest_article(language: str, *, suffix: str = ""):
    """Ingest the test article of `language` (a `suffix` makes a distinct copy) and return the Document."""
    text, title, source = ARTICLES[language]
    raw = (text + suffix).encode()
    metadata = DocumentMetadata(source=source, language=language, title=title + suffix.strip())
    return document_ingest(raw=raw, file_name=f"review-{language}{suffix.strip()}.txt", metadata=metadata).document
