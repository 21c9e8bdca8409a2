"""A department's Word packet, as it comes back (planbook.builders.docx.packet
wrote it; planbook.proofs.packet is the format both share).

`read_packet(path, plan)` → `Packet`, simple dataclasses:

- `Packet.changes`: every tracked change (`Change`: kind `insertion` or
  `deletion` (w:ins / w:del, and w:moveTo / w:moveFrom), author, date as
  written (ISO 8601 or ""), its text, the id of its paragraph).
- `Packet.comments`: the department's comments (`Comment`: author, date,
  text, the text it is anchored to, the id of its paragraph, "" when outside
  any, and for a reply the text of the comment it answers: a reply to one
  of planbook's comments names the finding or mark it answers); planbook's
  own comments (findings, proof marks) are left out.
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

from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import paths
from ..model import Plan
from ..present import booklet
from ..present.view import NoteMark
from ..proofs import ids as stable_ids
from ..proofs import packet as fmt
from ..proofs.rounds import list_rounds
from ..slots import slot_sizes
from ..terminal import neutral, scrubbed
from ..walk import paragraphs
from .docxfile import Unreadable, open_parts
from .sourcemap import Cut, rewrite

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
INSERTED = {f"{{{W}}}ins", f"{{{W}}}moveTo"}
DELETED = {f"{{{W}}}del", f"{{{W}}}moveFrom"}
TEXT = {f"{{{W}}}t", f"{{{W}}}delText"}


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
    reply_to: str = ""    # the text of the comment it answers (Word's replies)


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
    """Per id the plan's proofs print: (model paragraph, view paragraph, the
    loader's id)."""
    printed, record, _ = stable_ids.stable(plan)
    back = {v: k for k, v in record.get("ids", {}).items()}
    view = scrubbed(booklet(printed, slot_sizes(paths.LAYOUTS), False))
    shown = {}
    for page in view.written_policies():
        for q in fmt.page_paragraphs(page):
            shown.setdefault(q.id, q)
    model = {p.id: p for _, p in paragraphs(printed)}
    return {pid: (model[pid], q, back.get(pid, pid)) for pid, q in shown.items() if pid in model}


def _marks_of(body) -> dict:
    """Per w:p, its packet bookmarks [(number, w:id, name)]: those inside it
    and those Word put between paragraphs just before it."""
    out: dict = {}
    pending: list = []
    current = None
    for el in body.iter(f"{{{W}}}p", f"{{{W}}}bookmarkStart"):
        if el.tag == f"{{{W}}}p":
            current = el
            out[el] = pending
            pending = []
            continue
        name = el.get(f"{{{W}}}name", "")
        n = fmt.number_of(name)
        if n is None:
            continue
        holder = next((a for a in el.iterancestors(f"{{{W}}}p")), None)
        (out[holder] if holder is not None and holder is current else pending).append(
            (n, el.get(f"{{{W}}}id"), name))
    return out


def _ends_in(p, bid) -> bool:
    """Whether bookmark `bid` ends in w:p (or between it and the next w:p)."""
    if any(e.get(f"{{{W}}}id") == bid for e in p.iter(f"{{{W}}}bookmarkEnd")):
        return True
    for sib in p.itersiblings():
        if sib.tag == f"{{{W}}}p" or sib.find(f".//{{{W}}}p") is not None:
            return False
        if sib.tag == f"{{{W}}}bookmarkEnd" and sib.get(f"{{{W}}}id") == bid:
            return True
    return False


def _round_error(name: str, table: fmt.Table, plan: Plan) -> str | None:
    if table.plan != plan.info.output_name or table.title != neutral(plan.info.title or ""):
        return (f"{name}: 別の計画の校正刷りです（{table.title or table.plan}）。"
                f"この計画（{plan.info.title}）の校正刷りではないので読みません。")
    r = {r.number: r for r in list_rounds(plan.source_dir)}.get(table.round)
    if r is not None and r.date and table.date and r.date != table.date:
        return (f"{name}: この校正刷りは第{table.round}回の {table.date} のものですが、"
                f"記録にある第{table.round}回は {r.date} のものです（作り直す前の校正刷り）。"
                "最新の校正刷りで返してもらってください。")
    return None


