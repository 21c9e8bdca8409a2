"""Pair the items of two lists by identity, not by index.

A removed direction must not make every following direction look changed just
because their positions shifted: items are matched by content similarity (in
order), or by a key where the source gives one (施策 code, note key, slot id).
"""
from __future__ import annotations

from typing import Callable, Hashable, Sequence, TypeVar

T = TypeVar("T")
Pair = tuple[T | None, T | None]

THRESHOLD = 0.5


def by_similarity(old: Sequence[T], new: Sequence[T], sim: Callable[[T, T], float],
                  threshold: float = THRESHOLD) -> list[Pair]:
    """Order-preserving pairing that maximises the total similarity of the
    matched pairs; pairs below `threshold` are not matched. Unmatched old items
    come before unmatched new ones at the same place."""
    n, m = len(old), len(new)
    s = [[sim(a, b) for b in new] for a in old]
    # best[i][j]: best total for old[i:], new[j:]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = s[i][j] + best[i + 1][j + 1] if s[i][j] >= threshold else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    out: list[Pair] = []
    i = j = 0
    while i < n and j < m:
        if s[i][j] >= threshold and best[i][j] == s[i][j] + best[i + 1][j + 1]:
            out.append((old[i], new[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            out.append((old[i], None))
            i += 1
        else:
            out.append((None, new[j]))
            j += 1
    out += [(a, None) for a in old[i:]]
    out += [(None, b) for b in new[j:]]
    return out


def by_key(old: Sequence[T], new: Sequence[T], key: Callable[[T], Hashable]) -> list[Pair]:
    """Pair items with equal keys, in the new order; an old item without a
    partner is placed after the partner of the old item before it."""
    new_keys = {key(b) for b in new}
    old_by_key = {key(a): a for a in old}
    removed_after: dict[Hashable, list[T]] = {}
    last = None
    for a in old:
        k = key(a)
        if k in new_keys:
            last = k
        else:
            removed_after.setdefault(last, []).append(a)
    out: list[Pair] = [(a, None) for a in removed_after.get(None, [])]
    for b in new:
        k = key(b)
        out.append((old_by_key.get(k), b))
        out += [(a, None) for a in removed_after.get(k, [])]
    return out


def with_moves(old: Sequence[T], new: Sequence[T], sim: Callable[[T, T], float],
               threshold: float = THRESHOLD, crossed: bool = True
               ) -> tuple[list[Pair], set[int]]:
    """`by_similarity`, then items that left one place and arrived at another
    (similar enough, but out of order) paired as moves rather than deleted and
    added. Returns the pairs in printed order (a moved item at its new place)
    and the indices in `new` of the items that moved. With `crossed`, an item
    whose number changed because a moved item crossed it (the other of two
    swapped items) counts as moved too; a number that changed only because
    something before it was added or removed does not."""
    oi, ni = list(range(len(old))), list(range(len(new)))
    pairs = by_similarity(oi, ni, lambda i, j: sim(old[i], new[j]), threshold)
    gone = [i for i, j in pairs if j is None]
    came = [j for i, j in pairs if i is None]
    scored = sorted(((sim(old[i], new[j]), -i, -j) for i in gone for j in came), reverse=True)
    partner: dict[int, int] = {}          # new index -> old index
    taken: set[int] = set()
    for s, mi, mj in scored:
        i, j = -mi, -mj
        if s < threshold:
            break
        if i not in taken and j not in partner:
            partner[j] = i
            taken.add(i)
    out: list[Pair] = []
    for i, j in pairs:
        if j is None:
            if i not in taken:
                out.append((old[i], None))
        elif i is None:
            out.append((old[partner[j]], new[j]) if j in partner else (None, new[j]))
        else:
            out.append((old[i], new[j]))
    moved = set(partner)
    if crossed:
        kept = [(i, j) for i, j in pairs if i is not None and j is not None]
        for i, j in kept:
            if i != j and any((i - partner[m]) * (j - m) < 0 for m in partner):
                moved.add(j)
    return out, moved
