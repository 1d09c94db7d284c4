"""Rank fusion: several rankings of the same items merged into one."""

from __future__ import annotations


def rrf(rankings: list[list[str]], k: int = 60) -> list[tuple[str, float]]:
    """Reciprocal rank fusion (Cormack et al. 2009): sum of 1/(k + rank) over the rankings an item appears in;
    ties broken by id so the order never depends on the order the rankings arrived in."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
