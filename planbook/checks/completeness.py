"""Missing content: values not written yet (empty = null), 施策 pages not
written, ①② directions that are empty, artwork images not delivered and the
guardian's consent not confirmed. A warning in a draft (the booklet shows
「未入力」, 「未作成」 or 「作品画像 未着」), an error with --final.

合格例 (pass)::

    # policies/111.yaml
    future: |
      困り事を抱えた市民が、身近な場所で相談できています。

不合格例 (fail)::

    # policies/111.yaml
    future:            # 未入力: 下書きでは「未入力」と表示、--final ではエラー
"""
from __future__ import annotations

from . import Hit

ID = "completeness"
TITLE = "未入力の項目・未作成の施策ページ・未着の画像・掲載同意"
SEVERITY = "warning"
FINAL = True
OPTIONS: dict = {}
DEFAULTS: dict = {}

NAMES = {"future": "10年後の姿", "directions": "施策推進の方向性", "indicators": "目標指標",
         "collaboration": "市民と行政の協働方針", "body": "本文", "lead": "前文",
         "summary": "説明", "title": "名前", "motto": "標語", "school": "学校名",
         "grade": "学年", "name": "名前", "reading": "読み", "municipality": "市町村名",
         "period": "計画期間", "unit": "単位", "direction": "増減の方向"}


def _missing(node, fields, where, unit):
    for name in fields:
        value = getattr(node, name)
        if value is None or value == ():
            yield Hit(f"{where}の「{NAMES.get(name, name)}」（{name}）がまだ書かれていません。",
                      node.loc_of(name), unit)


def _concept(plan):
    c = plan.concept
    ph = c.philosophy
    if ph is not None:
        yield from _missing(ph, ("lead", "body"), "基本理念", "基本理念")
        if ph.artwork is None:
            yield Hit("基本理念の作品の掲載枠（artwork）がまだ決まっていません。"
                      "下書きでは「作品画像 未着」と表示します。", ph.loc_of("artwork"), "作品")
    if c.visions_intro is None:
        yield Hit("将来像の前文（visions_intro）がまだ書かれていません。", c.loc_of("visions_intro"),
                  "将来像")
    for v in c.visions:
        yield from _missing(v, ("title", "summary"), f"将来像{v.number}", "将来像")
        if v.artwork is None:
            yield Hit(f"将来像{v.number}の作品の掲載枠（artwork）がまだ決まっていません。"
                      "下書きでは「作品画像 未着」と表示します。", v.loc_of("artwork"), "作品")
        for g in v.goals:
            yield from _missing(g, ("title", "body"), f"基本目標{g.code}", f"基本目標{g.code}")


def _policy(p):
    unit = f"施策{p.code}"
    yield from _missing(p, ("title",), f"施策{p.code}", unit)
    if not p.has_page:
        yield Hit(f"施策{p.code}のページ（10年後の姿・方向性・指標・協働方針）がまだありません。"
                  "計画の体系には「未作成」と表示します。", p.loc, unit)
        return
    yield from _missing(p, ("future", "directions", "indicators", "collaboration"),
                        f"施策{p.code}", unit)
    for n, d in enumerate(p.directions or (), 1):
        if d.title is None and d.body is None:
            yield Hit(f"施策{p.code}の方向性 {n} つ目が空です（見出しも本文もありません）。",
                      d.loc, unit)
            continue
        if d.title is None:
            yield Hit(f"施策{p.code}の方向性 {n} つ目の見出し（title）がまだ書かれていません。",
                      d.loc_of("title"), unit)
        if d.body is None:
            yield Hit(f"施策{p.code}の方向性 {n} つ目の本文（body）がまだ書かれていません。",
                      d.loc_of("body"), unit)
    for ind in p.indicators or ():
        name = ind.name or "（名前なし）"
        for field, label in (("baseline", "現状値"), ("target", "目標値")):
            m = getattr(ind, field)
            if m is None or m.value is None:
                yield Hit(f"施策{p.code}の指標「{name}」の{label}がまだ書かれていません。",
                          m.loc_of("value") if m else ind.loc_of(field), unit)
        yield from _missing(ind, ("unit", "direction"), f"施策{p.code}の指標「{name}」", unit)
    c = p.collaboration
    if c is not None:
        if c.summary is None:
            yield Hit(f"施策{p.code}の協働方針の要約（summary）がまだ書かれていません。",
                      c.loc_of("summary"), unit)
        for have, missing, label in (("citizens", "government", "行政"), ("government", "citizens", "市民")):
            if getattr(c, have) is not None and getattr(c, missing) is None:
                yield Hit(f"施策{p.code}の協働方針の「{label}」（{missing}）がまだ書かれていません"
                          "（市民と行政は対で印刷します）。", c.loc_of(missing), unit)


def _artwork(plan):
    for a in plan.artwork:
        if a.image is None:
            yield Hit(f"作品「{a.id}」の画像がまだ届いていません（image が空）。"
                      "下書きでは「作品画像 未着」と表示します。", a.loc_of("image"), "作品")
        yield from _missing(a, ("school", "grade", "name", "reading"), f"作品「{a.id}」", "作品")
        if a.consent is None:
            yield Hit(f"作品「{a.id}」の掲載同意（consent）がまだ確認されていません。"
                      "同意がないと、最終版には名前と作品を載せません。確認できたら consent: true に"
                      "してください。", a.loc_of("consent"), "作品")
        elif a.consent is False:
            yield Hit(f"作品「{a.id}」は掲載に同意されていません（consent: false）。"
                      "名前と作品は印刷されないので、別の作品にするか掲載枠を外してください。",
                      a.loc_of("consent"), "作品")


def check(plan, options):
    info = plan.info
    yield from _missing(info, ("municipality", "title", "period"), "plan.yaml", "計画全体")
    yield from _concept(plan)
    for p in plan.policies:
        yield from _policy(p)
    yield from _artwork(plan)
