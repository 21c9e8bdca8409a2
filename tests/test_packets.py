"""Word packets that come back: `proof --by-department` writes each
department's packet as DOCX too (ids in bookmarks and a table, findings and
proof marks as comments); the department edits it as Word does (w:ins /
w:del with author and date, comment ranges) and planbook.intake.word reads
what it says."""
import copy
import json
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from lxml import etree
from pypdf import PdfReader

from planbook.checking import load_plan
from planbook.cli import main
from planbook.intake import sourcemap
from planbook.intake.word import read_packet
from planbook.proofs import packet as fmt

from conftest import COMPLETE, SOURCE

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
AUTHOR, DATE = "福祉課 山田", "2026-11-20T10:00:00Z"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@pytest.fixture(scope="module")
def proofed(tmp_path_factory):
    """The complete plan proofed twice: round 1 recorded, then one paragraph
    edited (with a doubled phrase, a check warning) and round 2 made against
    round 1 by department. (source folder, out folder, manifest)."""
    src = tmp_path_factory.mktemp("packets") / "source"
    shutil.copytree(COMPLETE, src)
    out = src.parent / "build"
    assert main(["proof", str(src), "-o", str(out), "--round", "1", "--date", "2026-11-01"]) == 0
    f = src / "policies/111.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("担当する部署へ確実に", "担当する担当する部署へ速やかに"),
                 encoding="utf-8")
    assert main(["proof", str(src), "-o", str(out), "--round", "2", "--date", "2026-11-15",
                 "--against", "round:1", "--by-department"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return src, out, manifest


def packet_of(proofed, department: str):
    _, out, manifest = proofed
    entry = next(e for e in manifest["outputs"]
                 if e["kind"] == "proof-packet-docx" and e["department"] == department)
    return out / entry["path"], entry


def parts(path):
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def table_of(files) -> fmt.Table:
    for name, blob in files.items():
        if name.startswith("customXml/item") and "Props" not in name:
            t = fmt.Table.parse(etree.fromstring(blob))
            if t is not None:
                return t
    raise AssertionError("no id table")


def paragraph(doc, table, pid):
    """The w:p holding the id bookmark of paragraph `pid`."""
    n = next(e.number for e in table.entries if e.id == pid)
    for b in doc.iter(w("bookmarkStart")):
        if fmt.number_of(b.get(w("name"))) == n:
            return b.getparent()
    raise AssertionError(pid)


def text_of(p) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")) if t.getparent().getparent().tag != w("rt"))


# -- what the department does in Word ----------------------------------------

def _split(p, find: str):
    """Split the run of w:p holding `find` into before / find / after; the middle run."""
    for r in p.findall(w("r")):
        t = r.find(w("t"))
        if t is None or find not in (t.text or ""):
            continue
        before, after = t.text.split(find, 1)
        runs = []
        for piece in (before, find, after):
            new = copy.deepcopy(r)
            new.find(w("t")).text = piece
            new.find(w("t")).set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            runs.append(new)
        for new in runs:
            r.addprevious(new)
        p.remove(r)
        for new, piece in zip(runs, (before, find, after)):
            if not piece:
                p.remove(new)
        return runs[1]
    raise AssertionError(find)


def _revision(tag: str, rid: int, author=AUTHOR):
    el = etree.Element(w(tag))
    el.set(w("id"), str(rid))
    el.set(w("author"), author)
    el.set(w("date"), DATE)
    return el


def replace_tracked(p, find: str, new: str, rid: int, author=AUTHOR):
    """As Word records 変更履歴: the old text in w:del (w:delText), the new in w:ins."""
    run = _split(p, find)
    deleted = _revision("del", rid, author)
    run.addprevious(deleted)
    deleted.append(run)
    t = run.find(w("t"))
    t.tag = w("delText")
    if new:
        inserted = _revision("ins", rid + 1, author)
        deleted.addnext(inserted)
        r = copy.deepcopy(run)
        r.find(w("delText")).tag = w("t")
        r.find(w("t")).text = new
        inserted.append(r)


def add_comment(p, comments, find: str, text: str, cid: int, author=AUTHOR):
    """A comment range around `find` and its comment, as Word writes them."""
    run = _split(p, find)
    start, end = etree.Element(w("commentRangeStart")), etree.Element(w("commentRangeEnd"))
    start.set(w("id"), str(cid))
    end.set(w("id"), str(cid))
    run.addprevious(start)
    run.addnext(end)
    ref = etree.SubElement(etree.Element(w("r")), w("commentReference"))
    ref.set(w("id"), str(cid))
    end.addnext(ref.getparent())
    c = etree.SubElement(comments, w("comment"))
    for k, v in (("id", str(cid)), ("author", author), ("date", DATE), ("initials", "山")):
        c.set(w(k), v)
    etree.SubElement(etree.SubElement(etree.SubElement(c, w("p")), w("r")), w("t")).text = text


def save(files, doc, comments, path):
    files = dict(files)
    files["word/document.xml"] = etree.tostring(doc, xml_declaration=True, encoding="UTF-8",
                                                standalone=True)
    files["word/comments.xml"] = etree.tostring(comments, xml_declaration=True, encoding="UTF-8",
                                                standalone=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in files.items():
            z.writestr(name, blob)
    return path


def edited(proofed, tmp_path, department="福祉課", edit=None):
    path, _ = packet_of(proofed, department)
    files = parts(path)
    doc = etree.fromstring(files["word/document.xml"])
    comments = etree.fromstring(files["word/comments.xml"]) if "word/comments.xml" in files \
        else etree.Element(w("comments"), nsmap={"w": W})
    table = table_of(files)
    if edit:
        edit(doc, comments, lambda pid: paragraph(doc, table, pid))
    return save(files, doc, comments, tmp_path / "返却.docx")


# -- the packet as written ------------------------------------------------------

def test_one_docx_per_department_beside_its_pdf(proofed):
    _, out, manifest = proofed
    pdfs = {e["department"]: e for e in manifest["outputs"] if e["kind"] == "packet"}
    docs = {e["department"]: e for e in manifest["outputs"] if e["kind"] == "proof-packet-docx"}
    assert set(docs) == set(pdfs) and "福祉課" in docs
    for dept, e in docs.items():
        assert e["path"] == pdfs[dept]["path"].removesuffix(".pdf") + ".docx"
        assert e["round"] == 2 and e["policies"] == pdfs[dept]["policies"]
        assert (out / e["path"]).is_file()


def test_only_the_departments_policies_with_their_ids(proofed):
    path, _ = packet_of(proofed, "福祉課")
    files = parts(path)
    table = table_of(files)
    assert (table.plan, table.round, table.date, table.department) == \
        ("minatono-plan", 2, "2026-11-15", "福祉課")
    ids = [e.id for e in table.entries]
    assert "111/directions/1/1" in ids and "112/notes/supporter" in ids
    assert not [i for i in ids if not i.startswith(("111/", "112/"))]
    doc = etree.fromstring(files["word/document.xml"])
    for e in table.entries:         # every id is in its paragraph, printed as a proof prints it
        p = paragraph(doc, table, e.id)
        assert text_of(p).startswith(e.prefix) and text_of(p).endswith(fmt.label(e.id))
        assert len(fmt.bookmark(e.number, e.id)) <= 40
    plan = load_plan(COMPLETE)
    future = next(p for p in plan.policies if p.code == "111").future[0].text
    assert text_of(paragraph(doc, table, "111/future/1")) == future + "〔111/future/1〕"
    settings = etree.fromstring(files["word/settings.xml"])
    assert settings.find(w("trackRevisions")) is not None


def test_findings_and_marks_are_comments_at_their_paragraph(proofed):
    path, entry = packet_of(proofed, "福祉課")
    files = parts(path)
    doc = etree.fromstring(files["word/document.xml"])
    table = table_of(files)
    comments = {c.comment_id: c for c in Document(path).comments}
    assert entry["comments"] == len(comments) == 2
    assert {c.author for c in comments.values()} == {fmt.AUTHOR}
    p = paragraph(doc, table, "111/directions/1/1")
    here = {int(el.get(w("id"))) for el in p.iter(w("commentRangeStart"))}
    texts = [comments[i].text for i in here]
    assert any("text-doubled" in t and "policies/111.yaml:11" in t for t in texts)
    mark = next(t for t in texts if "前の回からの変更" in t)
    assert "変わった文字: 「担当する」／「速やか」" in mark and "削った文字: 「確実」" in mark
    # nothing on the other department's packet
    other, _ = packet_of(proofed, "子育て支援課")
    assert len(Document(other).comments) == 0


# LibreOffice's PDF export with the comments as PDF notes (7.4 cannot put them in the margin).
EXPORT_WITH_COMMENTS = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'


def test_packet_opens_in_libreoffice_with_its_comments(proofed, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is missing: run `make test`, which installs it")
    path, _ = packet_of(proofed, "福祉課")
    r = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                        "--convert-to", EXPORT_WITH_COMMENTS, "--outdir", str(tmp_path), str(path)],
                       capture_output=True, text=True, timeout=300)
    pdf = tmp_path / (path.stem + ".pdf")
    assert r.returncode == 0 and pdf.exists(), r.stderr
    reader = PdfReader(pdf)
    text = "".join(p.extract_text() for p in reader.pages).replace(" ", "")
    assert "福祉課校正用（再校" in text and "施策111相談支援体制の充実" in text
    assert "〔111/directions/1/1〕" in text and "施策112" in text and "施策121" not in text
    notes = [a.get_object().get("/Contents", "") for p in reader.pages
             for a in p.get("/Annots") or () if a.get_object().get("/Subtype") == "/Text"]
    assert any("text-doubled" in n for n in notes)


def test_saved_again_by_libreoffice_reads_the_same(proofed, tmp_path):
    """A department using LibreOffice: its .docx keeps the ids, the table and the comments."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is missing: run `make test`, which installs it")
    src, _, _ = proofed
    path, _ = packet_of(proofed, "福祉課")
    again = tmp_path / "again"
    r = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                        "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(again), str(path)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    plan = load_plan(src)
    before, after = read_packet(path, plan), read_packet(again / path.name, plan)
    assert after.errors == [] and after.edits == [] and after.texts == before.texts
    assert len(after.texts) == 23 and len(Document(again / path.name).comments) == 2


# -- what comes back ----------------------------------------------------------------

def test_unedited_packet_reads_clean(proofed):
    src, _, _ = proofed
    path, _ = packet_of(proofed, "福祉課")
    r = read_packet(path, load_plan(src))
    assert r.errors == [] and r.changes == [] and r.comments == [] and r.edits == []
    assert (r.round, r.department) == (2, "福祉課")
    assert r.texts["111/future/1"].startswith("困り事を抱えた市民が")


def word_edits(doc, comments, para):
    p = para("111/directions/1/1")
    replace_tracked(p, "担当する担当する", "担当する", 101)
    add_comment(p, comments, "速やかに", "「速やかに」で問題ありません。", 50)
    replace_tracked(para("112/directions/3/1"), "養成し", "育成し", 103, author="健康推進課 佐藤")
    plain = para("111/future/1")       # edited with 変更履歴 off
    t = next(t for t in plain.iter(w("t")) if "身近な場所" in (t.text or ""))
    t.text = t.text.replace("身近な場所", "身近な地域")


def test_word_edits_reported_and_accepted(proofed, tmp_path):
    src, _, _ = proofed
    r = read_packet(edited(proofed, tmp_path, edit=word_edits), load_plan(src))
    assert r.errors == []
    kinds = {(c.kind, c.author, c.text, c.paragraph) for c in r.changes}
    assert kinds == {("deletion", AUTHOR, "担当する担当する", "111/directions/1/1"),
                     ("insertion", AUTHOR, "担当する", "111/directions/1/1"),
                     ("deletion", "健康推進課 佐藤", "養成し", "112/directions/3/1"),
                     ("insertion", "健康推進課 佐藤", "育成し", "112/directions/3/1")}
    assert all(c.date == DATE for c in r.changes)
    assert [(c.author, c.text, c.anchor, c.paragraph) for c in r.comments] == \
        [(AUTHOR, "「速やかに」で問題ありません。", "速やかに", "111/directions/1/1")]
    edits = {e.paragraph: e for e in r.edits}
    assert set(edits) == {"111/directions/1/1", "112/directions/3/1", "111/future/1"}
    e = edits["111/directions/1/1"]
    assert e.new == "福祉に関する相談を一か所で受け付け、担当する部署へ速やかにつなぎます。"
    assert (e.file, e.new_source) == ("policies/111.yaml", e.new)
    assert e.line and e.source_id == "111/directions/1/1"
    note = edits["112/directions/3/1"]       # the ※ mark's note reference is kept
    assert note.new_source == "認知症サポーター[^supporter]を育成し、地域全体で本人と家族を支えます。"
    assert note.new == "認知症サポーター※を育成し、地域全体で本人と家族を支えます。"
    assert "身近な地域" in edits["111/future/1"].new_source
    assert r.texts["111/directions/1/1"] == e.new


def test_edit_through_a_note_mark_is_refused(proofed, tmp_path):
    src, _, _ = proofed

    def cut(doc, comments, para):
        replace_tracked(para("222/directions/1/1"), "1", "", 7)     # in the run "※1"
    r = read_packet(edited(proofed, tmp_path, "環境課", cut), load_plan(src))
    (msg,) = r.errors
    assert "222/directions/1/1" in msg and "注の印「※1」の途中" in msg and "返却.docx" in msg
    (e,) = r.edits
    assert e.new_source is None


def test_deleted_bookmark_and_unknown_text(proofed, tmp_path):
    src, _, _ = proofed

    def damage(doc, comments, para):
        p = para("111/collaboration/summary")
        for b in p.findall(w("bookmarkStart")):
            p.remove(b)
        new = etree.Element(w("p"))
        ins = _revision("ins", 9)
        etree.SubElement(etree.SubElement(ins, w("r")), w("t")).text = "新しい段落"
        new.append(ins)
        para("111/future/1").addnext(new)
    r = read_packet(edited(proofed, tmp_path, edit=damage), load_plan(src))
    assert any("111/collaboration/summary" in m and "ブックマーク" in m for m in r.errors)
    assert any("111/future/1 の後" in m and "番号のない段落" in m for m in r.errors)
    assert ("insertion", "新しい段落", "") in {(c.kind, c.text, c.paragraph) for c in r.changes}


def test_source_changed_since_the_packet(proofed, tmp_path):
    src, _, _ = proofed
    copy_ = tmp_path / "source"
    shutil.copytree(src, copy_)
    f = copy_ / "policies/111.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("身近な場所で", "身近なところで"), encoding="utf-8")
    r = read_packet(edited(proofed, tmp_path, edit=word_edits), load_plan(copy_))
    (msg,) = r.errors
    assert "111/future/1" in msg and "policies/111.yaml:" in msg and "変わっています" in msg
    assert {e.paragraph for e in r.edits} == {"111/directions/1/1", "112/directions/3/1"}


def test_another_plan_or_record_of_the_round(proofed, tmp_path):
    src, _, _ = proofed
    path, _ = packet_of(proofed, "福祉課")
    r = read_packet(path, load_plan(SOURCE))
    assert len(r.errors) == 1 and "別の計画" in r.errors[0] and not r.edits
    copy_ = tmp_path / "source"
    shutil.copytree(src, copy_)
    meta = copy_ / "rounds/2/round.json"
    data = json.loads(meta.read_text(encoding="utf-8"))
    meta.write_text(json.dumps({**data, "date": "2026-11-20"}), encoding="utf-8")
    r = read_packet(path, load_plan(copy_))
    assert len(r.errors) == 1 and "2026-11-20" in r.errors[0]


def test_not_a_packet_corrupt_or_a_bomb(proofed, tmp_path, monkeypatch):
    src, out, _ = proofed
    plan = load_plan(src)
    pdf = next(out.glob("*-01-福祉課.pdf"))
    (msg,) = read_packet(pdf, plan).errors
    assert pdf.name in msg and ".docx" in msg
    plain = tmp_path / "普通の文書.docx"
    Document().save(plain)
    (msg,) = read_packet(plain, plan).errors
    assert "普通の文書.docx" in msg and "校正刷り" in msg
    broken = tmp_path / "壊れた.docx"
    path, _ = packet_of(proofed, "福祉課")
    broken.write_bytes(path.read_bytes()[:5000])
    assert "壊れた.docx" in read_packet(broken, plan).errors[0]
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b" " * (3 << 20))
    monkeypatch.setattr("planbook.intake.docxfile.MAX_MEMBER", 1 << 20)
    monkeypatch.setattr("planbook.intake.docxfile.MAX_TOTAL", 2 << 20)
    (msg,) = read_packet(bomb, plan).errors
    assert "bomb.docx" in msg and "大きすぎる" in msg
    entities = tmp_path / "entities.docx"
    files = parts(path)
    files["word/document.xml"] = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]>'
                                  + files["word/document.xml"].split(b"?>", 1)[1])
    with zipfile.ZipFile(entities, "w") as z:
        for name, blob in files.items():
            z.writestr(name, blob)
    assert "壊れていて" in read_packet(entities, plan).errors[0]


# -- printed text back to the source's markup ------------------------------------------

@pytest.mark.parametrize("new, source", [
    ("地域の礎となる大切な拠点※1を充実させ", "地域の{礎|いしずえ}となる大切な拠点[^hub]を充実させ"),
    ("地域の基礎となる拠点※1を充実させ", "地域の基{礎|いしずえ}となる拠点[^hub]を充実させ"),
    ("地域の拠点を充実させ", "地域の拠点を充実させ"),        # ruby and ※ deleted whole
    ("街の礎となる拠点※1を充実", "街の{礎|いしずえ}となる拠点[^hub]を充実"),
])
def test_markup_kept_where_untouched(new, source):
    assert sourcemap.rewrite("地域の{礎|いしずえ}となる拠点[^hub]を充実させ", ["※1"], new) == source


@pytest.mark.parametrize("new, words", [
    ("地域の礎となる{拠点|きょてん}※1を充実させ", "ルビや注の書き方"),
    ("地域の礎となる拠点※2を充実させ", "注の印「※1」の途中"),
])
def test_edit_cutting_markup_refused(new, words):
    with pytest.raises(sourcemap.Cut, match=words):
        sourcemap.rewrite("地域の{礎|いしずえ}となる拠点[^hub]を充実させ", ["※1"], new)


def test_edit_inside_a_ruby_refused():
    with pytest.raises(sourcemap.Cut, match="ルビ「{礎石|そせき}」の途中"):
        sourcemap.rewrite("{礎石|そせき}を置く", [], "礎岩を置く")


def split_tracked(p, at: str):
    """Enter pressed before `at` with 変更履歴 on: a new paragraph holding the
    first half, its paragraph mark recorded as inserted; the bookmark's end
    stays with the second half."""
    run = _split(p, at)
    first = etree.Element(w("p"))
    ppr = p.find(w("pPr"))
    first.append(copy.deepcopy(ppr) if ppr is not None else etree.Element(w("pPr")))
    rpr = first.find(w("pPr")).find(w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(first.find(w("pPr")), w("rPr"))
    rpr.append(_revision("ins", 31))
    for el in list(p):
        if el is run:
            break
        if el.tag != w("pPr"):
            first.append(el)
    p.addprevious(first)


def test_split_joined_and_removed_paragraphs(proofed, tmp_path):
    src, _, _ = proofed

    def structure(doc, comments, para):
        split_tracked(para("111/directions/2/1"), "支援が必要な")
        gone = para("111/directions/2/2")           # the whole paragraph deleted, tracked
        for r in gone.findall(w("r")):
            d = _revision("del", 40)
            r.addprevious(d)
            d.append(r)
            for t in r.findall(w("t")):
                t.tag = w("delText")
        rpr = etree.SubElement(gone.find(w("pPr")) if gone.find(w("pPr")) is not None
                               else etree.SubElement(gone, w("pPr")), w("rPr"))
        rpr.append(_revision("del", 41))
        a, b = para("111/collaboration/citizens/1"), para("111/collaboration/government/1")
        for el in list(b):                          # joined without 変更履歴
            if el.tag != w("pPr"):
                a.append(el)
        b.getparent().remove(b)
    r = read_packet(edited(proofed, tmp_path, edit=structure), load_plan(src))
    assert any("111/directions/2/1 を二つに分けて" in m for m in r.errors)
    assert any("111/directions/2/2 をまるごと削って" in m for m in r.errors)
    assert any("111/collaboration/citizens/1と111/collaboration/government/1 を一つに" in m
               for m in r.errors)
    assert not any("ブックマーク" in m for m in r.errors)
    assert r.edits == []


def test_bookmark_moved_between_paragraphs_still_found(proofed, tmp_path):
    """Word may write a bookmark that starts a paragraph just before it."""
    src, _, _ = proofed

    def move(doc, comments, para):
        p = para("111/future/1")
        start = p.find(w("bookmarkStart"))
        p.addprevious(start)
        t = next(t for t in p.iter(w("t")) if "身近な場所" in (t.text or ""))
        t.text = t.text.replace("身近な場所", "身近な地域")
    r = read_packet(edited(proofed, tmp_path, edit=move), load_plan(src))
    assert r.errors == [] and [e.paragraph for e in r.edits] == ["111/future/1"]


def test_a_reply_to_planbooks_comment(proofed, tmp_path):
    """Word writes a reply as a comment of its own; commentsExtended.xml
    names its parent by the parents' last paragraph (w14:paraId)."""
    src, _, _ = proofed
    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    w15 = "http://schemas.microsoft.com/office/word/2012/wordml"
    path, _ = packet_of(proofed, "福祉課")
    files = parts(path)
    comments = etree.fromstring(files["word/comments.xml"])
    finding = next(c for c in comments.iter(w("comment"))
                   if "text-doubled" in "".join(t.text or "" for t in c.iter(w("t"))))
    finding.find(w("p")).set(f"{{{w14}}}paraId", "1A2B3C4D")
    reply = etree.SubElement(comments, w("comment"))
    for k, v in (("id", "90"), ("author", AUTHOR), ("date", DATE)):
        reply.set(w(k), v)
    par = etree.SubElement(reply, w("p"))
    par.set(f"{{{w14}}}paraId", "5E6F7A8B")
    etree.SubElement(etree.SubElement(par, w("r")), w("t")).text = "直しました。"
    ext = etree.Element(f"{{{w15}}}commentsEx", nsmap={"w15": w15})
    for pid, parent in (("1A2B3C4D", None), ("5E6F7A8B", "1A2B3C4D")):
        ex = etree.SubElement(ext, f"{{{w15}}}commentEx")
        ex.set(f"{{{w15}}}paraId", pid)
        if parent:
            ex.set(f"{{{w15}}}paraIdParent", parent)
    files["word/commentsExtended.xml"] = etree.tostring(ext)
    doc = etree.fromstring(files["word/document.xml"])
    r = read_packet(save(files, doc, comments, tmp_path / "返信.docx"), load_plan(src))
    (c,) = r.comments
    assert (c.text, c.paragraph) == ("直しました。", "111/directions/1/1")
    assert c.reply_to.startswith("【チェック（警告）text-doubled】") and "担当する" in c.anchor


def test_same_packet_same_bytes(proofed, tmp_path, monkeypatch):
    """No clock in the packet: comments dated SOURCE_DATE_EPOCH, ids from the input."""
    from planbook.builders import BuildContext
    from planbook.builders.docx import packet
    from planbook.findings import Finding
    src, _, _ = proofed
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    plan = load_plan(src)
    ctx = BuildContext(plan, [])
    k = packet.Packet("計画", "再校", 2, "2026-11-15", "福祉課", "", "", [], False)
    found = [Finding("text-doubled", "二度続いています", "policies/111.yaml", 11, "warning")]
    for name in ("a.docx", "b.docx"):
        assert packet.write(tmp_path / name, ctx.booklet(), ctx.booklet(), ["111", "112"], plan,
                            found, [], k) == 1
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    (c,) = Document(tmp_path / "a.docx").comments
    assert c.timestamp.year == 2026 and "二度続いています" in c.text


@pytest.mark.parametrize("label, expected", [
    ("", None),                             # the label deleted whole: the text is read
    ("111/future/1〕", "番号「〔111/future/1〕」が直されています"),
    ("〔111/future/2〕", "番号「〔111/future/1〕」が直されています"),
])
def test_the_id_label_edited(proofed, tmp_path, label, expected):
    src, _, _ = proofed

    def relabel(doc, comments, para):
        t = next(t for t in para("111/future/1").iter(w("t")) if t.text == "〔111/future/1〕")
        t.text = label
    r = read_packet(edited(proofed, tmp_path, edit=relabel), load_plan(src))
    if expected is None:
        assert r.errors == [] and r.edits == [] and r.texts["111/future/1"].endswith("います。")
    else:
        (msg,) = r.errors
        assert expected in msg and "111/future/1" not in r.texts


def test_intake_applies_a_returned_packet(proofed, tmp_path, capsys):
    """`planbook intake` reads the packet beside the Excel forms: each edited
    paragraph is a change of its field, applied with the rest of the file kept."""
    src, _, _ = proofed
    source = tmp_path / "source"
    shutil.copytree(src, source)
    packet = edited(proofed, tmp_path, edit=word_edits)
    before = (source / "policies/111.yaml").read_text(encoding="utf-8")
    assert main(["intake", str(source), str(packet), "-o", str(tmp_path / "o"), "--apply"]) == 0
    err = capsys.readouterr().err
    assert "返却.docx 段落 111/directions/1/1" in err and "「速やかに」で問題ありません。" not in err
    after = (source / "policies/111.yaml").read_text(encoding="utf-8")
    assert "担当する部署へ速やかにつなぎます。" in after and "担当する担当する" not in after
    assert "身近な地域" in after
    assert after.splitlines()[0] == before.splitlines()[0]          # the comment line kept
    assert "[^supporter]を育成し" in (source / "policies/112.yaml").read_text(encoding="utf-8")
    report = (tmp_path / "o" / "intake-report.html").read_text(encoding="utf-8")
    assert "「速やかに」で問題ありません。" in report
