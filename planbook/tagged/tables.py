"""Table headers from the table's grid. WeasyPrint 70 writes TD /Headers by
a column count that rowspans throw off (a TD gets no header, or the wrong
one) and no TH /Scope. Here every Table's rows are laid on a grid (rowspan
and colspan as HTML counts them); a TH in THead heads its columns (/Scope
/Column), a TH in a body row heads its row (/Scope /Row); each TD lists the
/ID of every TH over its columns and beside it in its rows."""
from __future__ import annotations

from pikepdf import Array, Dictionary, Name, String

from .tree import is_element, kids

SECTIONS = {"/THead", "/TBody", "/TFoot"}


def _rows(table):
    """(TR element, in THead) in order."""
    for kid in kids(table):
        if not is_element(kid):
            continue
        if kid.get("/S") in SECTIONS:
            for row in kids(kid):
                if is_element(row) and row.get("/S") == Name.TR:
                    yield row, kid.get("/S") == Name.THead
        elif kid.get("/S") == Name.TR:
            yield kid, False


def _attrs(cell) -> Dictionary:
    a = cell.get("/A")
    if isinstance(a, Array):        # several attribute objects: the Table one
        for item in a:
            if isinstance(item, Dictionary) and item.get("/O") == Name.Table:
                return item
        a = None
    if not isinstance(a, Dictionary):
        a = Dictionary(O=Name.Table)
        cell.A = a
    return a


def _span(attrs, name) -> int:
    try:
        return max(1, min(int(attrs.get(name, 1)), 1000))
    except (TypeError, ValueError):
        return 1


def _grid(table):
    """[(cell, row, col, rowspan, colspan, in THead)] of a table."""
    taken: set[tuple[int, int]] = set()
    cells = []
    for r, (row, head) in enumerate(_rows(table)):
        c = 0
        for cell in kids(row):
            if not is_element(cell) or cell.get("/S") not in (Name.TH, Name.TD):
                continue
            while (r, c) in taken:
                c += 1
            a = _attrs(cell)
            rs, cs = _span(a, "/RowSpan"), _span(a, "/ColSpan")
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            cells.append((cell, r, c, rs, cs, head))
            c += cs
    return cells


def headers(elements) -> None:
    """`elements`: Tree.walk()'s."""
    n = 0
    for table, _ in elements:
        if table.get("/S") != Name.Table:
            continue
        n += 1
        cells = _grid(table)
        col_heads: dict[int, list] = {}
        row_heads: dict[int, list] = {}
        for cell, r, c, rs, cs, head in cells:
            if cell.get("/S") != Name.TH:
                continue
            ident = String(f"T{n}-{r}-{c}")
            cell.ID = ident
            a = _attrs(cell)
            if head:
                a.Scope = Name.Column
                for dc in range(cs):
                    col_heads.setdefault(c + dc, []).append((r, ident))
            else:
                a.Scope = Name.Row
                for dr in range(rs):
                    row_heads.setdefault(r + dr, []).append((c, ident))
        for cell, r, c, rs, cs, head in cells:
            if cell.get("/S") != Name.TD:
                continue
            found = []
            for dc in range(cs):
                found += [i for hr, i in col_heads.get(c + dc, ()) if hr < r]
            for dr in range(rs):
                found += [i for hc, i in row_heads.get(r + dr, ()) if hc < c]
            unique = list(dict.fromkeys(str(i) for i in found))
            a = _attrs(cell)
            if unique:
                a.Headers = Array([String(i) for i in unique])
            elif "/Headers" in a:
                del a["/Headers"]
