"""The table of staff mistakes for tests/test_mistakes.py: what a member of
the planning section does by hand to a source file, what `planbook check`
must answer (exit code), where (file and line), and in which words.

Each row is one mistake, made the same way in every plan the test runs on
(the Kiyose source and the complete test plan):

    M(id, file, old, new, code, at, *words, where=None, holds=None, finding=None)

- `file`: the file changed; `old`: a regular expression (multi-line mode)
  whose first match becomes `new` (`\\g<1>` etc. allowed), or None to write
  `new` as the whole file, or a function `f(source, plan)` that makes the
  change itself.
- `code`: the exit code of `planbook check`; `build` must give the same
  (what build refuses, check reports). 0: the mistake is only a warning,
  or planbook handles it without changing the text (`holds`).
- `at`: text on the line the message must point to (the first line of the
  changed file, or of `where`, holding it); None: a message about the whole
  file (no line).
- `words`: what the message must say (the cause and the fix).
- `holds(plan, tokens)`: a fact about the loaded plan (nothing silently changed).
- `finding`: the code of the message (the JSON report's `code`), where it matters.

A mistake that stops the plan from loading (`code` 2) gives that one
message, no other error.

Tokens stand for what differs between the plans: {P} the file of a written
施策 with notes and indicators, {p} its code, {pw} its code in full-width
digits, {g} its 基本目標, {T} its title, {N} its first note key, {I} its first indicator's name; {Q} and {q}
another 施策; {S} the first slot of artwork.yaml.

COMMON lists the ten mistakes staff make most, in that order: the docs'
troubleshooting page 「よくある間違い」 (docs/mistakes.md) is written from them.
"""
from __future__ import annotations

import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

PLANS = {
    "kiyose": {"P": "policies/432.yaml", "p": "432", "pw": "４３２", "g": "43", "T": "業務変革の推進",
               "N": "expert", "Q": "policies/421.yaml", "q": "421", "S": "philosophy", "I": "紙の使用枚数"},
    "complete": {"P": "policies/112.yaml", "p": "112", "pw": "１１２", "g": "11", "T": "高齢者の暮らしの支援",
                 "N": "supporter", "Q": "policies/111.yaml", "q": "111", "S": "concept",
                 "I": "介護予防教室の参加者数"},
}


@dataclass(frozen=True)
class Mistake:
    id: str
    file: str
    old: str | Callable | None
    new: str
    code: int
    at: str | tuple[str, int] | None       # text, or (text, n): its n-th line (-1: the last)
    words: tuple[str, ...]
    where: str | None = None
    holds: Callable | None = None
    finding: str | None = None


def M(id, file, old, new, code, at, *words, where=None, holds=None, finding=None) -> Mistake:
    return Mistake(id, file, old, new, code, at, words, where, holds, finding)


def fill(text: str | None, plan: dict, escape: bool = False) -> str | None:
    """`text` with the tokens of `plan` ({P}, {p}…) put in."""
    if text is None:
        return None
    return re.sub(r"\{(pw|[PpgTNQqSI])\}",
                  lambda m: re.escape(plan[m.group(1)]) if escape else plan[m.group(1)], text)


def policy(plan, code: str):
    return next(p for p in plan.policies if p.code == code)


# -- changes a regular expression cannot make --------------------------------

def progress_file(text: str):
    """A year's progress file (progress/ made first): `text` with the tokens put in."""
    def run(src: Path, plan: dict):
        path = src / plan["_file"]
        path.parent.mkdir(exist_ok=True)
        path.write_text(fill(text, plan), encoding="utf-8")
    return run


def set_key(key: str, value: str):
    """`key: value` in the 施策 {P}: the line replaced, or added after title."""
    def run(src: Path, plan: dict):
        path = src / plan["P"]
        text = path.read_text(encoding="utf-8")
        line = f"{key}: {value}"
        if re.search(rf"^{key}:.*$", text, re.M):
            text = re.sub(rf"^{key}:.*$", line, text, count=1, flags=re.M)
        else:
            text = re.sub(r"^(title:.*)$", lambda m: f"{m.group(1)}\n{line}", text, count=1, flags=re.M)
        path.write_text(text, encoding="utf-8")
    return run