def read_packet(path, plan: Plan) -> Packet:
    """What a department's Word packet says (see the module's docstring)."""
    path = Path(path)
    name = str(path)
    out = Packet(path)
    try:
        parts = open_parts(path)
        table = _table(parts, name)
    except Unreadable as e:
        out.errors.append(str(e))
        return out
    out.plan, out.round, out.date, out.department = (table.plan, table.round, table.date,
                                                     table.department)
    refused = _round_error(name, table, plan)
    if refused:
        out.errors.append(refused)
        return out
    by_number = {e.number: e for e in table.entries}
    known = _ids_of(plan)
    met: set[str] = set()               # ids whose bookmark is in the document
    body = parts["document"].find(f"{{{W}}}body")
    marks = _marks_of(body) if body is not None else {}
    last_id = ""
    pids: dict = {}
    for p, found in marks.items():
        pieces = list(_pieces(p))
        stray = [nm for n, _, nm in found if n not in by_number]
        for nm in stray:
            out.errors.append(f"{name}: 段落の番号の印（{nm}）が表にありません。"
                              "番号の印は写したり作ったりしないでください。")
        ours = [(by_number[n], bid) for n, bid, _ in found if n in by_number]
        pid = ours[0][0].id if len(ours) == 1 else ""
        pids[p] = pid
        for rev in dict.fromkeys(rev for _, _, rev in pieces if rev is not None):
            kind = "insertion" if rev.tag in INSERTED else "deletion"
            text = "".join(t for t, _, r in pieces if r is rev)
            out.changes.append(Change(kind, rev.get(f"{{{W}}}author", ""),
                                      rev.get(f"{{{W}}}date", ""), text, pid))
        if len(ours) > 1:
            met.update(e.id for e, _ in ours)
            out.errors.append(f"{name}: 段落 {'と'.join(e.id for e, _ in ours)} を一つにつなげています。"
                              "反映できないので、つなげるときはコメントで伝えてください。")
            continue
        if not ours:
            if any(s == "ins" and t.strip() for t, s, _ in pieces) or _mark(p, "ins"):
                where = f"段落 {last_id} の後" if last_id else "最初の段落の前"
                out.errors.append(f"{name}: {where}に、番号のない段落を加えた変更があります。"
                                  "反映できないので、加える文はコメントで伝えてください。")
            continue
        (entry, bid), last_id = ours[0], pid
        if pid in met:
            out.errors.append(f"{name}: 段落 {pid} の番号の印が二か所にあります（段落を写した？）。"
                              "二つ目は読みません。")
            continue
        met.add(pid)
        new = "".join(t for t, s, _ in pieces if s != "del")
        if _mark(p, "ins") or not _ends_in(p, bid):
            out.errors.append(f"{name}: 段落 {pid} を二つに分けています（段落の中で改行した）。"
                              "反映できないので、分けるときはコメントで伝えてください。")
            continue
        if not new.startswith(entry.prefix):
            out.errors.append(f"{name}: 段落 {pid} の頭の「{entry.prefix.strip()}」が直されています。"
                              "番号や記号は直さず、直したいときはコメントで伝えてください。")
            continue
        problem = _edit(out, pid, entry, new[len(entry.prefix):], known.get(pid), _mark(p, "del"))
        if problem:
            out.errors.append(f"{name}: {problem}")
    for e in table.entries:
        if e.id not in met:
            out.errors.append(f"{name}: 段落 {e.id} の番号の印（ブックマーク）が消されています。"
                              "この段落の直しは読めません。段落ごと消したときは、コメントで伝えてください。")
    out.comments = _comments(parts, body, pids)
    return out


def _without_label(text: str, label: str, pid: str, before: str) -> str | None:
    """The paragraph's text without its id label (〔411/future/1〕) wherever
    text was added around it; None when the label was edited, not removed
    (`before`: the text as the packet showed it)."""
    if label and label in text:
        cut = text.rindex(label)
        return text[:cut] + text[cut + len(label):]
    if pid in text or any(text.count(c) > before.count(c) for c in label[:1] + label[-1:]):
        return None
    return text


