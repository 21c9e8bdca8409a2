"""A department's proof packet as DOCX (manifest kind proof-packet-docx):
a cover, then only its 施策, drawn by the booklet's DOCX writer; every
paragraph of the plan carries its id (planbook.proofs.packet: a bookmark
and the table in a custom XML part); every check finding and every proof
mark on those 施策 is a Word comment at its paragraph; Word opens it with
変更履歴の記録 on. What the department sends back is read by
planbook.intake.word."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor
from docx.text.run import Run as DocxRun

from ... import ooxml, reproducible
from ...findings import ERROR, Finding
from ...present.view import Para, PolicyPage, Run, Struck
from ...proofs import packet as fmt
from ...terminal import neutral
from ...walk import policy_paragraphs
from . import styles
from .pages import PageWriter, _table, _widths
from .styles import COVER, LABEL, NOTE, TABLE

SEVERITY = {ERROR: "エラー"}
ID_SIZE = Pt(7)
ID_COLOUR = RGBColor(0x80, 0x80, 0x80)
HOW_TO = (
    "Word の［校閲］タブで［変更履歴の記録］がオンになっていることを確かめてから（このファイルは"
    "オンで開きます）、本文を直接直してください。直したところは変更履歴として返却先に届きます。",
    "説明や質問は、その段落にコメントを付けて書いてください。planbook のコメント（チェックの"
    "結果・前の回からの変更）にはコメントで返信できます。",
    "段落を分けたり加えたり、表や見出しを直したりするときは、本文を変えずにコメントで伝えてください。",
    "各段落の終わりの〔111/future/1〕などは段落の番号です（校正刷りの左の余白の番号と同じ）。"
    "番号と、番号のブックマーク（pb で始まる名前）は消さないでください。",
)


@dataclass(frozen=True)
class Packet:
    """What one department's packet shows besides its 施策."""
    title: str                  # the plan's
    round_name: str             # 再校
    round: int
    date: str
    department: str
    deadline: str
    contact: str
    rows: list                  # (label, title, pages, changes, ids) as on the PDF cover
    compared: bool


class PacketWriter(PageWriter):
    """The booklet's DOCX writer, noting where each plan paragraph is."""

    def __init__(self, doc, view, source_dir=None):
        super().__init__(doc, view, source_dir)
        self.entries: list[fmt.Entry] = []
        self.places: dict[str, tuple] = {}      # id -> (docx Paragraph, its text's w:r)

    def inline(self, par, p: Para | None, markers: bool = True):
        if p is None or not p.id or p.placeholder or p.removed or p.id in self.places:
            return super().inline(par, p, markers)
        before = len(par._p.r_lst)
        prefix = ooxml.paragraph_text(par._p)
        super().inline(par, p, markers)
        runs = par._p.r_lst[before:]
        n = len(self.entries) + 1
        shown = fmt.label(p.id)
        tag = par.add_run(shown)
        tag.font.size = ID_SIZE
        tag.font.color.rgb = ID_COLOUR
        self.entries.append(fmt.Entry(n, p.id, prefix, shown, fmt.digest(fmt.printed(p))))
        self.bookmarks += 1
        ooxml.add_bookmark(par, fmt.bookmark(n, p.id), self.bookmarks)
        self.places[p.id] = (par, runs)
        return par

    def comment(self, pid: str, text: str) -> None:
        par, runs = self.places[pid]
        if not runs:
            runs = [par.add_run()._r]
        c = self.doc.add_comment([DocxRun(r, par) for r in runs], neutral(text), fmt.AUTHOR,
                                 fmt.INITIALS)
        c._comment_elm.date = reproducible.build_time()

    def front(self, k: Packet) -> None:
        """The cover: what this is, by when, to whom, how to answer."""
        for _ in range(2):
            self.body.paragraph()
        self.body.paragraph(k.title, style="Title")
        self.body.paragraph(f"{k.department} 校正用（{k.round_name}　{k.date}）", style=COVER)
        facts = [("返却期限", k.deadline), ("返却先", k.contact)]
        for word, value in facts:
            if value:
                self.body.paragraph(f"{word}：{value}", style=COVER)
        names = ["施策", "施策名", "冊子のページ", "段落の番号"] + (["変更"] if k.compared else [])
        table = _table(self.body, 1 + len(k.rows), names, _widths(*COLS[:len(names)]))
        for row, (label, name, pages, changes, ids) in zip(table.rows[1:], k.rows):
            values = [label, name, pages, ids] + ([str(changes)] if k.compared else [])
            for cell, value in zip(row.cells, values):
                par = cell.paragraphs[0]
                self.body.set_style(par, TABLE)
                par.add_run(value)
        self.body.paragraph("お願い", style=LABEL)
        for line in HOW_TO:
            self.body.paragraph(line, style=NOTE)


COLS = (18, 52, 22, 30, 10)         # the cover table's columns, in proportion


