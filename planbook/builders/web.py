"""The HTML edition (issue 22): static pages drawn from the booklet's view
(planbook.present), in OUT/html/: a top page (title, 基本理念, 将来像, the
計画の体系 as a table), a page of the 基本目標, one page per 施策
(policies/<code>.html), the children's artwork and one stylesheet.

No script, relative links only: it works opened from a folder. The same
input gives the same bytes (pages and files in a fixed order, no dates).
Every word comes from the view or planbook.present.labels; the templates
are layouts/web/."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup, escape

from .. import files
from ..present import labels as L
from ..present.view import Blank, Booklet, NoteLine, NoteMark, Para, RubyText, Run, Struck
from ..render import typeset
from . import Builder, Output, access

FOLDER = "html"
LAYOUT = "web"
STYLESHEET = "web.css"
IMAGES = "images"
POLICIES = "policies"
PART_KIND = "html-file"
_SAFE = re.compile(r"[0-9A-Za-z_-]+")
_FILE = re.compile(r"[0-9A-Za-z_.-]+")


# -- inline content --------------------------------------------------------------

class Footnotes:
    """The footnotes of one page: each note line gets a number unique in the
    page (fn-N), each ※ marker pointing at it a reference (ref-N, then
    ref-N-2 …) and the note a link back to the first."""

    def __init__(self):
        self.count = 0
        self.refs: dict[int, int] = {}

    def scope(self, lines: tuple[NoteLine, ...]) -> "Scope":
        numbered = []
        for line in lines:
            self.count += 1
            numbered.append((self.count, line))
        return Scope(self, tuple(numbered))


@dataclass
class Scope:
    """The note lines of one unit (a 施策, a 基本目標) with their numbers."""
    page: Footnotes
    lines: tuple[tuple[int, NoteLine], ...] = ()
    _by_label: dict = field(default_factory=dict)

    def __post_init__(self):
        for n, line in self.lines:
            self._by_label.setdefault(line.label, n)

    def mark(self, label: str) -> Markup:
        n = self._by_label.get(label)
        if n is None:            # a marker with no note: shown, linked nowhere
            return Markup('<sup class="note-ref">') + escape(label) + Markup("</sup>")
        k = self.page.refs.get(n, 0) + 1
        self.page.refs[n] = k
        ref = f"ref-{n}" if k == 1 else f"ref-{n}-{k}"
        return Markup(f'<sup class="note-ref"><a href="#fn-{n}" id="{ref}">') + escape(label) \
            + Markup("</a></sup>")

    def referenced(self, n: int) -> bool:
        return n in self.page.refs


NO_NOTES = Scope(Footnotes())


def inline(p: Para | None, scope: Scope | None = None, notes: bool = True) -> Markup:
    """A view paragraph as HTML: escaped text, ※ markers as footnote links
    (through `scope`), ruby as <ruby>, a blank as the one placeholder style.
    The web edition is never a proof: struck text is left out."""
    if p is None:
        return Markup("")
    scope = scope or NO_NOTES       # a text whose unit has no notes: markers unlinked
    out: list[Markup] = []
    for t in p.inlines:
        if isinstance(t, Run):
            out.append(escape(t.text))
        elif isinstance(t, NoteMark):
            if notes:
                out.append(scope.mark(t.label))
        elif isinstance(t, RubyText):
            out.append(Markup("<ruby>") + escape(t.base) + Markup("<rp>（</rp><rt>")
                       + escape(t.reading) + Markup("</rt><rp>）</rp></ruby>"))
        elif isinstance(t, Blank):
            out.append(Markup('<span class="placeholder">') + escape(t.text) + Markup("</span>"))
        elif isinstance(t, Struck):
            continue
    return Markup("").join(out)


# -- pages -------------------------------------------------------------------------

def policy_file(code: str) -> str:
    """policies/411.html; a code with other characters is quoted."""
    name = code if _SAFE.fullmatch(code) else quote(code, safe="")
    return f"{POLICIES}/{name}.html"


@dataclass(frozen=True)
class PolicyEntry:
    """A 施策 of the 体系 in its order: its page (None: not written yet)."""
    code: str
    heading: object               # view.Heading
    goal: object                  # view.Heading | None
    vision: object                # view.Heading | None
    page: object                  # view.PolicyPage | None


def policy_entries(view: Booklet) -> list[PolicyEntry]:
    """Every 施策 of the 計画の体系, in its order, once."""
    written = {p.code: p for p in view.written_policies()}
    out, seen = [], set()
    vision = goal = None
    for r in view.system.rows:
        if r.vision_span:
            vision = r.vision
        if r.goal_span:
            goal = r.goal
        if r.policy is None or r.removed or r.policy.code in seen:
            continue
        seen.add(r.policy.code)
        out.append(PolicyEntry(r.policy.code, r.policy, goal, vision, written.get(r.policy.code)))
    for code, p in written.items():          # a written page the table misses: never dropped
        if code not in seen:
            out.append(PolicyEntry(code, p.heading, p.goal, None, p))
    return out


class HtmlBuilder(Builder):
    name = "html"
    kind = "html"
    label = "HTML版"
    kinds = (PART_KIND,)

    def prepare(self) -> None:
        access.require_alt(self.plan, self.ctx.booklet(), "HTML版")

    def build(self, outdir: Path, done: list[Output] = ()) -> list[Output]:
        view = self.ctx.booklet()
        root = Path(outdir) / FOLDER
        root.mkdir(parents=True, exist_ok=True)
        layouts = self.ctx.layouts
        written: list[Path] = []

        def page(template: str, rel: str, **values) -> Path:
            up = "../" * rel.count("/")
            html = typeset.template(layouts, (LAYOUT, "booklet"), template).render(
                b=view, L=L, up=up, here=rel, inline=inline, Footnotes=Footnotes,
                policy_file=policy_file, image=images.get, **values)
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8", newline="\n")
            written.append(path)
            return path

        images = self.copy_images(view, root, written)
        css = typeset.template(layouts, (LAYOUT, "booklet"), STYLESHEET).render()
        (root / STYLESHEET).write_text(css, encoding="utf-8", newline="\n")
        written.append(root / STYLESHEET)

        entries = policy_entries(view)
        index = page("index.html", "index.html", entries=entries)
        page("goals.html", "goals.html", entries=entries)
        for n, e in enumerate(entries):
            page("policy.html", policy_file(e.code), e=e,
                 prev=entries[n - 1] if n else None,
                 next=entries[n + 1] if n + 1 < len(entries) else None)
        rest = sorted(set(written) - {index})
        # the files of an earlier edition that this one has not (a 施策 removed) are removed
        outputs = [Output(kind=self.kind, path=index, extra={"files": len(rest) + 1}, whole=True)]
        # the other files, each in the manifest (placed and hashed), not listed to the user
        outputs += [Output(kind=PART_KIND, path=p, extra={"part_of": self.kind}, whole=True)
                    for p in rest]
        return outputs

    def copy_images(self, view: Booklet, root: Path, written: list[Path]) -> dict:
        """Each artwork image inside the source folder copied to images/
        (read through planbook.files); slot id -> its path from html/."""
        source = self.plan.source_dir
        out = {}
        for s in access.slots(view):
            if s.image is None:
                continue
            try:
                rel = Path(s.image).resolve().relative_to(Path(source).resolve())
                data = files.read_bytes(source, rel, files.IMAGE_LIMIT)
            except (ValueError, files.FileProblem, OSError):
                continue          # outside the source folder or unreadable: the missing box
            name = "-".join(rel.parts)
            if not _FILE.fullmatch(name) or name.startswith("."):
                name = f"artwork-{len(out) + 1}{rel.suffix if _FILE.fullmatch(rel.suffix) else ''}"
            dest = root / IMAGES / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            if dest not in written:
                dest.write_bytes(data)
                written.append(dest)
            out[s.image] = f"{IMAGES}/{name}"
        return out