def rename(new: str):
    def run(src: Path, plan: dict):
        (src / plan["_file"]).rename(src / fill(new, plan))
    return run


def copy_to(new: str):
    def run(src: Path, plan: dict):
        shutil.copy(src / plan["_file"], src / fill(new, plan))
    return run


def image_case(src: Path, plan: dict):
    """The first slot's picture is there as artwork/<slot>.png; artwork.yaml
    names it artwork/<Slot>.PNG (another case)."""
    slot = plan["S"]
    picture = src / "artwork" / f"{slot}.png"
    if not picture.exists():
        picture.parent.mkdir(exist_ok=True)
        shutil.copy(Path(__file__).parent / "fixtures/complete/artwork/concept.png", picture)
    path = src / "artwork.yaml"
    text = path.read_text(encoding="utf-8")
    block = re.compile(rf"^({re.escape(slot)}:\n  image: ).*$", re.M)
    path.write_text(block.sub(lambda m: m.group(1) + f"artwork/{slot.capitalize()}.PNG", text, 1),
                    encoding="utf-8")


def _picture(src: Path, name: str) -> None:
    picture = src / "artwork" / name
    picture.parent.mkdir(exist_ok=True)
    shutil.copy(Path(__file__).parent / "fixtures/complete/artwork/concept.png", picture)


def _image_line(src: Path, slot: str, image: str) -> None:
    path = src / "artwork.yaml"
    text = path.read_text(encoding="utf-8")
    block = re.compile(rf"^({re.escape(slot)}:\n  image: ).*$", re.M)
    path.write_text(block.sub(lambda m: m.group(1) + image, text, 1), encoding="utf-8")


def image_nfd(src: Path, plan: dict):
    """The picture's name on disk is in NFD (a macOS archive: が as か + ゛);
    artwork.yaml names it in NFC, the same text."""
    _picture(src, unicodedata.normalize("NFD", f"{plan['S']}-がっこう.png"))
    _image_line(src, plan["S"], f"artwork/{plan['S']}-がっこう.png")


def image_backslash(src: Path, plan: dict):
    """artwork.yaml names the picture the Windows way (artwork\\x.png)."""
    _picture(src, f"{plan['S']}.png")
    _image_line(src, plan["S"], f"artwork\\{plan['S']}.png")


def hyphen_code(src: Path, plan: dict):
    """code: 4-3-2 in policies/432.yaml (the number with separators)."""
    path = src / plan["P"]
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^code: .*$", "code: " + "-".join(plan["p"]), text, count=1, flags=re.M),
                    encoding="utf-8")


def alt_forgotten(src: Path, plan: dict):
    """The first slot's alt: left out (the Kiyose source has none yet)."""
    path = src / "artwork.yaml"
    text = path.read_text(encoding="utf-8")
    block = re.compile(rf"^({re.escape(plan['S'])}:\n  image: .*\n)  alt: .*\n", re.M)
    path.write_text(block.sub(lambda m: m.group(1), text, 1), encoding="utf-8")


def slot_twice(src: Path, plan: dict):
    path = src / "artwork.yaml"
    text = path.read_text(encoding="utf-8")
    first = re.search(rf"^{re.escape(plan['S'])}:\n(?:  .*\n)+", text, re.M).group(0)
    path.write_text(text.rstrip("\n") + "\n" + first, encoding="utf-8")


# -- the table ----------------------------------------------------------------

FUTURE = r"^(future: \|\n  )"
LEAD = r"^(  lead: \|\n    )"
NOTE = r"\[\^([\w-]+)\]"

