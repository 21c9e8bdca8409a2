"""No false alarms: a plan written in correct 公用文 that simple rules tend to
flag (取組 beside 取り組む, かかわらず beside 関わる, 人と人との, 一人ひとり,
1,200人 and 87.5%, a URL, a quoted である sentence, a note in である調, 障害
in a law name beside 障がい) gets no finding from the text rules."""
from pathlib import Path

import pytest

from helpers import findings
from planbook.checks import all_checks

PRECISION = Path(__file__).resolve().parent / "fixtures" / "precision"
RULES = [m.ID for m in all_checks() if m.ID.startswith("text-")] + ["fonts", "notes"]


@pytest.mark.parametrize("code", RULES)
def test_no_false_alarm(code):
    assert findings(PRECISION, code) == []
