"""factory_boy factories for the models tests need."""

from __future__ import annotations

import hashlib

import factory

from corpus.models import Document, Sentence, Source


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Outlet {n}")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    source = factory.SubFactory(SourceFactory)
    title = factory.Sequence(lambda n: f"Article {n}")
    language = "ar"
    text = factory.Sequence(lambda n: f"تستضيف فرنسا اجتماعا رقم {n}. ويضم التحالف 80 بلدا.")
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.text.encode()).hexdigest())
    published_basis = "unknown"


class SentenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sentence

    document = factory.SubFactory(DocumentFactory)
    index = factory.Sequence(int)
    start = 0
    end = factory.LazyAttribute(lambda o: len(o.document.text))
    text = factory.LazyAttribute(lambda o: o.document.text[o.start : o.end])
