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
# A check's finding by severity (planbook.findings): the check report, the
# preview's list.
SEVERITY_WORDS = {"error": "エラー", "warning": "警告", "info": "参考"}
PERIOD = "計画期間"                 # before the period on the cover (booklet, print cover)

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

# The booklet's pages that carry no folio, in order from its first page: the
# cover and its inside (表1, 表2); the page after them is p.1 in the booklet,
# the proofs, the preview and the print body. layouts/booklet/booklet.css
# resets the page counter to match (tests/test_words.py holds it to this).
UNNUMBERED_PAGES = ("表紙", "表紙裏")
FIRST_NUMBERED_PAGE = len(UNNUMBERED_PAGES) + 1      # 1-based, in the booklet's PDF


def folio_number(page: int) -> int | None:
    """The number printed on booklet page `page` (1-based); None when it has none."""
    return page - len(UNNUMBERED_PAGES) if page >= FIRST_NUMBERED_PAGE else None


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


def goal_range(codes: list[str]) -> str:
    """The running head of a page of several 基本目標: 基本目標31〜33."""
    return goal_label(codes[0]) if len(codes) == 1 else f"{GOAL_WORD}{codes[0]}〜{codes[-1]}"

# The word for each kind of change (the kinds of planbook.diff.result). A
# proof (its margin and its summary page) says 削除 where the 新旧対照表 says
# 削る; every other word is the same.
PROOF_KIND_WORDS = {"changed": "変更", "added": "新設", "removed": "削除", "moved": "移動",
                    "split": "分割", "merged": "統合"}
DIFF_KIND_WORDS = {**PROOF_KIND_WORDS, "removed": "削る"}

# A proof's words in the margin (planbook.present.marks) and in the 新旧対照表.
PROOF_ADDED = PROOF_KIND_WORDS["added"]
PROOF_REMOVED = f"（{PROOF_KIND_WORDS['removed']}）"
PROOF_SPLIT = PROOF_KIND_WORDS["split"]
PROOF_MERGED = PROOF_KIND_WORDS["merged"]
DELETED_HERE = "▼"                   # where long deleted text was (the text is in the margin)


def moved_from(place: str) -> str:
    """②から移動, 旧2行目から移動, 第2段落から移動."""
    return f"{place}から{PROOF_KIND_WORDS['moved']}"


# The 新旧対照表 (planbook.diff.view.Document): its PDF (layouts/diff/diff.html)
# and its DOCX (planbook.diff.render_docx) print these.
DIFF_TITLE = "新旧対照表"
DIFF_SIDES = {"old": "旧", "new": "新"}
DIFF_ADDED = f"（{DIFF_KIND_WORDS['added']}）"        # the empty side of an added row
DIFF_REMOVED = f"（{DIFF_KIND_WORDS['removed']}）"    # the empty side of a removed row
DIFF_RYAKU = "（略）"                                 # unchanged rows left out (unchanged: ryaku)
# What a row's caption adds for a paragraph split, merged, or moved from an unknown place.
DIFF_PARAGRAPH_NOTES = {k: f"（段落を{DIFF_KIND_WORDS[k]}）" for k in ("split", "merged", "moved")}
DIFF_COUNTS = "変更の件数"
DIFF_ITEM = "項目"
DIFF_TOTAL_ROW = "合計"
TOTAL = "計"                          # the total column of a count (新旧対照表, a proof's summary)
NO_CHANGES = "変更はありません。"       # 新旧対照表, a proof's summary


def diff_moved_from(place: str) -> str:
    """A row's caption: （②から移動）."""
    return f"（{moved_from(place)}）"


def diff_unchanged_units(n: int) -> str:
    return f"ほかの {n} 項目には変更がありません。"


def diff_legend(ryaku: bool) -> tuple[str, str]:
    """The 新旧対照表's legend: the word printed underlined, then the rest.
    `ryaku`: unchanged parts are shown as （略） rather than left out."""
    shown = f"、「{DIFF_RYAKU}」は変更のない部分" if ryaku else ""
    omitted = "" if ryaku else "変更のない部分は載せていません。"
    w = DIFF_KIND_WORDS
    return ("下線",
            "は変更した箇所、下線だけの空白は反対側にだけある文字の位置です。"
            f"「{DIFF_ADDED}」は新たに加えたもの、「{DIFF_REMOVED}」は削ったもの{shown}を示します。"
            f"移動したものは新旧の位置（{moved_from('②')}）を、{w['split']}・{w['merged']}した段落は"
            f"その旨を見出しに書きます。{omitted}")


# The HTML edition (planbook.builders.web): the words of its navigation.
WEB_SKIP = "本文へ移動"                 # the skip link to the main content
WEB_BREADCRUMBS = "パンくずリスト"      # the breadcrumbs' <nav> label
WEB_HOME = "トップ"                     # the top page in the breadcrumbs
WEB_PAGER = "施策のページ送り"          # the <nav> of previous/next links
WEB_PREV = "前の施策"
WEB_NEXT = "次の施策"
WEB_NOTES = "注"                        # the footnotes of a page
WEB_BACK = "本文へ戻る"                 # a footnote's back link (its label)
WEB_ARTWORK = "子どもの作品"            # an artwork's alt text without a credit
WEB_CONCEPT = "基本構想"                # the top page's part 基本理念 to 将来像
