"""Words staff write in Japanese where a source file wants a key or a fixed
value: the messages answer with the name to write (「title」のことですか？)."""

# Names staff write for a key in Japanese (or from the printed headings).
JAPANESE_KEYS = {
    "タイトル": "title", "題名": "title", "施策名": "title", "計画名": "title", "見出し": "title",
    "番号": "code", "施策番号": "code", "基本目標": "goal", "担当課": "departments", "担当": "departments",
    "10年後の姿": "future", "方向性": "directions", "指標": "indicators", "目標指標": "indicators",
    "協働": "collaboration", "協働方針": "collaboration", "注": "notes", "本文": "body",
    "概要": "summary", "市民": "citizens", "行政": "government", "単位": "unit", "現状値": "baseline",
    "目標値": "target", "値": "value", "年度": "year", "年": "year", "方向": "direction",
    "備考": "note", "累計": "cumulative", "名前": "name", "氏名": "name", "指標名": "name",
    "画像": "image", "学校": "school", "学校名": "school", "学年": "grade", "読み": "reading",
    "ふりがな": "reading", "同意": "consent", "掲載同意": "consent", "市町村名": "municipality",
    "代替テキスト": "alt", "代替文": "alt", "装飾": "decorative", "飾り": "decorative",
    "副題": "subtitle", "期間": "period", "計画期間": "period", "開始": "start", "終了": "end",
    "基本理念": "philosophy", "標語": "motto", "将来像": "visions", "作品": "artwork",
}

# Fixed values of the Enum fields, written in Japanese.
ENUM_WORDS = {
    "増加": "up", "増": "up", "上昇": "up", "↑": "up", "減少": "down", "減": "down", "低下": "down",
    "↓": "down", "維持": "keep", "現状維持": "keep", "→": "keep",
    "中綴じ": "saddle", "無線綴じ": "perfect",
}

# true / false, written in Japanese.
BOOL_WORDS = {
    "はい": "true", "済": "true", "済み": "true", "あり": "true", "有": "true", "○": "true", "〇": "true",
    "同意": "true", "いいえ": "false", "なし": "false", "無": "false", "×": "false", "未": "false",
}
