"""The table of bad (and tricky) inputs for tests/test_trust.py: each row is a
mutation of a test plan, the exit code `check` must give (and `build` with
it), and words the messages must contain. The next mistake found is one
row here.

A mutation is a function of the source folder (a copy of the small plan of
tests/checks/helpers.py, or of the complete plan with `base="complete"`)."""
from __future__ import annotations

import io
import os
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from PIL import Image

OUTSIDE = "TOP-SECRET-OUTSIDE"       # what a file outside the source holds
POLICY = "policies/111.yaml"


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Callable[[Path], None]
    code: int                                   # exit code of check and build
    words: tuple[str, ...] = ()                 # in the messages
    base: str = "minimal"                       # minimal | complete
    args: tuple[str, ...] = ()                  # more build arguments
    absent: tuple[str, ...] = (OUTSIDE, "root:x:", "\x1b")    # never in the messages
    after: Callable[[Path], None] | None = field(default=None, compare=False)   # on OUT


# -- mutations --------------------------------------------------------------

def edit(rel: str, old: str, new: str):
    def run(src: Path):
        text = (src / rel).read_text(encoding="utf-8")
        assert old in text, (rel, old)
        (src / rel).write_text(text.replace(old, new, 1), encoding="utf-8")
    return run


def append(rel: str, text: str):
    def run(src: Path):
        with open(src / rel, "a", encoding="utf-8") as f:
            f.write(text)
    return run


def write(rel: str, data: str | bytes):
    def run(src: Path):
        path = src / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.is_file():
            path.unlink()
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return run


def outside_file(src: Path) -> Path:
    path = src.parent / "outside" / "secret.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"title: {OUTSIDE}\n", encoding="utf-8")
    return path


def link(rel: str, target: str | None = None):
    """`rel` a symlink to `target`, or to a file outside the source."""
    def run(src: Path):
        path = src / rel
        if path.is_symlink() or path.is_file():
            path.unlink()
        path.symlink_to(target or outside_file(src))
    return run


def link_folder(src: Path):
    outside = outside_file(src).parent
    (outside / "999.yaml").write_text("code: 999\n", encoding="utf-8")
    os.rename(src / "policies", src / "policies-real")
    (src / "policies").symlink_to(outside)


def fifo(rel: str):
    def run(src: Path):
        path = src / rel
        if path.exists():
            path.unlink()
        os.mkfifo(path)
    return run


def folder(rel: str):
    return lambda src: (src / rel).mkdir()


def chain(*steps):
    def run(src: Path):
        for s in steps:
            s(src)
    return run


def many_policies(n: int):
    def run(src: Path):
        for i in range(n):
            code = 11000 + i
            (src / f"policies/{code}.yaml").write_text(
                f"code: {code}\ngoal: 11\ntitle: 施策その{i}\n", encoding="utf-8")
    return run


# -- images -----------------------------------------------------------------

ART = "artwork/vision-1.png"


def picture(size=(2000, 1400)) -> Image.Image:
    im = Image.new("RGB", size, (135, 206, 250))
    im.paste((255, 200, 0), (size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2))
    return im


def image(name: str, make: Callable[[], bytes]):
    """artwork/<name> made by `make`, in place of vision-1's image."""
    def run(src: Path):
        (src / "artwork" / name).write_bytes(make())
        edit("artwork.yaml", ART, f"artwork/{name}")(src)
    return run


def saved(fmt: str, mode: str = "RGB", size=(2000, 1400), **options) -> Callable[[], bytes]:
    def make() -> bytes:
        out = io.BytesIO()
        picture(size).convert(mode).save(out, fmt, **options)
        return out.getvalue()
    return make


def rotated_jpeg() -> bytes:
    """1700 × 1200 pixels stored, EXIF orientation 6: printed 1200 × 1700.
    Unrotated it would be too coarse for the 将来像 slot (290 dpi); upright
    it is fine (411 dpi)."""
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    picture((1700, 1200)).save(out, "JPEG", exif=exif.tobytes(), quality=90)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb() -> bytes:
    """A small PNG that claims 30000 × 30000 pixels (a decompression bomb)."""
    ihdr = struct.pack(">IIBBBBB", 30000, 30000, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr)
            + _chunk(b"IDAT", zlib.compress(b"\0" * 100)) + _chunk(b"IEND", b""))


