import re
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml

from conftest import COMPLETE

from planbook.checking import load_plan, run_checks
from planbook.findings import LoadFailed

# A sentence of the complete test plan (policies/111.yaml, line 7) that tests rewrite.
SENTENCE = "困り事を抱えた市民が、身近な場所で相談でき、必要な支援に早くつながっています。"
SENTENCE_FILE, SENTENCE_LINE = "policies/111.yaml", 7


def findings(source: Path, code: str, final: bool = False):
    return [f for f in run_checks(load_plan(source), final=final) if f.code == code]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write_sentence(source: Path, new: str) -> None:
    """Replace the sentence of policies/111.yaml:7 with `new` (one line)."""
    edit(source / SENTENCE_FILE, SENTENCE, new)


def style(source: Path, text: str) -> None:
    (source / "style.yaml").write_text(text, encoding="utf-8")


def load_errors(source: Path):
    """The findings of a load that must fail."""
    with pytest.raises(LoadFailed) as e:
        load_plan(source)
    return e.value.findings


# -- one check on a small plan, the way yamllint tests its rules ------------------
#
# run_check("text-sentence", {"policies/111.yaml": "future: |\n  …\n"}, conf="max_length: 10")
# writes a small complete plan (every check passes it, even with --final) into a
# temporary folder, with the given files laid over it, loads it through the real
# loader and returns the findings of that one check.

MINIMAL = {
    "plan.yaml": """\
municipality: みなと野市
title: 第2次みなと野市総合計画
period: {start: 2027, end: 2036}
baseline_year: 2025
""",
    "concept.yaml": """\
philosophy:
  lead: |
    基本理念は、市民と市が共に目指すまちの姿を示すものです。
  motto: 海と緑に抱かれ 人がつながるまち
  body: |
    私たちは、この理念を共有し、一人ひとりが自分らしく暮らせるまちを共に創ります。
  artwork: concept
visions_intro: |
  基本理念のもと、将来像を掲げ、分野ごとの取組を進めます。
visions:
  - number: 1
    title: 誰もが健やかに暮らせる
    summary: |
      医療と福祉が身近にあり、誰もが安心して暮らせるまちを目指します。
    artwork: vision-1
    goals:
      - code: 11
        title: 地域で支え合う福祉の充実
        body: |
          地域の中で互いに支え合う仕組みを整えます。
""",
    "artwork.yaml": """\
concept:
  image: artwork/concept.png
  alt: 青空と太陽の下、色とりどりの家が並ぶ町で三人の子どもが遊ぶ絵
  school: みなと野第一小学校
  grade: 6
  name: 海野 陽菜
  reading: うみの ひな
  consent: true
vision-1:
  image: artwork/vision-1.png
  alt: 夕焼け色の空の下、川沿いに並ぶ家と木の前に三人の子どもが立つ絵
  school: みなと野第二小学校
  grade: 3
  name: 森 大和
  reading: もり やまと
  consent: true
""",
    "policies/111.yaml": """\
code: 111
goal: 11
title: 相談支援体制の充実
departments: [福祉課]
future: |
  困り事を抱えた市民が、身近な場所で相談でき、必要な支援に早くつながっています。
directions:
  - title: 相談窓口を一つにまとめます
    body: |
      福祉に関する相談を一か所で受け付け、担当する部署へ確実につなぎます。
indicators:
  - name: 総合相談窓口の相談件数
    unit: 件
    baseline: {value: 1840, year: 2025}
    target: {value: 2400, year: 2036}
    direction: up
collaboration:
  summary: 市民と行政が協働し、支援が必要な人を地域で見守ります。
  citizens: |
    近所の人の変化に気を配り、気になることがあれば相談窓口に知らせます。
  government: |
    相談を確実に受け止め、関係機関と連携して支援につなげます。
""",
}
IMAGES = ("artwork/concept.png", "artwork/vision-1.png")     # 2000 × 1400 px
TEXT_FILE = "policies/111.yaml"        # where a plain-text example goes: its 10年後の姿

_HEADER = re.compile(r"^#\s*([\w./-]+\.ya?ml)\s*$")
_COMMENT = re.compile(r"\s+#.*$")


def _top_blocks(text: str) -> dict[str, str]:
    """Top-level key -> its lines, of one of the MINIMAL files."""
    blocks: dict[str, str] = {}
    key = None
    for line in text.splitlines(keepends=True):
        if line[:1] not in (" ", "#", "\n", ""):
            key = line.split(":", 1)[0].strip()
            blocks[key] = ""
        blocks[key] += line
    return blocks


def overlay(base: str, snippet: str) -> str:
    """`snippet` first (so its lines keep their numbers), then the keys of
    `base` it does not set. A snippet that is not a mapping is the file."""
    try:
        node = yaml.compose(snippet)
    except yaml.YAMLError:
        return snippet
    if not isinstance(node, yaml.MappingNode):
        return snippet
    given = {str(k.value) for k, _ in node.value}
    rest = "".join(b for k, b in _top_blocks(base).items() if k not in given)
    return snippet.rstrip("\n") + "\n" + rest


def text_files(text: str) -> dict[str, str]:
    """A plain-text example as the 10年後の姿 of 施策111: one paragraph a line."""
    lines = [_COMMENT.sub("", ln).strip() for ln in text.splitlines()]
    body = "\n\n".join(f"  {ln}" for ln in lines if ln)
    return {TEXT_FILE: f"future: |\n{body}\n"}


def example_files(block: str) -> dict[str, str]:
    """The files of a docstring example: YAML under `# <file>.yaml` lines, or text."""
    lines = block.splitlines()
    if not lines or not _HEADER.match(lines[0].strip()):
        return text_files(block)
    files: dict[str, list[str]] = {}
    current = None
    for line in lines:
        m = _HEADER.match(line.strip())
        if m:
            current = m.group(1)
            files[current] = []
        else:
            files[current].append(line)
    return {name: "\n".join(body).strip("\n") + "\n" for name, body in files.items()}


def write_plan(folder: Path, files: dict[str, str] | None = None, conf=None,
               check: str | None = None) -> Path:
    """The minimal plan in `folder` with `files` laid over it; `conf` (YAML text
    or a dict) becomes style.yaml's `checks: {<check>: …}`."""
    files = dict(files or {})
    for name, text in {**MINIMAL, **files}.items():
        if name in MINIMAL and name in files:
            text = overlay(MINIMAL[name], files[name])
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name in IMAGES:
        if not (folder / name).exists():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(COMPLETE / name, folder / name)
    if conf is not None:
        if not isinstance(conf, str):
            conf = yaml.safe_dump(conf, allow_unicode=True, default_flow_style=True)
        body = "".join(f"    {ln}\n" for ln in conf.strip("\n").splitlines())
        extra = files.get("style.yaml", "")
        (folder / "style.yaml").write_text(f"checks:\n  {check}:\n{body}{extra}", encoding="utf-8")
    return folder


def run_check(check: str, files: dict[str, str] | None = None, conf=None, *,
              text: str | None = None, final: bool = False):
    """The findings of one check on the minimal plan with `files` (or `text` as
    施策111's 10年後の姿) and the check's settings `conf`."""
    if text is not None:
        files = {**(files or {}), **text_files(text)}
    with tempfile.TemporaryDirectory(prefix="planbook-check-") as tmp:
        source = write_plan(Path(tmp) / "source", files, conf, check)
        return [f for f in run_checks(load_plan(source), final=final) if f.code == check]
