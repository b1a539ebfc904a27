"""The extractor: figures, dates and identifiers in Arabic, Persian/Dari and English text.

A pure package (standard library and the calendar libraries, never Django): `claims` and the
corpus services call it; it calls nothing above it. `extract` finds the mentions of one text,
`article.analyze_article` runs the whole-article pipeline (language, date, chrome, sentences,
mentions) without storing anything.
"""
