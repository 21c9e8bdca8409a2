"""Proofs for a proofreading round: the draft booklet stamped with the round
and date on every page (layouts/proof/proof.css), each paragraph's id in the
margin, every change since OLD marked where it happened; a summary on the
first page (the changes with their pages, the checks' errors); one packet
per 担当課 on request; the round recorded in source/rounds/N/."""
from __future__ import annotations

import shutil
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from ..files import safe_name
from ..proofs import sheet as proofsheet
from ..proofs.rounds import RoundError, prepare_record, round_name
from ..render import Stylesheet, policy_pages, typeset
from . import Builder, BuildError, Output
from .docx import packet


def stamp_text(number: int, date: str) -> str:
    return f"{round_name(number)}　{date}"


class ProofBuilder(Builder):
    """Options: number (the round), date, comparison (planbook.diff's, with
    OLD; None without --against), against (OLD's label), by_department,
    record, force, ids (what the record keeps of the paragraph ids),
    return_by (a date, else plan.yaml's proof.return_days)."""
    name = "proof"
    kind = "proof"
    label = "校正刷り"

    def prepare(self) -> None:
        o = self.options
        self.recording = None
        if o.get("record", True):
            try:
                self.recording = prepare_record(self.plan, o["number"], o["date"],
                                                force=o.get("force", False),
                                                extra=o.get("ids") or {})
            except (RoundError, OSError) as e:
                raise BuildError(f"この回を記録できません: {e}") from e

    def build(self, outdir: Path, done: list[Output] = ()) -> list[Output]:
        o, ctx = self.options, self.ctx
        outdir = Path(outdir)
        cmp = o.get("comparison")
        view = ctx.booklet(cmp.changes if cmp is not None else o.get("marks"))
        sheet = Stylesheet("proof/proof.css", {"stamp": stamp_text(o["number"], o["date"])})
        doc, self.findings = ctx.lay_out(view, [sheet])
        self.shifted = self._shifted(view, doc, sheet)
        name = f"{self.plan.info.output_name}-proof-{o['number']}"
        path = outdir / f"{name}.pdf"
        body = outdir / f".{name}-body.pdf"
        typeset.write(doc, body)
        self.entries = proofsheet.entries(cmp, doc) if cmp is not None else []
        checks = proofsheet.findings_summary(ctx.findings)
        front = 0
        if cmp is not None or checks["errors"]:
            front = self._with_summary(body, path, checks)
        else:
            shutil.copyfile(body, path)
        extra = {"round": o["number"], "date": o["date"], "changed": len(self.entries),
                 "summary_pages": front}
        if cmp is not None:
            extra["changes"] = dict(proofsheet.counts(self.entries))
        if checks["errors"]:
            extra["check_errors"] = checks["errors"]
        outputs = [Output(kind=self.kind, path=path, pages=front + len(doc.pages), extra=extra)]
        if o.get("by_department"):
            outputs += self.packets(view, doc, body, outdir, name)
        body.unlink()
        return outputs

    def publish(self):
        """Record the round in source/rounds/N/ as part of putting the proof
        in place (planbook.package): undone with the rest if a later step fails."""
        if self.recording is None:
            return None
        self.recording.place()
        return self.recording.undo

    def _shifted(self, view, doc, sheet) -> list[str]:
        """The 施策 whose pages differ from the booklet's because the marks
        (deleted text, removed items) made a spread run over; the layout's
        findings are then the booklet's own, not the marks'."""
        if not view.proof or not self.findings:
            return []
        plain, self.findings = self.ctx.lay_out(self.ctx.booklet(), [sheet])
        ours, theirs = policy_pages(doc), policy_pages(plain)
        return [code for code in ours if ours[code] != theirs.get(code)]

    def _with_summary(self, body: Path, path: Path, checks: dict) -> int:
        """The summary page(s) in front of the booklet's pages; their count."""
        o, ctx = self.options, self.ctx
        sheet = path.with_name(f".{path.stem}-summary.pdf")
        pages = proofsheet.render(
            "summary.html", sheet, ctx.layouts, ctx.fonts, title=self.plan.info.title or "",
            round=round_name(o["number"]), date=o["date"], against=o.get("against") or "",
            compared=o.get("comparison") is not None, entries=self.entries,
            counts=proofsheet.counts(self.entries), checks=checks, words=proofsheet.WORDS,
            shifted=self.shifted[:1] and [self._label(self.shifted[0])])
        writer = PdfWriter()
        writer.append(str(sheet))
        writer.append(str(body))
        with open(path, "wb") as f:
            writer.write(f)
        sheet.unlink()
        return pages

    def packets(self, view, doc, body: Path, outdir: Path, name: str) -> list[Output]:
        """One PDF per department, in the city's order: a cover sheet, then
        only its 施策 pages (taken from the booklet's pages); and the same
        packet as DOCX, with the checks' findings and the proof marks as
        comments (builders.docx.packet)."""
        o, ctx = self.options, self.ctx
        pages = policy_pages(doc)
        by_code = {p.code: p for p in view.written_policies()}
        info = self.plan.info
        settings = info.proof
        due = proofsheet.deadline(o["date"], o.get("return_by"),
                                  settings.return_days if settings else None)
        reader = PdfReader(body)
        outputs = []
        for i, dept in enumerate(proofsheet.departments(self.plan), 1):
            policies = [by_code[p.code] for p in self.plan.policies
                        if dept in p.departments and p.code in pages and p.code in by_code]
            if not policies:
                continue
            rows = [(p.heading.label, p.heading.title.plain,
                     " 〜 ".join(dict.fromkeys(proofsheet.folio(n) for n in pages[p.code])),
                     sum(e.unit == p.code for e in self.entries), f"{p.code}/…")
                    for p in policies]
            path = outdir / f"{name}-{i:02d}-{safe_name(dept)}.pdf"
            cover = outdir / f".cover-{i}.pdf"
            proofsheet.render(
                "packet-cover.html", cover, ctx.layouts, ctx.fonts, title=view.title,
                department=dept, round=round_name(o["number"]), date=o["date"], deadline=due,
                contact=(settings.contact if settings else None) or "", rows=rows,
                compared=o.get("comparison") is not None, example=_example(policies[0]))
            writer = PdfWriter()
            writer.append(str(cover))
            for p in policies:
                first, last = pages[p.code]
                writer.append(reader, pages=(first - 1, last))
            with open(path, "wb") as f:
                writer.write(f)
            cover.unlink()
            extra = {"department": dept, "round": o["number"],
                     "policies": [p.code for p in policies]}
            outputs.append(Output(kind="packet", path=path, pages=len(writer.pages), extra=extra))
            docx = path.with_suffix(".docx")
            comments = packet.write(docx, ctx.booklet(), view, [p.code for p in policies], self.plan, ctx.findings,
                                    self.entries, packet.Packet(
                                        view.title, round_name(o["number"]), o["number"], o["date"],
                                        dept, due, (settings.contact if settings else None) or "",
                                        rows, o.get("comparison") is not None))
            outputs.append(Output(kind="proof-packet-docx", path=docx,
                                  extra={**extra, "comments": comments}))
        return outputs

    def _label(self, code: str) -> str:
        p = next((p for p in self.plan.policies if p.code == code), None)
        return self.plan.policy_label(p) if p else code

    def finish(self, entries: list[dict]) -> list[str]:
        """What was recorded, a warning when the plan had uncommitted edits,
        and what the packets' covers lack."""
        o = self.options
        lines = []
        settings = self.plan.info.proof
        due = o.get("return_by") or (settings is not None and settings.return_days is not None)
        if o.get("by_department") and not due:
            lines.append("担当課ごとの冊子の表紙に返却期限を入れるには、--return-by YYYY-MM-DD を付けるか、"
                         "plan.yaml の proof: に return_days（校正刷りの日付から何日後か）を書いてください。")
        if o.get("by_department") and not (settings and settings.contact):
            lines.append("担当課ごとの冊子の表紙に返却先を入れるには、plan.yaml の proof: に contact を書いてください。")
        listed = set(self.plan.info.departments)
        stray = [(d, p.code) for p in self.plan.policies for d in p.departments
                 if listed and d not in listed]
        if o.get("by_department") and stray:
            shown = "、".join(f"{d}（施策{c}）" for d, c in stray[:5])
            lines.append(f"plan.yaml の departments にない担当課があります: {shown}。書き誤りでなければ "
                         "departments に加えてください（その課の冊子は一覧の後ろに並べました）。")
        if self.shifted:
            lines.append(f"注意: 校正の印（削除した文など）のため {self._label(self.shifted[0])} の見開きに"
                         "収まらず、そこから後のページ番号が冊子とずれています（1 ページ目にも書いています）。")
        rec = getattr(self, "recording", None)
        if rec is None:
            return lines
        lines += [f"この回の内容を {rec.dest} に記録しました。次の回で --against round:{o['number']} と"
                 "して比べられます（リポジトリに commit してください）。"]
        if rec.replaced is not None:
            lines.append(f"以前の記録は {rec.replaced} に残しました。")
        if rec.uncommitted:
            shown = "、".join(rec.uncommitted[:5]) + (" ほか" if len(rec.uncommitted) > 5 else "")
            lines.append(f"警告: 計画のフォルダに commit していない変更があります（{shown}）。"
                         "この回の記録には変更後の内容が入っていますが、記録の git_revision の時点とは"
                         "違います。変更と記録を一緒に commit してください。")
        return lines


def _example(page) -> tuple[str, str]:
    """A paragraph id of a department's first 施策, and what it points at."""
    for d in page.directions:
        live = [p for p in d.body if p.id and not p.removed]
        if live and not d.removed:
            return live[0].id, f"{page.heading.label} 方向性{d.number}の第1段落"
    for p in page.future:
        if p.id:
            return p.id, f"{page.heading.label} 10年後の姿の段落"
    return f"{page.code}/title", f"{page.heading.label} の施策名"


__all__ = ["ProofBuilder", "BuildError", "stamp_text"]