def _marks_of(page: PolicyPage) -> dict[str, tuple[list[str], list[str]]]:
    """Per paragraph id of a marked 施策 page: the changed text and the
    text a proof shows deleted."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    for p in fmt.page_paragraphs(page):
        changed = [i.text for i in p.inlines if isinstance(i, Run) and i.changed]
        struck = [i.text for i in p.inlines if isinstance(i, Struck)]
        if changed or struck:
            out[p.id] = (changed, struck)
    return out


def mark_text(word: str, where: str, marks: tuple[list[str], list[str]]) -> str:
    """The comment of a proof mark: what changed, where, which characters."""
    text = f"【前の回からの{word}】{where}"
    changed, struck = marks
    if changed:
        text += "\n変わった文字: " + "／".join(f"「{t}」" for t in changed)
    if struck:
        text += "\n削った文字: " + "／".join(f"「{t}」" for t in struck)
    return text


def finding_text(f: Finding) -> str:
    word = SEVERITY.get(f.severity, "警告")
    return f"【チェック（{word}）{f.code}】{f.message}（{f.where()}）"


def _covers(par, line: int, column: int) -> bool:
    """Whether a model paragraph's text holds the source place line:column."""
    runs = par.places or ((0, par.loc.line, par.loc.column),)
    ends = [o for o, _, _ in runs[1:]] + [len(par.text)]
    for (o, ln, col), end in zip(runs, ends):
        if ln == line and (not column or col <= column <= col + (end - o)):
            return True
    return False


def finding_places(policy, findings: list[Finding]) -> list[tuple[str, Finding]]:
    """(paragraph id, finding) for each finding in a 施策's file: at the
    paragraph holding its place, else at the 施策's title."""
    paras = policy_paragraphs(policy) + [n.text for n in policy.notes if n.text is not None]
    out = []
    for f in findings:
        if f.file != policy.loc.file:
            continue
        hit = next((p for p in paras if f.line and _covers(p, f.line, f.column)), None)
        out.append((hit.id if hit else f"{policy.code}/title", f))
    return out


def write(path: Path, view, marked, codes: list[str], plan, findings: list[Finding], entries,
          k: Packet) -> int:
    """Write one department's packet: the 施策 `codes` as `view` (the
    booklet without proof marks: the text the department edits) draws them,
    the marks of `marked` and the summary's `entries` as comments; the
    number of comments it holds."""
    k = replace(k, department=neutral(k.department), contact=neutral(k.contact))
    doc = Document()
    styles.define(doc)
    styles.page_setup(doc)
    core = doc.core_properties
    core.title = f"{view.title} {k.department} 校正用（{k.round_name}）"
    core.author = view.author
    core.language = "ja-JP"
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.add_run(f"【{k.round_name}　{k.date}】{k.department}")
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    ooxml.add_field(footer, "PAGE")
    w = PacketWriter(doc, view, plan.source_dir)
    w.front(k)
    marked_pages = {p.code: p for p in marked.written_policies()}
    model = {p.code: p for p in plan.policies}
    comments = 0
    drawn = {p.code: p for p in view.written_policies()}
    policies = [drawn[c] for c in codes if c in drawn]
    for page in policies:
        w.policy(page, new_page=True)
    for page in policies:
        pids = [e.id for e in w.entries]
        marks = _marks_of(marked_pages[page.code]) if page.code in marked_pages else {}
        for e in entries:
            if e.unit != page.code:
                continue
            hit = [k for k in marks if k == e.key or k.startswith(e.key + "/")]
            mine = [marks[k] for k in hit]
            pid = next((k for k in hit if k in w.places), None) or _anchor(e.key, pids, page.code)
            w.comment(pid, mark_text(e.word, e.where, (
                [t for m in mine for t in m[0]], [t for m in mine for t in m[1]])))
            comments += 1
        for pid, f in finding_places(model[page.code], findings):
            w.comment(pid if pid in w.places else f"{page.code}/title", finding_text(f))
            comments += 1
    ooxml.japanese_settings(doc)
    ooxml.track_revisions(doc)
    table = fmt.Table(plan.info.output_name, neutral(plan.info.title or ""), k.round, k.date,
                      k.department, tuple(w.entries))
    guid = uuid.uuid5(uuid.NAMESPACE_URL, f"planbook:{plan.info.output_name}:{k.round}:"
                      f"{k.date}:{k.department}")
    ooxml.add_custom_xml(doc, table.xml(), str(guid).upper())
    ooxml.save_reproducibly(doc, path)
    return comments


def _anchor(key: str, pids: list[str], code: str) -> str:
    """The paragraph a proof mark's comment is anchored at: the paragraph
    itself, else the first of the item (a direction, an indicator), else
    the 施策's title."""
    if key in pids:
        return key
    return next((p for p in pids if p.startswith(key + "/")), f"{code}/title")
