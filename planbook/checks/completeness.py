"""Missing content: values not written yet, 施策 pages not written, artwork
images not delivered. A warning in a draft, an error with --final.

合格例 (pass)::

    future: |
      市内産業が活性化し、…

不合格例 (fail)::

    future:            # 未入力: 下書きでは「未入力」と表示、--final ではエラー
"""
from __future__ import annotations

from . import Hit

ID = "completeness"
TITLE = "未入力の項目・未作成の施策ページ・未着の画像"
SEVERITY = "warning"
FINAL = True
DEFAULTS: dict = {}

NAMES = {"future": "10年後の姿", "directions": "施策推進の方向性", "indicators": "目標指標",
         "collaboration": "市民と行政の協働方針", "body": "本文", "lead": "前文",
         "summary": "説明", "title": "名前", "motto": "標語", "visions_intro": "将来像の前文"}


def _missing(node, fields, where, unit):
    for name in fields:
        if getattr(node, name) is None:
            yield Hit(f"{where}の「{NAMES.get(name, name)}」（{name}）がまだ書かれていません。",
                      node.loc_of(name), unit)


def check(plan, options):
    info = plan.info
    for name in ("title", "municipality", "period"):
        if getattr(info, name) is None:
            yield Hit(f"plan.yaml の「{name}」がまだ書かれていません。", info.loc_of(name))
    c = plan.concept
    if c.philosophy is not None:
        yield from _missing(c.philosophy, ("lead", "motto", "body"), "基本理念", "基本理念")
    if c.visions_intro is None:
        yield Hit("将来像の前文（visions_intro）がまだ書かれていません。", c.loc, "将来像")
    if c.philosophy is not None and c.philosophy.artwork is None:
        yield Hit("基本理念の作品の掲載枠（artwork）がまだ決まっていません。",
                  c.philosophy.loc_of("artwork"), "作品")
    for v in c.visions:
        yield from _missing(v, ("title", "summary"), f"将来像{v.number}", "将来像")
        if v.artwork is None:
            yield Hit(f"将来像{v.number} の作品の掲載枠（artwork）がまだ決まっていません。"
                      "下書きでは「作品画像 未着」と表示します。", v.loc_of("artwork"), "作品")
        for g in v.goals:
            yield from _missing(g, ("title", "body"), f"基本目標{g.code}", f"基本目標{g.code}")
    for p in plan.policies:
        unit = f"施策{p.code}"
        if p.title is None:
            yield Hit(f"施策{p.code} の名前（title）がまだ書かれていません。", p.loc_of("title"), unit)
        if not p.has_page:
            yield Hit(f"施策{p.code} のページ（10年後の姿・方向性・指標・協働方針）がまだありません。"
                      "計画の体系には「未作成」と表示します。", p.loc, unit)
            continue
        yield from _missing(p, ("future", "directions", "indicators", "collaboration"),
                            f"施策{p.code}", unit)
        for n, d in enumerate(p.directions or (), 1):
            if d.body is None:
                yield Hit(f"施策{p.code} の方向性 {n} の本文がまだ書かれていません。", d.loc, unit)
        for ind in p.indicators or ():
            for field, label in (("baseline", "現状値"), ("target", "目標値")):
                m = getattr(ind, field)
                if m is None or m.value is None:
                    yield Hit(f"施策{p.code} の指標「{ind.name or '（名前なし）'}」の{label}が未入力です。",
                              (m or ind).loc, unit)
            for field, label in (("unit", "単位"), ("direction", "方向")):
                if getattr(ind, field) is None:
                    yield Hit(f"施策{p.code} の指標「{ind.name or '（名前なし）'}」の{label}（{field}）が未入力です。",
                              ind.loc_of(field), unit)
        if p.collaboration is not None and p.collaboration.summary is None:
            yield Hit(f"施策{p.code} の協働方針の要約（summary）が未入力です。",
                      p.collaboration.loc_of("summary"), unit)
    for a in plan.artwork:
        if a.image is None:
            yield Hit(f"作品「{a.id}」の画像がまだ届いていません（image が空）。"
                      "下書きでは「作品画像 未着」と表示します。", a.loc_of("image"), "作品")
        for field, label in (("school", "学校名"), ("grade", "学年"), ("name", "名前"),
                             ("reading", "読み")):
            if getattr(a, field) is None:
                yield Hit(f"作品「{a.id}」の{label}（{field}）が未入力です。", a.loc_of(field), "作品")
        if a.consent is not True:
            yield Hit(f"作品「{a.id}」の掲載同意（consent）が確認されていません。同意がないと、"
                      "最終版には名前と作品を載せられません。", a.loc_of("consent"), "作品")