def truncated() -> bytes:
    return saved("PNG")()[:3000]


def docx_xml(out: Path) -> str:
    import zipfile
    return zipfile.ZipFile(next(out.glob("*.docx"))).read("word/document.xml").decode("utf-8")


def picture_is_upright(out: Path) -> None:
    """The rotated photo is taller than wide in the DOCX and in the PDF (the
    other pictures, landscape drawings, are wider)."""
    import re

    from pypdf import PdfReader
    sizes = [(int(a), int(b)) for a, b in re.findall(r'<wp:extent cx="(\d+)" cy="(\d+)"', docx_xml(out))]
    assert sum(cy > cx for cx, cy in sizes) == 1, sizes
    pdf = [(int(x["/Width"]), int(x["/Height"])) for page in PdfReader(next(out.glob("*.pdf"))).pages
           for x in page["/Resources"].get("/XObject", {}).values() if x.get_object()["/Subtype"] == "/Image"
           for x in [x.get_object()]]
    assert (1200, 1700) in pdf and (1700, 1200) not in pdf, pdf


def docx_says(text: str):
    def run(out: Path) -> None:
        assert text in docx_xml(out)
    return run


# -- the table -------------------------------------------------------------

NESTED = "title: " + "[" * 2000 + "]" * 2000 + "\n"

