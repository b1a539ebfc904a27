"""The extractor: figures, dates, identifiers and times in news text, one locale file per language.

A pure package (standard library, the calendar libraries and Babel's CLDR data, never Django):
`claims` and the corpus services call it; it calls nothing above it. The engine is the same for
every language; each language is a data file in `locales/` read into a `locale.Locale`. The
stages run one way: a sentence is normalized and cut into words once (`scanning.Scan`), then
dates (`dates`), figures (`numbers`) and what they count (`quantities`) are read from it, and
`extraction.extract` returns the mentions. `article.analyze_article` runs the whole-article
pipeline (language, date, chrome, sentences, mentions) without storing anything.
"""
