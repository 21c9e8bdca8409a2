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
