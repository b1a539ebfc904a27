"""Admin for sources and documents: read-only views of what was ingested.

Arabic and Persian text is rendered with `dir="auto"` so each block takes the direction of
its first strong character.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html

from corpus.models import Document, Sentence, Source


def rtl_block(text: str):
    return format_html('<div dir="auto" style="white-space: pre-wrap; max-width: 60em">{}</div>', text)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "homepage", "country"]
    search_fields = ["name"]


class SentenceInline(admin.TabularInline):
    model = Sentence
    fields = ["index", "start", "end", "sentence_text"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["index"]

    @admin.display(description="text")
    def sentence_text(self, obj: Sentence):
        return rtl_block(obj.text)

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["id", "title_rtl", "language", "source", "published_on", "published_basis"]
    list_filter = ["language", "published_basis", "source"]
    list_select_related = ["source"]
    search_fields = ["title"]
    fields = [
        "title_rtl",
        "source",
        "language",
        "url",
        "file_name",
        "sha256",
        "published_on",
        "published_precision",
        "published_basis",
        "published_note",
        "text_rtl",
    ]
    readonly_fields = fields
    inlines = [SentenceInline]

    @admin.display(description="title", ordering="title")
    def title_rtl(self, obj: Document):
        return format_html('<span dir="auto">{}</span>', obj.title)

    @admin.display(description="text")
    def text_rtl(self, obj: Document):
        return rtl_block(obj.text)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
