"""Evaluation of the extractor on data nobody on the project wrote: external suites and real news.

`benchmarks.eval_extractors` is the command; this package holds its parts: the uniform `Case`
(`cases`), one loader per external suite (`suites`), the development/test split (`halves`),
scoring (`scoring`), the real-news development set (`devset`) and the report (`report`).
"""
