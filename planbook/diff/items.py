"""Rows of list items and fields: directions, indicators, notes, artwork
credits and the plan.yaml facts."""
from __future__ import annotations

from .. import present
from ..present import labels as L
from ..present.values import circled, direction_key
from ..model import Artwork, Direction, Indicator, Plan
from ..proofs.rounds import image_digests
from . import chars
from .align import by_key, with_moves
from .lines import Builder, Recorder, plain, printed, row
from .result import CHANGED, SAME, UnitDiff

ADDED_WORD = L.PROOF_ADDED


def _direction_sim(a: Direction, b: Direction) -> float:
    ta, tb = plain(a.title), plain(b.title)
    body = chars.similarity("\n".join(plain(p) for p in a.body or ()),
                            "\n".join(plain(p) for p in b.body or ()))
    title = chars.similarity(ta, tb)
    score = 0.4 * title + 0.6 * body
    return max(score, 0.9 if ta == tb and ta else 0.0, body if body > 0.8 else 0.0)


def _index(items) -> dict[int, int]:
    return {id(x): n for n, x in enumerate(items, 1)}


def direction_rows(bl: Builder, code: str, old, new) -> list:
    old, new = list(old or ()), list(new or ())
    pairs, moved = with_moves(old, new, _direction_sim)
    oi, ni = _index(old), _index(new)
    out, shown = [], 0
    for a, b in pairs:
        na, nb = (oi[id(a)] if a else 0), (ni[id(b)] if b else 0)
        ka = direction_key(a, na, code) if a else ""
        kb = direction_key(b, nb, code) if b else ""
        lines = [bl.para("title", a and a.title, b and b.title,
                         circled(na) if a else "", circled(nb) if b else "")]
        lines += bl.text("body", a and a.body, b and b.body, f"{kb}/body" if b else "")
        d, n = (b, nb) if b else (a, na)
        moved_from = circled(na) if a and b and nb - 1 in moved else ""
        if b is None:
            bl.rec.removed_item(f"{code}/directions", shown, a, circled(na), ka)
        else:
            shown += 1
            if a is None:
                bl.rec.note(kb, ADDED_WORD)
            else:
                bl.rec.pair(kb, ka)
            if moved_from:
                bl.rec.note(kb, L.moved_from(moved_from))
        item = f"{circled(n)} {printed(d.title, {}) or ''}"
        out.append(row(L.SECTION_SHORT["directions"], item, kb or ka, lines, moved_from,
                       [kb] if b else [f"del:{ka}"]))
    return out


def _indicator_sim(a: Indicator, b: Indicator) -> float:
    name = chars.similarity(a.name or "", b.name or "")
    return name if (a.unit or "") == (b.unit or "") else name * 0.9


def _measure(m) -> str:
    value, year = present.measure(m)
    return f"{value}（{year}）"


_NAME, _UNIT, _BASE, _TARGET, _DIRECTION = L.INDICATOR_COLUMNS
INDICATOR_FIELDS = (
    ("name", _NAME, lambda i: i.name or present.PLACEHOLDER),
    ("unit", _UNIT, lambda i: i.unit or present.PLACEHOLDER),
    ("baseline", _BASE, lambda i: _measure(i.baseline)),
    ("target", _TARGET, lambda i: _measure(i.target)),
    ("direction", _DIRECTION, lambda i: present.DIRECTION_WORDS.get(i.direction or "",
                                                                 present.PLACEHOLDER)),
    ("cumulative", "累計", lambda i: "累計" if i.cumulative else ""),
)
# The cells of the indicator table as the booklet prints them (the proof
# shows the old value of a changed cell beside the new).
CELLS = (
    ("name", lambda i: i.name or present.PLACEHOLDER),
    ("unit", lambda i: i.unit or present.PLACEHOLDER),
    ("baseline", lambda i: present.measure(i.baseline)[0]),
    ("baseline_year", lambda i: present.measure(i.baseline)[1]),
    ("target", lambda i: present.measure(i.target)[0]),
    ("target_year", lambda i: present.measure(i.target)[1]),
    ("direction", lambda i: present.DIRECTION_WORDS.get(i.direction or "", present.PLACEHOLDER)),
    ("cumulative", lambda i: L.CUMULATIVE if i.cumulative else "（累計でない）"),
)


def indicator_rows(bl: Builder, code: str, old, new) -> list:
    old, new = list(old or ()), list(new or ())
    pairs, moved = with_moves(old, new, _indicator_sim, crossed=False)
    oi, ni = _index(old), _index(new)
    out, shown = [], 0
    for a, b in pairs:
        lines = [bl.value(f, label, a and get(a), b and get(b))
                 for f, label, get in INDICATOR_FIELDS]
        lines.append(bl.para("note", a and a.note, b and b.note, "備考", "備考"))
        ind = b or a
        moved_from = f"旧{oi[id(a)]}行目" if a and b and ni[id(b)] - 1 in moved else ""
        r = row(L.POLICY_SECTIONS["indicators"], ind.name or "", ind.id, lines, moved_from,
                [b.id] if b else [f"del:{a.id}"])
        if b is None:
            bl.rec.removed_item(f"{code}/indicators", shown, a, "", a.id)
        else:
            shown += 1
            if a is None:
                bl.rec.note(b.id, ADDED_WORD)
            else:
                bl.rec.pair(b.id, a.id)
                for f, get in CELLS:
                    if get(a) != get(b):
                        bl.rec.cell(b.id, f, get(a))
            if moved_from:
                bl.rec.note(b.id, L.moved_from(moved_from))
        if r.kind != SAME:
            bl.rec.item(ind.id, r.changed_fields)
        out.append(r)
    return out


