"""Opening a returned .docx with care: a zip of bounded size (a crafted zip
that unpacks to gigabytes is refused before it is unpacked), XML without a
DTD or entities, every failure a Japanese message naming the file."""
from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

# A packet is a few hundred kB; these stop a crafted zip early.
MAX_FILE = 64 << 20
MAX_MEMBER = 64 << 20
MAX_TOTAL = 256 << 20
MAX_MEMBERS = 2000


class Unreadable(Exception):
    """The file cannot be read as a packet; the message is Japanese."""


def _parse(blob: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_blank_text=False)
    if b"<!DOCTYPE" in blob[:4096] or b"<!ENTITY" in blob:
        raise ValueError("a DTD in a .docx part")     # entities: never expanded, refused
    return etree.fromstring(blob, parser)


def open_parts(path: Path) -> dict[str, object]:
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
                     if "word/comments.xml" in names else None,
                     "extended": _parse(read("word/commentsExtended.xml"))
                     if "word/commentsExtended.xml" in names else None, "tables": []}
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
