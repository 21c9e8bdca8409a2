"""The few HarfBuzz calls planbook makes itself, through cffi (HarfBuzz is
installed for WeasyPrint): a face from a font file's bytes, and what a face
can print — its code points and its variation sequences — read by
HarfBuzz in C rather than by decompiling the cmap table in Python."""
from __future__ import annotations

from functools import lru_cache

import cffi

_NAMES = ("harfbuzz", "harfbuzz-0.0", "libharfbuzz-0", "libharfbuzz.so.0",
          "libharfbuzz.0.dylib", "libharfbuzz-0.dll")
_CDEF = """
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_set_t hb_set_t;
typedef uint32_t hb_codepoint_t;
hb_blob_t * hb_blob_create (const char *data, unsigned int length, int mode,
                            void *user_data, void *destroy);
void hb_blob_destroy (hb_blob_t *blob);
hb_face_t * hb_face_create (hb_blob_t *blob, unsigned int index);
void hb_face_destroy (hb_face_t *face);
hb_set_t * hb_set_create (void);
void hb_set_destroy (hb_set_t *set);
unsigned int hb_set_get_population (const hb_set_t *set);
int hb_set_next (const hb_set_t *set, hb_codepoint_t *codepoint);
void hb_face_collect_unicodes (hb_face_t *face, hb_set_t *out);
void hb_face_collect_variation_selectors (hb_face_t *face, hb_set_t *out);
void hb_face_collect_variation_unicodes (hb_face_t *face, hb_codepoint_t selector,
                                         hb_set_t *out);
"""
HB_SET_VALUE_INVALID = 0xFFFFFFFF


@lru_cache(maxsize=1)
def _lib():
    ffi = cffi.FFI()
    ffi.cdef(_CDEF)
    for name in _NAMES:
        try:
            return ffi, ffi.dlopen(name)
        except OSError:
            continue
    raise OSError("HarfBuzz のライブラリ（libharfbuzz）が見つかりません。")


def face(data: bytes, index: int = 0) -> int:
    """A new HarfBuzz face of a font file's bytes (copied), as an address
    for another cffi declaration of hb_face_t; free it with `destroy`."""
    ffi, lib = _lib()
    blob = lib.hb_blob_create(data, len(data), 0, ffi.NULL, ffi.NULL)     # 0: duplicate
    made = lib.hb_face_create(blob, index)
    lib.hb_blob_destroy(blob)
    return int(ffi.cast("uintptr_t", made))


def destroy(address: int) -> None:
    ffi, lib = _lib()
    lib.hb_face_destroy(ffi.cast("hb_face_t *", address))


def _members(ffi, lib, s) -> list[int]:
    out = []
    cp = ffi.new("hb_codepoint_t *", HB_SET_VALUE_INVALID)
    while lib.hb_set_next(s, cp):
        out.append(cp[0])
    return out


def coverage(data: bytes, index: int = 0) -> tuple[frozenset[int], frozenset[tuple[int, int]]]:
    """The code points a font maps to a glyph, and its (base, selector)
    variation sequences (cmap format 14, default ones included)."""
    ffi, lib = _lib()
    blob = lib.hb_blob_create(data, len(data), 0, ffi.NULL, ffi.NULL)     # 0: duplicate
    face = lib.hb_face_create(blob, index)
    lib.hb_blob_destroy(blob)
    sets = []
    try:
        chars, selectors = lib.hb_set_create(), lib.hb_set_create()
        sets += [chars, selectors]
        lib.hb_face_collect_unicodes(face, chars)
        lib.hb_face_collect_variation_selectors(face, selectors)
        sequences = set()
        for selector in _members(ffi, lib, selectors):
            bases = lib.hb_set_create()
            sets.append(bases)
            lib.hb_face_collect_variation_unicodes(face, selector, bases)
            sequences.update((base, selector) for base in _members(ffi, lib, bases))
        return frozenset(_members(ffi, lib, chars)), frozenset(sequences)
    finally:
        for s in sets:
            lib.hb_set_destroy(s)
        lib.hb_face_destroy(face)
