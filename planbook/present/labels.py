"""Every word the booklet prints that is not the plan's own text: chapter
titles, section headings, column names, placeholders. Each renderer (PDF,
DOCX, 新旧対照表, web) takes them from here and never spells its own."""
from __future__ import annotations

PLACEHOLDER = "未入力"               # an empty value inside a line
BLOCK_PLACEHOLDER = "（未入力）"      # an empty text block
NO_IMAGE = "作品画像 未着"           # an artwork slot whose image is not delivered
NO_PAGE = "未作成"                   # a 施策 without its page yet
NO_CONSENT = "（掲載同意 未確認）"
NO_GOAL = "基本目標 不明"            # a 施策 whose 基本目標 does not exist
NO_VISION = "将来像 不明"
NO_POLICIES = "施策 未入力"
NO_GOALS = "基本目標 未入力"
NO_INDICATORS = "目標指標 未入力"
NO_YEAR = "年度 未入力"
CONTINUED = "（続き）"
CUMULATIVE = "（累計）"
HONORIFIC = "さん"
NOTE_MARK = "※"

CHAPTERS = {
    "toc": "目次",
    "philosophy": "基本理念",
    "visions": "将来像",
    "goals": "基本目標",
    "system": "計画の体系",
    "orphans": "基本目標が見つからない施策",
}

# The sections of a 施策 page, in printed order.
POLICY_SECTIONS = {
    "future": "10年後の姿",
    "directions": "目指すべき姿の実現に向けた施策推進の方向性",
    "indicators": "目標指標",
    "collaboration": "市民と行政の協働方針",
}
# Shorter names where the section is named inside a line (新旧対照表 captions).
SECTION_SHORT = {"directions": "施策推進の方向性"}
DEPARTMENTS = "担当課："
UNWRITTEN_GOAL = "この基本目標の施策のページはまだありません"
UNWRITTEN_HEADING = "ページを準備中の施策"

SYSTEM_COLUMNS = ("将来像", "基本目標", "施策", "ページ")
INDICATOR_COLUMNS = ("指標名", "単位", "現状値", "目標値", "方向")
COLLABORATION_COLUMNS = ("市民", "行政")
CREDIT_FIELDS = {"school": "学校名", "grade": "学年", "name": "氏名", "reading": "ふりがな",
                 "consent": "掲載同意", "image": "画像"}


VISION_WORD = "将来像"
GOAL_WORD = "基本目標"


def vision_label(number: int) -> str:
    return f"{VISION_WORD}{number}"


def goal_label(code: str) -> str:
    return f"{GOAL_WORD}{code}"

# A proof's words in the margin (planbook.present.marks) and in the 新旧対照表.
PROOF_ADDED = "新設"
PROOF_REMOVED = "（削除）"
PROOF_SPLIT = "分割"
PROOF_MERGED = "統合"
DELETED_HERE = "▼"                   # where long deleted text was (the text is in the margin)


def moved_from(place: str) -> str:
    """②から移動, 旧2行目から移動, 第2段落から移動."""
    return f"{place}から移動"
