"""The presentation model: what every renderer prints, decided once.

- `labels`: every word that is not the plan's own text;
- `values`: 和暦, numbers, indicator values, credits, ※ labels;
- `view`: the dataclasses renderers draw; `booklet(plan, …)` builds them.
"""
from .booklet import booklet, orphans, page_cuts, with_cuts
from .labels import NO_CONSENT, NO_IMAGE, NO_PAGE, PLACEHOLDER
from .values import (ARROWS, CIRCLED, DIRECTION_WORDS, arrow, circled, credit, fiscal_year,
                     goal_note_labels, measure, number, period_label, policy_note_labels, wareki)

__all__ = ["booklet", "orphans", "page_cuts", "with_cuts", "NO_CONSENT", "NO_IMAGE", "NO_PAGE",
           "PLACEHOLDER", "ARROWS", "CIRCLED", "DIRECTION_WORDS", "arrow", "circled", "credit",
           "fiscal_year", "goal_note_labels", "measure", "number", "period_label",
           "policy_note_labels", "wareki"]
