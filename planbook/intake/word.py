"""A department's Word packet, as it comes back (planbook.builders.docx.packet
wrote it; planbook.proofs.packet is the format both share).

`read_packet(path, plan)` → `Packet`, simple dataclasses:

- `Packet.changes`: every tracked change (`Change`: kind `insertion` or
  `deletion` (w:ins / w:del, and w:moveTo / w:moveFrom), author, date as
  written (ISO 8601 or ""), its text, the id of its paragraph).
- `Packet.comments`: the department's comments (`Comment`: author, date,
  text, the text it is anchored to, the id of its paragraph, "" when outside
  any); planbook's own comments (findings, proof marks) are left out.
- `Packet.edits`: per paragraph whose text changed (`Edit`): its id, the
  printed text before and after (tracked changes accepted: insertions kept,
  deletions dropped; an edit made with 変更履歴 off counts too), where the
  paragraph is in the source (`file`, `line`, the loader's id `source_id`),
  its source text `old_source` and `new_source` (markup kept, planbook.intake
  .sourcemap), or `new_source` None with the reason in `errors`.
- `Packet.texts`: the new printed text per paragraph id, for every paragraph
  of the packet.
- `Packet.errors`: Japanese messages naming the file and the paragraph id:
  not a DOCX, damaged, too large once unpacked, not a packet, a packet of
  another plan or of another record of the round, an unknown id, a
  paragraph whose id bookmark was deleted, a paragraph changed in the
  source since the packet was made, a paragraph split, joined or added, an
  edit that cuts through a ruby or a ※ mark.

Nothing is written: applying `edits` to the source is the caller's step.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from .. import paths
from ..model import Plan
from ..present import booklet
from ..present.view import NoteMark
from ..proofs import ids as stable_ids
from ..proofs import packet as fmt
from ..proofs.rounds import list_rounds
from ..slots import slot_sizes
from ..terminal import scrubbed
from ..walk import paragraphs
from .sourcemap import Cut, rewrite

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
INSERTED = {f"{{{W}}}ins", f"{{{W}}}moveTo"}
DELETED = {f"{{{W}}}del", f"{{{W}}}moveFrom"}
TEXT = {f"{{{W}}}t", f"{{{W}}}delText"}

# A packet is a few hundred kB; these stop a crafted zip early.
MAX_FILE = 64 << 20
MAX_MEMBER = 64 << 20
MAX_TOTAL = 256 << 20
MAX_MEMBERS = 2000


@dataclass(frozen=True)
class Change:
    kind: str             # insertion | deletion
    author: str
    date: str
    text: str
    paragraph: str        # the paragraph id, "" outside any


@dataclass(frozen=True)
class Comment:
    author: str
    date: str
    text: str
    anchor: str           # the text the comment is attached to
    paragraph: str


@dataclass(frozen=True)
class Edit:
    paragraph: str        # the id printed on the proof
    old: str              # printed text the packet showed
    new: str              # printed text with every change accepted
    file: str = ""
    line: int = 0
    source_id: str = ""   # the loader's id of the paragraph
    old_source: str = ""
    new_source: str | None = None


@dataclass
class Packet:
    path: Path
    plan: str = ""
    round: int = 0
    date: str = ""
    department: str = ""
    changes: list[Change] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


class Unreadable(Exception):
    """The file cannot be read as a packet; the message is Japanese."""


def _parse(blob: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_blank_text=False)
    if b"<!DOCTYPE" in blob[:4096] or b"<!ENTITY" in blob:
        raise etree.XMLSyntaxError("DTD", None, 0, 0)
    return etree.fromstring(blob, parser)


def _open(path: Path) -> dict[str, object]:
    """The parts read from the packet: document, comments, tables (parsed)."""
    name = str(path)
    try:
        if path.stat().st_size > MAX_FILE:
            raise Unreadable(f"{name}: ファイルが大きすぎます（{MAX_FILE >> 20} MB まで）。")
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile, ValueError):
        raise Unreadable(f"{name}: Word の文書（.docx）として開けません。壊れているか、別の形式の"
                         "ファイルです。Word で開いて「Word 文書（.docx）」として保存し直してください。")
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_TOTAL:
            raise Unreadable(f"{name}: 展開すると大きすぎる .docx です（読みませんでした）。")

        def read(member: str) -> bytes:
            with zf.open(member) as f:
                data = f.read(MAX_MEMBER + 1)
            if len(data) > MAX_MEMBER:
                raise Unreadable(f"{name}: 展開すると大きすぎる .docx です（{member}）。")
            return data

        names = {i.filename for i in infos}
        try:
            if "word/document.xml" not in names:
                raise Unreadable(f"{name}: Word の文書（.docx）ではありません（本文がありません）。")
            parts = {"document": _parse(read("word/document.xml")),
                     "comments": _parse(read("word/comments.xml"))
                     if "word/comments.xml" in names else None, "tables": []}
            for n in sorted(names):
                if n.startswith("customXml/item") and n.endswith(".xml") and "Props" not in n:
                    try:
                        parts["tables"].append(_parse(read(n)))
                    except etree.XMLSyntaxError:
                        continue
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError,
                NotImplementedError, etree.XMLSyntaxError):
            raise Unreadable(f"{name}: .docx の中身が壊れていて読めません。Word で開いて保存し直してください。")
    return parts


def _table(parts, name: str) -> fmt.Table:
    for root in parts["tables"]:
        try:
            table = fmt.Table.parse(root)
        except (ValueError, TypeError):
            raise Unreadable(f"{name}: 段落の番号の表が壊れています。planbook が書き出した .docx を"
                             "もう一度使ってください。")
        if table is not None:
            return table
    raise Unreadable(f"{name}: planbook の担当課ごとの校正刷り（.docx）ではありません（段落の番号の表が"
                     "ありません）。`planbook proof --by-department` が書き出した .docx に直して返してください。")


def _state(el) -> tuple[str, object]:
    """('ins' | 'del' | '', the revision element) of a text element."""
    for a in el.iterancestors():
        if a.tag in INSERTED:
            return "ins", a
        if a.tag in DELETED:
            return "del", a
    return "", None


def _in_ruby_reading(el) -> bool:
    return any(a.tag == f"{{{W}}}rt" for a in el.iterancestors())


def _pieces(p):
    """(text, state, revision element) of each text of a w:p, in order."""
    for el in p.iter(*TEXT, f"{{{W}}}tab"):
        if _in_ruby_reading(el):
            continue
        if el.tag == f"{{{W}}}tab":
            if el.getparent().tag != f"{{{W}}}r":
                continue
            text = "\t"
        else:
            text = el.text or ""
        state, rev = _state(el)
        yield text, state, rev


def _mark(p, tag: str) -> bool:
    """Whether the paragraph mark of w:p is tracked as inserted / deleted."""
    return p.find(f"{{{W}}}pPr/{{{W}}}rPr/{{{W}}}{tag}") is not None


def _ids_of(plan: Plan):
    """The plan with the ids its proofs print, its view, and per printed id
    (model paragraph, its view paragraph, the loader's id)."""
    printed, record, _ = stable_ids.stable(plan)
    back = {v: k for k, v in record.get("ids", {}).items()}
    view = scrubbed(booklet(printed, slot_sizes(paths.LAYOUTS), False))
    shown = {}
    for page in view.written_policies():
        paras = [page.heading.title, *page.future]
        for d in page.directions:
            paras += [d.title, *d.body]
        paras += [n.text for n in page.notes] + [n.text for n in page.indicators.notes]
        if page.collaboration.summary is not None:
            paras.append(page.collaboration.summary)
        for cell in page.collaboration.cells or ():
            paras += list(cell)
        for q in paras:
            if q.id and not q.placeholder:
                shown.setdefault(q.id, q)
    model = {p.id: p for _, p in paragraphs(printed)}
    return {pid: (model[pid], q, back.get(pid, pid)) for pid, q in shown.items() if pid in model}


def read_packet(path, plan: Plan) -> Packet:
    """What a department's Word packet says (see the module's docstring)."""
    path = Path(path)
    name = str(path)
    out = Packet(path)
    try:
        parts = _open(path)
        table = _table(parts, name)
    except Unreadable as e:
        out.errors.append(str(e))
        return out
    out.plan, out.round, out.date, out.department = (table.plan, table.round, table.date,
                                                     table.department)
    if table.plan != plan.info.output_name or table.title != (plan.info.title or ""):
        out.errors.append(f"{name}: 別の計画の校正刷りです（{table.title or table.plan}）。"
                          f"この計画（{plan.info.title}）の校正刷りではないので読みません。")
        return out
    recorded = {r.number: r for r in list_rounds(plan.source_dir)}
    r = recorded.get(table.round)
    if r is not None and r.date and table.date and r.date != table.date:
        out.errors.append(f"{name}: この校正刷りは第{table.round}回の {table.date} のものですが、"
                          f"記録にある第{table.round}回は {r.date} のものです（作り直す前の校正刷り）。"
                          "最新の校正刷りで返してもらってください。")
        return out
    by_number = {e.number: e for e in table.entries}
    known = _ids_of(plan)
    met: set[str] = set()               # ids whose bookmark is in the document
    doc = parts["document"]
    body = doc.find(f"{{{W}}}body")
    last_id = ""
    for p in (body.iter(f"{{{W}}}p") if body is not None else ()):
        pid = ""
        for b in p.iter(f"{{{W}}}bookmarkStart"):
            n = fmt.number_of(b.get(f"{{{W}}}name", ""))
            if n is None:
                continue
            if n not in by_number:
                out.errors.append(f"{name}: 段落の番号の印（{b.get(f'{{{W}}}name')}）が表にありません。"
                                  "番号の印は写したり作ったりしないでください。")
                continue
            pid = by_number[n].id
        pieces = list(_pieces(p))
        for rev in dict.fromkeys(rev for _, _, rev in pieces if rev is not None):
            kind = "insertion" if rev.tag in INSERTED else "deletion"
            text = "".join(t for t, _, r in pieces if r is rev)
            out.changes.append(Change(kind, rev.get(f"{{{W}}}author", ""),
                                      rev.get(f"{{{W}}}date", ""), text, pid))
        if not pid:
            if any(s == "ins" and t.strip() for t, s, _ in pieces) or _mark(p, "ins"):
                where = f"段落 {last_id} の後" if last_id else "最初の段落の前"
                out.errors.append(f"{name}: {where}に、番号のない段落を加えた（または段落を分けた）"
                                  "変更があります。反映できないので、加える文はコメントで伝えてください。")
            continue
        if pid in met:
            out.errors.append(f"{name}: 段落 {pid} の番号の印が二か所にあります（段落を写した？）。"
                              "二つ目は読みません。")
            continue
        last_id = pid
        met.add(pid)
        entry = next(e for e in table.entries if e.id == pid)
        new_full = "".join(t for t, s, _ in pieces if s != "del")
        if not new_full.startswith(entry.prefix):
            out.errors.append(f"{name}: 段落 {pid} の頭の「{entry.prefix.strip()}」が直されています。"
                              "番号や記号は直さず、直したいときはコメントで伝えてください。")
            continue
        new = new_full[len(entry.prefix):]
        if entry.suffix and entry.suffix in new:    # the id label, wherever text was added
            cut = new.rindex(entry.suffix)
            new = new[:cut] + new[cut + len(entry.suffix):]
        out.texts[pid] = new
        if _mark(p, "del"):
            out.errors.append(f"{name}: 段落 {pid} を次の段落とつなげています（段落記号の削除）。"
                              "反映できないので、コメントで伝えてください。")
            continue
        found = known.get(pid)
        if found is None:
            out.errors.append(f"{name}: 段落 {pid} は今の計画にありません（校正刷りの後に削ったか、"
                              "番号が違います）。")
            continue
        model, shown, source_id = found
        before = fmt.printed(shown)
        if fmt.digest(before) != entry.digest:
            out.errors.append(f"{name}: 段落 {pid}（{model.loc.file}:{model.loc.line}）は、校正刷りを"
                              "作った後に source で変わっています。今の文と見比べて、手で直してください。")
            continue
        if new == before:
            continue
        if not new.strip():
            out.errors.append(f"{name}: 段落 {pid} の文がすべて消されています。段落を削るときは"
                              "コメントで伝えてください。")
            continue
        labels = [i.label for i in shown.inlines if isinstance(i, NoteMark)]
        edit = Edit(pid, before, new, model.loc.file, model.loc.line, source_id, model.text)
        try:
            edit = replace(edit, new_source=rewrite(model.text, labels, new))
        except Cut as e:
            out.errors.append(f"{name}: 段落 {pid}（{model.loc.file}:{model.loc.line}）: {e}")
        out.edits.append(edit)
    for e in table.entries:
        if e.id not in met:
            out.errors.append(f"{name}: 段落 {e.id} の番号の印（ブックマーク）が消されています。"
                              "この段落の直しは読めません。段落ごと消したときは、コメントで伝えてください。")
    out.comments = _comments(parts, doc, by_number)
    return out


def _comments(parts, doc, by_number) -> list[Comment]:
    """The comments not written by planbook, with their anchor text and paragraph."""
    root = parts["comments"]
    if root is None:
        return []
    anchors: dict[str, list[str]] = {}
    where: dict[str, str] = {}
    open_ids: list[str] = []
    body = doc.find(f"{{{W}}}body")
    for p in (body.iter(f"{{{W}}}p") if body is not None else ()):
        pid = ""
        for b in p.iter(f"{{{W}}}bookmarkStart"):
            n = fmt.number_of(b.get(f"{{{W}}}name", ""))
            if n in by_number:
                pid = by_number[n].id
        for el in p.iter():
            cid = el.get(f"{{{W}}}id")
            if el.tag == f"{{{W}}}commentRangeStart":
                open_ids.append(cid)
                anchors.setdefault(cid, [])
                where.setdefault(cid, pid)
            elif el.tag == f"{{{W}}}commentRangeEnd" and cid in open_ids:
                open_ids.remove(cid)
            elif el.tag == f"{{{W}}}commentReference":
                where.setdefault(cid, pid)
            elif el.tag in TEXT and not _in_ruby_reading(el) and _state(el)[0] != "del":
                for c in open_ids:
                    anchors[c].append(el.text or "")
    out = []
    for c in root.iter(f"{{{W}}}comment"):
        author = c.get(f"{{{W}}}author", "")
        if author == fmt.AUTHOR:
            continue
        cid = c.get(f"{{{W}}}id")
        text = "\n".join("".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
                         for p in c.iter(f"{{{W}}}p"))
        out.append(Comment(author, c.get(f"{{{W}}}date", ""), text,
                           "".join(anchors.get(cid, [])), where.get(cid, "")))
    return out