CASES = [
    # only regular files inside the source are read
    Case("symlink-to-etc-passwd", link("policies/999.yaml", "/etc/passwd"), 2,
         ("policies/999.yaml", "外を指す")),
    Case("symlink-outside", link("policies/999.yaml"), 2, ("policies/999.yaml", "外を指す")),
    Case("symlinked-policies-folder", link_folder, 2, ("policies/", "外を指す"), absent=("999",)),
    Case("symlink-to-dev-zero", link("policies/999.yaml", "/dev/zero"), 2, ("外を指す",)),
    Case("fifo-policy", fifo("policies/f.yaml"), 2, ("policies/f.yaml", "名前付きパイプ")),
    Case("folder-named-like-a-file", folder("policies/d.yaml"), 2, ("policies/d.yaml", "フォルダ")),
    Case("plan-symlinked-outside", link("plan.yaml"), 2, ("plan.yaml", "外を指す")),
    Case("style-fifo", fifo("style.yaml"), 2, ("style.yaml", "名前付きパイプ")),
    Case("too-big", append(POLICY, "# " + "x" * (3 << 20) + "\n"), 2, (POLICY, "大きすぎます")),
    Case("macos-appledouble", write("policies/._111.yaml", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X"),
         0),
    Case("image-symlink-outside", chain(link("artwork/x.png"), edit("artwork.yaml", ART, "artwork/x.png")),
         2, ("artwork.yaml", "外を指す")),
    Case("image-fifo", fifo(ART), 1, ("artwork.yaml", "名前付きパイプ")),
    Case("image-path-with-nul", edit("artwork.yaml", f"image: {ART}", 'image: "artwork/a\\0.png"'),
         2, ("artwork.yaml",)),
    Case("ignore-file-fifo", chain(fifo("policies/x.txt"),
                                   write("style.yaml", "ignore:\n  - {check: text-doubled, "
                                         "file: policies/x.txt, reason: 試験}\n")),
         2, ("style.yaml", "名前付きパイプ")),
    # no internal error from any input
    Case("policy-top-level-list", write(POLICY, "- code: 111\n- goal: 11\n"), 2, (POLICY, "項目の組")),
    Case("policy-top-level-text", write(POLICY, "ただの文章\n"), 2, (POLICY, "項目の組")),
    Case("concept-top-level-list", write("concept.yaml", "- 1\n- 2\n"), 2, ("concept.yaml",)),
    Case("style-top-level-list", write("style.yaml", "- 1\n"), 2, ("style.yaml",)),
    Case("artwork-top-level-list", write("artwork.yaml", "- 1\n"), 2, ("artwork.yaml",)),
    Case("empty-policy", write(POLICY, ""), 2, (POLICY, "空")),
    Case("binary-policy", write(POLICY, bytes(range(256))), 2, (POLICY,)),
    Case("utf16-plan", lambda s: (s / "plan.yaml").write_bytes(
        (s / "plan.yaml").read_text(encoding="utf-8").encode("utf-16")), 2, ("plan.yaml", "UTF-16")),
    Case("tiny-number", edit(POLICY, "value: 1840", "value: 0.00001"), 0, after=docx_says("0.00001")),
    Case("large-float", edit(POLICY, "value: 1840", "value: 99999999999999.5"), 0,
         after=docx_says("99,999,999,999,999.5")),
    Case("exponent", edit(POLICY, "value: 1840", "value: 1e19"), 2, (POLICY, "指数表記")),
    Case("too-many-digits", edit(POLICY, "value: 1840", "value: 1000000000000000000000"), 2,
         (POLICY, "桁が多すぎます")),
    Case("nested-yaml", write(POLICY, NESTED), 2, (POLICY, "入れ子が深すぎます")),
    Case("label-attribute", append("plan.yaml", 'policy_label: "施策 {code.__class__}"\n'), 2,
         ("plan.yaml", "policy_label", "使えません"), absent=("class 'str'",)),
    Case("label-stray-brace", append("plan.yaml", 'policy_label: "施策 {code"\n'), 2,
         ("plan.yaml", "対になっていません")),
    Case("label-index", append("plan.yaml", 'policy_label: "{code[0]}"\n'), 2, ("使えません",)),
    Case("label-literal-braces", append("plan.yaml", 'policy_label: "施策 {{{code}}}"\n'), 0),
    Case("department-with-slash", edit(POLICY, "departments: [福祉課]", "departments: [企画/財政課]"),
         0, args=("proof", "--round", "1", "--by-department", "--no-record"),
         after=lambda out: next(out.glob("*-proof-1-01-企画_財政課.pdf"))),
    Case("1000-policies-one-goal", many_policies(1000), 0, args=("--format", "docx")),
    # images as printers and Word need them
    Case("cmyk-jpeg", image("v.jpg", saved("JPEG", "CMYK")), 0),
    Case("grey-jpeg", image("v.jpg", saved("JPEG", "L")), 0),
    Case("exif-rotated-jpeg", image("v.jpg", rotated_jpeg), 0, after=picture_is_upright),
    Case("webp", image("v.webp", saved("WEBP")), 1, ("artwork.yaml", "WEBP", "PNG か JPEG")),
    Case("gif", image("v.gif", saved("GIF", "P")), 1, ("GIF", "PNG か JPEG")),
    Case("decompression-bomb", image("b.png", bomb), 1, ("artwork.yaml", "画素数が多すぎます")),
    Case("truncated-png", image("t.png", truncated), 1, ("artwork.yaml", "壊れて")),
    Case("webp-check-off", chain(image("v.webp", saved("WEBP")),
                                 write("style.yaml", "checks:\n  artwork: {severity: \"off\"}\n")), 0),
    # safe terminal output
    Case("escape-in-title", edit(POLICY, "title: 相談支援体制の充実", 'title: "相談\\e[31m支援\\x9b2J"'),
         1, (POLICY, "control-characters", "〔U+001B〕")),
    Case("escape-check-off", chain(edit(POLICY, "title: 相談支援体制の充実", 'title: "相談\\e[2J支援"'),
                                   write("style.yaml", "checks:\n  control-characters: {severity: \"off\"}\n")),
         0),
    Case("raw-escape-byte", edit(POLICY, "title: 相談支援体制の充実", "title: 相談\x1b[31m支援"), 2,
         (POLICY, "制御文字", "U+001B")),
    Case("surrogate", edit(POLICY, "title: 相談支援体制の充実", 'title: "相談\\ud800"'), 2,
         (POLICY, "使えない文字")),
    Case("line-break-in-setting", append("plan.yaml", 'subtitle: "基本構想\\n203: error[forged]"\n'), 2,
         ("plan.yaml", "一行で"), absent=("\n203: error",)),
    Case("bad-file-name", write("policies/\x1b[2J.yaml", "code: 1\n"), 2, ("〔U+001B〕",)),
]

CASES += [
    Case("half-a-period", edit("plan.yaml", "period: {start: 2027, end: 2036}",
                               "period: {start: null, end: 2036}"), 2, ("plan.yaml", "period")),
    Case("period-backwards", edit("plan.yaml", "period: {start: 2027, end: 2036}",
                                  "period: {start: 2036, end: 2027}"), 2, ("plan.yaml", "より後")),
]
CASES += [
    Case("policy-code-empty", edit(POLICY, "code: 111", "code:"), 2, (POLICY, "code", "空にできません")),
    Case("goal-code-empty", edit("concept.yaml", "code: 11", "code: ''"), 2, ("concept.yaml", "空にできません")),
]

# -- nothing skipped in silence (policies/ holds only 施策 files; a file named
# in the source is read as what it claims to be) --


def policies_entry(name: str, target: str | None = None, kind: str = "link"):
    """policies/<name>: a link to `target` (relative to the source, or outside
    it when None), a folder holding a 施策 file, or a FIFO."""
    def run(src: Path):
        path = src / "policies" / name
        if kind == "folder":
            path.mkdir()
            (path / "999.yaml").write_text("code: 999\ngoal: 11\ntitle: 古い施策\n", encoding="utf-8")
        elif kind == "fifo":
            os.mkfifo(path)
        elif target is None:
            path.symlink_to(outside_file(src).parent, target_is_directory=True)
        else:
            path.symlink_to(src / target)
    return run


def icc_profile(data: Callable[[], bytes] | None):
    """plan.yaml names print/vendor.icc, which holds `data()` (None: no file)."""
    def run(src: Path):
        if data is not None:
            (src / "print").mkdir(exist_ok=True)
            (src / "print" / "vendor.icc").write_bytes(data())
        append("plan.yaml", "print:\n  icc_profile: print/vendor.icc\n")(src)
    return run


def srgb_profile() -> bytes:
    from PIL import ImageCms
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


CASES += [
    Case("policies-subfolder", policies_entry("old", kind="folder"), 2,
         ("policies/old", "フォルダ"), absent=("古い施策",)),
    Case("policies-link-to-a-folder-inside", policies_entry("more", "artwork"), 2,
         ("policies/more", "フォルダ")),
    Case("policies-link-to-a-folder-outside", policies_entry("more"), 2,
         ("policies/more", "外を指す")),
    Case("policies-broken-link", policies_entry("gone", "nowhere"), 2, ("policies/gone", "リンク先がない")),
    Case("policies-fifo-not-yaml", policies_entry("notes.txt", kind="fifo"), 2,
         ("policies/notes.txt", "名前付きパイプ")),
    Case("icc-garbage", icc_profile(lambda: b"%PDF-1.7 this is not a profile\n" * 40), 1,
         ("plan.yaml", "print/vendor.icc", "ICC プロファイルとして読めません")),
    Case("icc-truncated", icc_profile(lambda: srgb_profile()[:300]), 1,
         ("plan.yaml", "print/vendor.icc", "ICC プロファイルとして読めません")),
    Case("icc-rgb", icc_profile(srgb_profile), 1,
         ("plan.yaml", "print/vendor.icc", "CMYK のプロファイルではありません")),
    Case("icc-missing", icc_profile(None), 1, ("plan.yaml", "print/vendor.icc", "ありません")),
]


def link_to_outside_folder(rel: str):
    return lambda src: (src / rel).symlink_to(outside_file(src).parent, target_is_directory=True)


CASES += [
    # what nothing reads is named (a warning: the booklet is not wrong)
    Case("unread-file-at-the-top", write("memo.txt", "打ち合わせのメモ\n"), 0, ("memo.txt", "source-unread")),
    Case("unread-link-to-a-folder", link_to_outside_folder("old-plan"), 0, ("old-plan/", "読みません"),
         absent=(OUTSIDE, "999")),
    Case("unread-image", write("artwork/vision-9.png", b"\x89PNG"), 0,
         ("artwork/vision-9.png", "artwork.yaml の image に書かれていない")),
    Case("unread-link-in-artwork", link_to_outside_folder("artwork/more"), 0, ("artwork/more/",)),
]