def note_rows(bl: Builder, key: str, old, new) -> list:
    out, shown = [], 0
    for a, b in by_key(list(old), list(new), lambda n: n.key):
        la = bl.old_labels.get(a.key, L.NOTE_MARK) if a else ""
        lb = bl.new_labels.get(b.key, L.NOTE_MARK) if b else ""
        n = b or a
        if b is None and a.text is not None:
            bl.rec.removed_item(f"{key}/notes", shown, a, la, a.text.id)
        shown += b is not None
        out.append(row("注釈", n.key, f"{key}/notes/{n.key}",
                       [bl.para("text", a and a.text, b and b.text, la, lb)]))
    return out


def _period(p: Plan) -> str:
    return present.period_label(p)


PLAN_FIELDS = (
    ("municipality", "自治体名", lambda p: p.info.municipality),
    ("title", "計画名", lambda p: p.info.title),
    ("subtitle", "副題", lambda p: p.info.subtitle),
    ("period", "計画期間", _period),
    ("baseline_year", "現状値の基準年度",
     lambda p: present.fiscal_year(p.info.baseline_year) if p.info.baseline_year else None),
    ("vision_suffix", "将来像の結びの語", lambda p: p.info.vision_suffix),
    ("policy_label", "施策の表示", lambda p: p.info.policy_label),
)


def plan_unit(old: Plan, new: Plan, rec: Recorder) -> UnitDiff:
    bl = Builder(rec)
    rows = []
    for f, label, get in PLAN_FIELDS:
        a, b = get(old) or "", get(new) or ""
        r = row(label, "", f"plan/{f}", [bl.value(f, label, a, b)], anchors=[f"plan/{f}"])
        if r is not None:
            rows.append(r)
            if r.kind != SAME:
                rec.cell("plan", f, a or present.PLACEHOLDER)
    changed = [r.lines[0].field for r in rows if r.kind != SAME]
    rec.item("plan", changed)
    kind = CHANGED if changed else SAME
    return UnitDiff("plan", "基本情報", "計画の基本情報", kind, tuple(rows))


def _image(art: Artwork) -> str:
    return art.image or present.PLACEHOLDER


CREDIT_FIELDS = (
    ("school", L.CREDIT_FIELDS["school"], lambda a: a.school or present.PLACEHOLDER),
    ("grade", L.CREDIT_FIELDS["grade"],
     lambda a: f"{a.grade}年" if a.grade else present.PLACEHOLDER),
    ("name", L.CREDIT_FIELDS["name"], lambda a: a.name or present.PLACEHOLDER),
    ("reading", L.CREDIT_FIELDS["reading"], lambda a: a.reading or present.PLACEHOLDER),
    ("consent", L.CREDIT_FIELDS["consent"],
     lambda a: {True: "あり", False: "なし"}.get(a.consent, present.PLACEHOLDER)),
)


def _slot_users(plan: Plan) -> dict[str, str]:
    users = {}
    ph = plan.concept.philosophy
    if ph is not None and ph.artwork:
        users[ph.artwork] = L.CHAPTERS["philosophy"]
    for v in plan.concept.visions:
        if v.artwork:
            users[v.artwork] = L.vision_label(v.number)
    return users


def artwork_unit(old: Plan, new: Plan, rec: Recorder) -> UnitDiff:
    bl = Builder(rec)
    da, db = image_digests(old), image_digests(new)
    users = {**_slot_users(old), **_slot_users(new)}
    rows = []
    for a, b in by_key(list(old.artwork), list(new.artwork), lambda x: x.id):
        lines = [bl.value(f, label, a and get(a), b and get(b)) for f, label, get in CREDIT_FIELDS]
        ia, ib = a and _image(a), b and _image(b)
        if a and b and a.image and a.image == b.image \
                and None not in (da.get(a.image), db.get(b.image)) \
                and da[a.image] != db[b.image]:
            ib = f"{ib}（画像を差し替え）"
        lines.append(bl.value("image", L.CREDIT_FIELDS["image"], ia, ib))
        art = b or a
        where = users.get(art.id)
        item = f"{art.id}（{where}）" if where else art.id
        r = row("", item, f"artwork/{art.id}", lines, anchors=[f"artwork/{art.id}"])
        if r.kind != SAME:
            rec.item(f"artwork/{art.id}", r.changed_fields)
            for ln in r.lines:
                if ln.changed and ln.old is not None:
                    rec.cell(f"artwork/{art.id}", ln.old_label, "".join(x.text for x in ln.old))
        rows.append(r)
    kind = CHANGED if any(r.kind != SAME for r in rows) else SAME
    return UnitDiff("artwork", "作品", "作品クレジット", kind, tuple(rows))