def _edit(out: Packet, pid: str, entry, text: str, found, joined: bool) -> str | None:
    """Add the text and the edit of paragraph `pid` (`text`: all changes
    accepted, its label still in) to `out`; what is wrong with it, else None."""
    shown_before = fmt.printed(found[1]) if found is not None else ""
    new = _without_label(text, entry.suffix, pid, shown_before)
    if new is None:
        return (f"段落 {pid} の終わりの段落の番号「{entry.suffix}」が直されています。"
                "番号は直さないでください（消すときは丸ごと消してください）。")
    out.texts[pid] = new
    if joined:
        if not new.strip():
            return f"段落 {pid} をまるごと削っています。段落を削るときはコメントで伝えてください。"
        return (f"段落 {pid} を次の段落とつなげています（段落記号の削除）。"
                "反映できないので、コメントで伝えてください。")
    if found is None:
        return f"段落 {pid} は今の計画にありません（校正刷りの後に削ったか、番号が違います）。"
    model, shown, source_id = found
    before = shown_before
    place = f"{model.loc.file}:{model.loc.line}"
    if fmt.digest(before) != entry.digest:
        return (f"段落 {pid}（{place}）は、校正刷りを作った後に source で変わっています。"
                "今の文と見比べて、手で直してください。")
    if new == before:
        return None
    if not new.strip():
        return f"段落 {pid} の文がすべて消されています。段落を削るときはコメントで伝えてください。"
    labels = [i.label for i in shown.inlines if isinstance(i, NoteMark)]
    edit = Edit(pid, before, new, model.loc.file, model.loc.line, source_id, model.text)
    try:
        out.edits.append(replace(edit, new_source=rewrite(model.text, labels, new)))
    except Cut as e:
        out.edits.append(edit)
        return f"段落 {pid}（{place}）: {e}"
    return None


def _comments(parts, body, pids: dict) -> list[Comment]:
    """The comments not written by planbook, with their anchor text and
    paragraph (`pids`: the id of each w:p that has one)."""
    root = parts["comments"]
    if root is None:
        return []
    anchors: dict[str, list[str]] = {}
    where: dict[str, str] = {}
    open_ids: list[str] = []
    for p in (body.iter(f"{{{W}}}p") if body is not None else ()):
        pid = pids.get(p, "")
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
    texts, parent = _threads(root, parts.get("extended"))
    out = []
    for c in root.iter(f"{{{W}}}comment"):
        if c.get(f"{{{W}}}author", "") == fmt.AUTHOR:
            continue
        cid = c.get(f"{{{W}}}id")
        up = parent.get(cid)
        anchor, pid = "".join(anchors.get(cid, [])), where.get(cid, "")
        if up is not None and cid not in where:       # a reply without a range of its own
            anchor, pid = "".join(anchors.get(up, [])), where.get(up, "")
        out.append(Comment(c.get(f"{{{W}}}author", ""), c.get(f"{{{W}}}date", ""), texts[cid],
                           anchor, pid, texts.get(up, "") if up is not None else ""))
    return out


def _threads(root, extended) -> tuple[dict[str, str], dict[str, str]]:
    """Each comment's text, and the comment each reply answers
    (commentsExtended.xml: w15:paraIdParent names the parent's last paragraph)."""
    texts, last = {}, {}
    for c in root.iter(f"{{{W}}}comment"):
        cid = c.get(f"{{{W}}}id")
        paras = list(c.iter(f"{{{W}}}p"))
        texts[cid] = "\n".join("".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in paras)
        if paras and paras[-1].get(f"{{{W14}}}paraId"):
            last[paras[-1].get(f"{{{W14}}}paraId")] = cid
    parent = {}
    for ex in (extended.iter(f"{{{W15}}}commentEx") if extended is not None else ()):
        child, up = last.get(ex.get(f"{{{W15}}}paraId")), last.get(ex.get(f"{{{W15}}}paraIdParent"))
        if child is not None and up is not None and child != up:
            parent[child] = up
    return texts, parent