MISTAKES = [
    # plan.yaml
    M("plan-wareki-period", "plan.yaml", r"(period: \{start: )\d+", r"\g<1>令和8", 2, "令和8", "2026 と書いてください"),
    M("plan-wareki-letter", "plan.yaml", r"^baseline_year: \d+", "baseline_year: R6", 2, "R6", "2024 と書いてください"),
    M("plan-year-with-nendo", "plan.yaml", r"^(baseline_year: )\d+", r"\g<1>2025年度", 2, "年度", "西暦の数字だけ",
      "2025 と書いてください"),
    M("plan-departments-one-string", "plan.yaml", r"\Z", "departments: 企画課、福祉課\n", 2, "departments",
      "departments: [企画課, 福祉課]"),
    M("plan-fullwidth-colon", "plan.yaml", r"^municipality: ", "municipality：", 2, "municipality", "全角", "「:」"),
    M("plan-key-typo", "plan.yaml", r"^title:", "titel:", 2, "titel", "「title」のことですか"),
    M("plan-hash-in-value", "plan.yaml", r"^(subtitle: .*)$", r"\g<1> #案", 2, "#案", "コメント", "引用符", "#案\""),
    M("plan-file-name-case", "plan.yaml", rename("Plan.yaml"), "", 2, None, "「Plan.yaml」", "plan.yaml にしてください"),
    M("plan-label-brace", "plan.yaml", r"^policy_label: .*$", 'policy_label: "施策 {code"', 2, "policy_label",
      "対になっていません"),
    M("plan-subtitle-placeholder", "plan.yaml", r"^subtitle: .*$", "subtitle: 未定", 0, "subtitle:",
      "このまま「未定」と印刷", "値を空にしてください", finding="placeholders"),
    M("plan-output-name", "plan.yaml", r"^output_name: .*$", "output_name: 清瀬市計画", 2, "output_name",
      "ファイル名に使える名前"),
    # concept.yaml
    M("concept-title-bracket", "concept.yaml", r"^(    title: )", r"\g<1>[重点] ", 2, "[重点]", "「[」で始まって", '"[重点]'),
    M("concept-dash-no-space", "concept.yaml", r"^  - number: 1$", "  -number: 1", 2, "-number", "「  - number:」"),
    M("concept-duplicate-goal", "concept.yaml", r"^      - code: 12$", "      - code: 11", 1, "code: 11",
      "concept.yaml:28 でも使われています"),
    M("concept-broken-ruby", "concept.yaml", LEAD, r"\g<1>{確か|たしか な", 1, "{確か", "{確か|たしか}", "閉じられていません"),
    M("concept-note-space", "concept.yaml", NOTE, r"[ ^\g<1>]", 1, "[ ^", "空白が入っています"),
    M("concept-bracket-left-open", "concept.yaml", LEAD, r"\g<1>「学び（まなび」の場。", 0, "学び（",
      "「（」が閉じられていません"),
    M("concept-slot-typo", "concept.yaml", r"(artwork: vision)-", r"\g<1>", 1, "artwork: vision", "のことですか"),
    M("concept-wrapped-motto", "concept.yaml", r"^  motto: .*$", "  motto: 自分の良さを\n    生かしながら", 0, None,
      holds=lambda plan, t: plan.concept.philosophy.motto.text == "自分の良さを生かしながら"),
    # policies/NNN.yaml
    M("policy-title-bracket", "{P}", r"^title: ", "title: [重点] ", 2, "[重点]", "引用符", '"[重点] {T}"'),
    M("policy-dash-no-space", "{P}", r"^  - title: ", "  -title: ", 2, "-title", "半角スペース", "「  - title:」"),
    M("policy-thousands-in-braces", "{P}", r"(baseline: \{value: )[^,}]*", r"\g<1>1,500", 2, "1,500",
      "桁区切り", "value: 1500"),
    M("policy-thousands-block", "{P}", r"(baseline: )\{value: [^,}]*(, year: \d+)?\}", r"\g<1>\n      value: 1,500",
      2, "1,500", "桁区切り", "1500 と書きます"),
    M("policy-hash-in-title", "{P}", r"^title: (.*)$", r"title: ★\g<1> #重点", 2, "#重点", "コメント",
      '"★{T} #重点"', "（いまの値は「★{T}」）", finding="load-comment-in-value"),
    M("policy-departments-one-string", "{P}", set_key("departments", "学校教育課、教育総務課"), "", 2, "departments",
      "departments: [学校教育課, 教育総務課]"),
    M("policy-departments-wide-comma", "{P}", set_key("departments", "[学校教育課，教育総務課]"), "", 2,
      "departments", "リストで書いてください", "departments: [学校教育課, 教育総務課]"),
    M("policy-same-title", "{Q}", r"^title: .*$", "title: {T}", 1, "title:", "{P}:4:8", "と同じです"),
    M("policy-copied-file", "{P}", copy_to("policies/{p} - コピー.yaml"), "", 1, "code:",
      "{P} の写し（コピー）のようです", where="policies/{p} - コピー.yaml"),
    M("policy-code-of-another", "{Q}", r"^code: .*$", "code: {p}", 1, "code:", "{P} は施策{p}のファイルとしてすでにある"),
    M("policy-goal-elsewhere", "{P}", r"^goal: .*$", "goal: 21", 1, "goal:", "基本目標21の下", "で始まっていません"),
    M("policy-goal-unknown", "{P}", r"^goal: (.*)$", r"goal: \g<1>9", 1, "goal:", "concept.yaml にありません",
      "「{g}」のことですか"),
    M("policy-key-typo", "{P}", r"^future:", "futur:", 2, "futur:", "「futur」", "「future」のことですか"),
    M("policy-japanese-key", "{P}", r"^title:", "タイトル:", 2, "タイトル", "「title」のことですか"),
    M("policy-wareki-target", "{P}", r"(target: \{value: [^,}]*)[^}]*\}", r"\g<1>, year: 令和17}", 2, "令和17",
      "2035 と書いてください"),
    M("policy-direction-japanese", "{P}", r"direction: \w+", "direction: 増加", 2, "増加", "「up」のことですか"),
    M("policy-unit-percent", "{P}", r"unit: .*$", "unit: %", 2, "unit: %", "「%」", "引用符"),
    M("policy-value-with-unit", "{P}", r"(target: \{value: )[^,}]*", r"\g<1>50%", 2, "50%", "単位は unit"),
    M("policy-tab-indent", "{P}", r"^  - title: ", "\t- title: ", 2, "\t-", "タブ", "半角スペース"),
    M("policy-fullwidth-code", "{P}", r"^code: .*$", "code: {pw}", 2, "code:", "全角", "（{p}）"),
    M("policy-extension-case", "{P}", rename("policies/{p}.YAML"), "", 2, None, "{p}.yaml にしてください",
      where="policies/{p}.YAML"),
    M("policy-broken-ruby", "{P}", FUTURE, r"\g<1>{確か|たしか な", 1, "{確か", "{確か|たしか}", "そのまま印刷"),
    M("policy-note-fullwidth", "{P}", NOTE, r"［^\g<1>］", 1, "［^", "全角", "[^{N}]"),
    M("policy-note-typo", "{P}", NOTE, r"[^\g<1>x]", 1, "[^{N}x]", "「{N}」のことですか"),
    M("policy-bracket-left-open", "{P}", FUTURE, r"\g<1>「学び（まなび」の場。", 0, "学び（", "「（」が閉じられていません"),
    M("policy-star-first", "{P}", r"^title: ", "title: *", 2, "title: *", "「*」", "引用符"),
    M("policy-missing-title", "{P}", r"^title: .*\n", "", 2, "code:", "必須の項目「title」"),
    M("policy-wrapped-future", "{P}", r"^future: \|\n  ", "future: 自分の良さを\n  生かしながら", 0, None,
      holds=lambda plan, t: policy(plan, t["p"]).future[0].text.startswith("自分の良さを生かしながら")),
    M("policy-department-invisible", "{P}", set_key("departments", "[学校教育課\u202e]"), "", 2, "departments",
      "「学校教育課〔U+202E〕」", "見えない書式文字〔U+202E〕", "消してください"),
    M("policy-departments-nfd", "{P}", set_key("departments", f"[{unicodedata.normalize('NFD', '子ども家庭課')}]"),
      "", 0, None, holds=lambda plan, t: policy(plan, t["p"]).departments == ("子ども家庭課",)),
    M("policy-key-invisible", "{P}", r"^future:", "future\u200b:", 2, "future", "項目名「future〔U+200B〕」",
      "消してください"),
    # staff habits: Word, Excel, hand-typed numbers, placeholders
    M("policy-curly-quoted-title", "{P}", r"^title: (.*)$", r"title: “\g<1>”", 0, "title:", "Word の引用符",
      "半角の \"", "「{T}」", finding="text-pasted"),
    M("policy-curly-quotes-in-text", "{P}", FUTURE, r"\g<1>“相談窓口”を一つにします。", 0, "“相談窓口”",
      "Word が曲げた引用符「“」", "「」（かぎかっこ）", finding="text-pasted"),
    M("policy-circled-direction", "{P}", r"^  - title: ", "  - title: ①", 0, "①", "「① ①", "「①」を消して",
      finding="typed-numbering"),
    M("policy-tab-in-title", "{P}", r"^title: (.*)$", "title: \\g<1>\t（案）", 2, "title:", "タブ文字〔U+0009〕",
      "Excel", "半角スペース"),
    M("policy-tab-in-text", "{P}", FUTURE, "\\g<1>相談\t窓口を一つにします。", 0, "窓口を一つにします",
      "タブ文字〔U+0009〕", "消すか、半角スペース", finding="text-pasted"),
    M("policy-nbsp-indent", "{P}", r"^  - title: ", "\u00a0 - title: ", 2, "- title:",
      "ノーブレークスペース〔U+00A0〕", "半角スペースで字下げし直して"),
    M("policy-fullwidth-indent", "{P}", r"^  - title: ", "\u3000 - title: ", 2, "- title:", "全角スペース",
      "半角スペース"),
    M("policy-note-with-mark", "{P}", r"^(  {N}: )", r"\g<1>※", 1, "{N}:", "※の番号は自動で付く",
      "注の文には※を書かないでください"),
    M("policy-code-in-title", "{P}", r"^title: ", "title: {p} ", 0, "title:", "番号「{p}」", "title: {T}",
      finding="typed-numbering"),
    M("policy-code-with-hyphens", "{P}", hyphen_code, "", 1, "code:", "区切りの「-」", "code: {p}"),
    M("policy-placeholder-number", "{P}", r"(target: \{value: )[^,}]*", r"\g<1>－", 2, "－", "「－」などと書かずに",
      "空にしてください", "value: null"),
    M("policy-placeholder-unit", "{P}", r"unit: .*$", "unit: 未定", 0, "unit: 未定", "このまま「未定」と印刷",
      "値を空にしてください", finding="placeholders"),
    M("policy-placeholder-department", "{P}", set_key("departments", "なし"), "", 0, "departments",
      "「なし」という担当課の校正刷り", "departments: の後ろに何も書かない", finding="placeholders"),
    M("policy-one-enter-between-paragraphs", "{P}", FUTURE, r"\g<1>相談窓口を一つにまとめます。\n  ", 0,
      "相談窓口を一つにまとめます。", "一つの段落につながって", "空行（何も書かない行）を入れて",
      finding="text-line-break"),
    # artwork.yaml
    M("artwork-image-nfd", "artwork.yaml", image_nfd, "", 0, None,
      holds=lambda plan, t: next(a for a in plan.artwork if a.id == t["S"]).image_path.is_file()),
    M("artwork-windows-path", "artwork.yaml", image_backslash, "", 2, "image: artwork\\", "Windows",
      "image: artwork/{S}.png"),
    M("artwork-image-case", "artwork.yaml", image_case, "", 1, "image: artwork/", "「artwork/{S}.png」のことですか"),
    M("artwork-grade-with-unit", "artwork.yaml", r"grade: (\d+)", r"grade: \g<1>年", 2, "grade:", "数字だけで"),
    M("artwork-consent-japanese", "artwork.yaml", r"consent: .*$", "consent: はい", 2, "consent:", "true と書きます"),
    M("artwork-alt-forgotten", "artwork.yaml", alt_forgotten, "", 0, "image:", "alt:", "一文で",
      finding="artwork-alt"),
    M("artwork-alt-japanese-key", "artwork.yaml", r"^(  image: .*\n)", r"\g<1>  代替テキスト: 海辺の絵\n", 2,
      "代替テキスト", "「alt」のことですか"),
    M("artwork-alt-and-decorative", "artwork.yaml", r"^(  image: .*\n)(?:  alt: .*\n)?", r"\g<1>  alt: 海辺の絵\n  decorative: true\n",
      2, "decorative: true", "alt:", "decorative: true", "両方"),
    M("artwork-slot-twice", "artwork.yaml", slot_twice, "", 2, ("{S}:", -1), "二度書かれています", "行目にもあります"),
    M("artwork-hash-in-name", "artwork.yaml", r"name: (.*)$", r"name: \g<1> #欠席", 2, "#欠席", "引用符"),
    # style.yaml (the plans have none: the mistake is the whole file)
    M("progress-indicator-name-typo", "progress/2030.yaml",
      progress_file("policies:\n  {p}:\n    indicators:\n      {I}の数: 5\n"), "", 2, "の数",
      "「{I}」のことですか？"),
    M("progress-unit-of-another-indicator", "progress/2030.yaml",
      progress_file("policies:\n  {p}:\n    indicators:\n      {I}: 5 kg\n"), "", 2, "kg",
      "「kg」と書かれています"),
    M("progress-policy-in-full-width", "progress/2030.yaml",
      progress_file("policies:\n  {pw}:\n    comment: 進んだ。\n"), "", 2, "{pw}", "半角"),
    M("progress-file-named-in-wareki", "progress/R12.yaml",
      progress_file("policies:\n  {p}:\n    comment: 進んだ。\n"), "", 2, None, "2030.yaml にしてください"),
    M("progress-comma-in-value", "progress/2030.yaml",
      progress_file("policies:\n  {p}:\n    indicators:\n      {I}: 1,500\n"), "", 2, "1,500", "1500 と書きます"),
    M("style-check-id", "style.yaml", None, "checks:\n  text-sentense: {max_length: 100}\n", 2, "text-sentense",
      "「text-sentence」のことですか"),
    M("style-check-id-invisible", "style.yaml", None, "checks:\n  text-sentence\u200b: {max_length: 100}\n", 2,
      "text-sentence", "〔U+200B〕", "消してください"),
    M("style-option-typo", "style.yaml", None, "checks:\n  text-sentence: {max_lenght: 100}\n", 2, "max_lenght",
      "「max_length」のことですか"),
    M("style-severity-word", "style.yaml", None, "checks:\n  markup: {severity: warn}\n", 2, "warn",
      "「warning」のことですか"),
    M("style-option-of-another-check", "style.yaml", None, "checks:\n  artwork: {min_dpi: 200}\n", 2,
      "min_dpi", "artwork-resolution の設定です"),
    M("style-ignore-file-case", "style.yaml", None,
      "ignore:\n  - {check: text-doubled, file: Policies/{p}.yaml, reason: 原文どおり}\n", 2, "Policies",
      "「{P}」のことですか"),
]

# Habits staff bring from Word and Excel, numbers typed by hand and values
# written for 「not known yet」: the second list of docs/mistakes.md.
HABITS = [
    "policy-curly-quoted-title", "policy-curly-quotes-in-text", "policy-tab-in-title", "policy-tab-in-text",
    "policy-nbsp-indent", "artwork-windows-path", "policy-circled-direction", "policy-note-with-mark",
    "policy-code-with-hyphens", "policy-placeholder-number", "policy-placeholder-unit",
    "policy-one-enter-between-paragraphs", "policy-department-invisible", "artwork-image-nfd",
]

COMMON = [
    "policy-title-bracket", "policy-hash-in-title", "policy-dash-no-space", "policy-thousands-in-braces",
    "policy-wareki-target", "policy-departments-one-string", "policy-copied-file", "policy-broken-ruby",
    "artwork-image-case", "policy-key-typo",
]
