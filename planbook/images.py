"""Artwork images as printers and Word need them.

Accepted: PNG (any colour type), and JPEG in grey, RGB or CMYK (Photoshop's
inverted Adobe CMYK included): what the docs (docs/source.md) promise and what staff get
from scanners and designers. The EXIF orientation of a photo is applied
everywhere: the size the artwork check measures, the PDF (WeasyPrint turns
the image) and the DOCX (given upright pixels, `docx_stream`). Anything else
(WebP, GIF, TIFF, a damaged file, more than MAX_PIXELS pixels: a
decompression bomb) is a Japanese `ImageProblem`; the artwork check reports
it, and the booklet shows the slot's grey box instead of the image, so no
output ever fails on an image (planbook.present.booklet).

Files are read through planbook.files: a regular file inside the source,
at most IMAGE_LIMIT bytes."""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageFile, ImageOps

from . import files

MAX_PIXELS = 100_000_000            # a 600 dpi A3 scan is 70 million
JPEG_MODES = {"L": "グレー", "RGB": "RGB", "CMYK": "CMYK"}
_ROTATED = (5, 6, 7, 8)             # EXIF orientations that swap width and height
_ORIENTATION = 0x0112


class ImageProblem(Exception):
    """Why an image cannot be used, in Japanese (the path is named by the caller)."""


@dataclass(frozen=True)
class Picture:
    format: str                      # PNG | JPEG
    mode: str                        # Pillow's mode: RGB, L, CMYK, P, RGBA …
    size: tuple[int, int]            # pixels as printed: the EXIF orientation applied
    orientation: int = 1             # EXIF orientation (1: upright)
    dpi: tuple[float, float] | None = None


def _read(root: Path, path: Path) -> bytes:
    try:
        return files.read_bytes(root, Path(path).resolve().relative_to(Path(root).resolve()),
                                files.IMAGE_LIMIT)
    except ValueError:
        raise ImageProblem(files.outside().message)
    except files.FileProblem as e:
        raise ImageProblem(e.message)


def _open(data: bytes):
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            im = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageProblem(_too_many())
        except Exception:               # noqa: BLE001 - Pillow raises many kinds
            raise ImageProblem("画像として読めません（壊れているか、画像ではありません）。"
                               "PNG か JPEG で保存し直してください。")
    w, h = im.size
    if w * h > MAX_PIXELS:
        raise ImageProblem(_too_many(w, h))
    return im


def _too_many(w: int = 0, h: int = 0) -> str:
    size = f"（{w}×{h} ピクセル）" if w else ""
    return (f"画素数が多すぎます{size}。{MAX_PIXELS // 1_000_000:,} 百万画素までにしてください"
            "（A3 を 600 dpi でスキャンしても 7,000 万画素です）。")


def _orientation(im) -> int:
    try:
        value = int(im.getexif().get(_ORIENTATION, 1))
    except Exception:                   # noqa: BLE001 - a damaged EXIF block: upright
        return 1
    return value if 1 <= value <= 8 else 1


def _probe(data: bytes) -> Picture:
    im = _open(data)
    fmt = im.format
    if fmt not in ("PNG", "JPEG"):
        raise ImageProblem(f"{fmt or '不明'} 形式の画像は使えません。PNG か JPEG で保存し直してください。")
    if fmt == "JPEG" and im.mode not in JPEG_MODES:
        raise ImageProblem(f"JPEG の色の形式（{im.mode}）が使えません。RGB・グレー・CMYK の"
                           "いずれかで保存し直してください。")
    truncated = ImageFile.LOAD_TRUNCATED_IMAGES      # WeasyPrint sets it on import
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            ImageFile.LOAD_TRUNCATED_IMAGES = False
            _open(data).verify()
            im.load()
        except ImageProblem:
            raise
        except Exception:               # noqa: BLE001
            raise ImageProblem("画像が壊れていて最後まで読めません。保存し直してください。")
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = truncated
    orientation = _orientation(im)
    w, h = im.size
    if orientation in _ROTATED:
        w, h = h, w
    dpi = im.info.get("dpi")
    try:
        dpi = (float(dpi[0]), float(dpi[1])) if dpi else None
    except (TypeError, ValueError, IndexError):
        dpi = None
    return Picture(fmt, im.mode, (w, h), orientation, dpi)


@lru_cache(maxsize=32)
def _cached(path: str, stamp: tuple, root: str) -> Picture | ImageProblem:
    try:
        return _probe(_read(Path(root), Path(path)))
    except ImageProblem as e:
        return e


def _stamp(path: Path) -> tuple:
    try:
        st = path.stat()
        return (st.st_mtime_ns, st.st_size, st.st_ino)
    except (OSError, ValueError):
        return ()


def probe(root: Path, path: Path) -> Picture:
    """What the image at `path` (inside `root`) is; ImageProblem when unusable."""
    found = _cached(str(path), _stamp(Path(path)), str(root))
    if isinstance(found, ImageProblem):
        raise found
    return found


def usable(root: Path, path: Path | None) -> bool:
    if path is None:
        return False
    try:
        probe(root, path)
    except ImageProblem:
        return False
    return True


def _jpeg_header_ok(data: bytes) -> bool:
    """Whether python-docx can read the JPEG as it is (a JFIF or Exif header)."""
    return data[:2] == b"\xff\xd8" and data[2:4] in (b"\xff\xe0", b"\xff\xe1")


def docx_stream(root: Path, path: Path) -> io.BytesIO:
    """The image as python-docx reads it and Word shows it: the file itself
    when it can, else upright RGB or grey pixels (EXIF orientation applied,
    CMYK converted) in the same format. Deterministic for the same file."""
    data = _read(root, path)
    pic = _probe(data)
    if pic.orientation == 1 and (pic.format == "PNG" or (
            pic.mode in ("L", "RGB") and _jpeg_header_ok(data))):
        return io.BytesIO(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        im = ImageOps.exif_transpose(_open(data))
    dpi = pic.dpi or (72.0, 72.0)
    out = io.BytesIO()
    if pic.format == "JPEG":
        if im.mode not in ("L", "RGB"):
            im = im.convert("RGB")
        im.save(out, "JPEG", quality=95, dpi=dpi)
    else:
        im.save(out, "PNG", dpi=dpi)
    out.seek(0)
    return out
