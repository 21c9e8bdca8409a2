"""One proofreading round's edits of the complete test plan (issue 12): an
edited sentence, a deleted and an added 方向性, a changed target value, two
swapped directions with one edited, a split paragraph and a deleted word."""
from __future__ import annotations

from pathlib import Path

EDITED = ("確実に", "速やかに")                 # 111 direction ①
TARGET = ("2,400", "2,600")                     # 111 indicator 1
REMOVED_TITLE = "在宅での暮らしを支えます"        # 112 direction ②
REMOVED_BODY = "訪問介護と訪問看護の連携を深め、自宅で安心して暮らせるようにします。"
ADDED_TITLE = "買い物の支援を広げます"            # 112, after the last direction
ADDED_BODY = "移動販売や配達の仕組みを整え、買い物に困る高齢者を減らします。"
SWAPPED = ("子育て拠点を充実させます", "保育の受け皿を確保します")   # 121 ① and ②
SWAP_EDIT = "小規模保育"                         # inserted in the one that moved up
SPLIT = ("地元の水産物が広く知られています。", "港のにぎわいを目当てに多くの観光客が訪れています。")
DELETED_WORD = "国内外に"                        # 311 direction ③

# The round's changes, as counted by the proof (変更, 新設, 削除, 移動, 分割).
COUNTS = {"変更": 3, "新設": 1, "削除": 1, "移動": 2, "分割": 1}


def _sub(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit(source: Path) -> None:
    p = Path(source) / "policies"
    _sub(p / "111.yaml", "担当する部署へ確実につなぎます", "担当する部署へ速やかにつなぎます")
    _sub(p / "111.yaml", "target: {value: 2400, year: 2036}", "target: {value: 2600, year: 2036}")
    _sub(p / "112.yaml", f"  - title: {REMOVED_TITLE}\n    body: |\n      {REMOVED_BODY}\n", "")
    _sub(p / "112.yaml", "indicators:",
         f"  - title: {ADDED_TITLE}\n    body: |\n      {ADDED_BODY}\nindicators:")
    first = ("  - title: 子育て拠点を充実させます\n    body: |\n"
             "      地域の子育て拠点で、保護者同士が交流し、専門職に相談できる機会を増やします。\n")
    second = ("  - title: 保育の受け皿を確保します\n    body: |\n"
              "      保育所の定員を計画的に増やし、待機児童が生じないようにします。\n")
    _sub(p / "121.yaml", first + second,
         second.replace("保育所の定員", f"保育所と{SWAP_EDIT}の定員") + first)
    _sub(p / "311.yaml", "地元の水産物が広く知られ、港のにぎわいを目当てに多くの観光客が訪れています。",
         f"{SPLIT[0]}\n\n  {SPLIT[1]}")
    _sub(p / "311.yaml", f"港の魅力を{DELETED_WORD}発信します。", "港の魅力を発信します。")
