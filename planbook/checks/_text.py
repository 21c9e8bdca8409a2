"""Shared helpers of the text rules: every paragraph as the reader sees it."""
from __future__ import annotations

import re

from ..markup import plain_text
from ..walk import paragraphs

SENTENCE_END = re.compile(r"(?<=[。！？])")


def texts(plan):
    """(unit, paragraph, plain text) for every paragraph and note."""
    for unit, p in paragraphs(plan):
        yield unit, p, plain_text(p.text)


def sentences(text: str):
    return [s for s in SENTENCE_END.split(text) if s.strip()]
