from datetime import date

import pytest

from index.chroma import to_where
from index.filters import FilterError, Filters, matches, resolve
from index.fusion import rrf

FACETS = {"council": {"Melton Borough Council", "Charnwood Borough Council"}, "committee": {"Scrutiny Committee"}}


def test_user_wording_resolves_to_stored_values():
    conditions = resolve(Filters(council=["melton"], since=date(2024, 1, 1)), FACETS)
    assert to_where(conditions) == {
        "$and": [{"council": {"$in": ["Melton Borough Council"]}}, {"meeting_date_int": {"$gte": 20240101}}]
    }
    assert matches(conditions, {"council": "Melton Borough Council", "meeting_date_int": 20241113})
    assert not matches(conditions, {"council": "Melton Borough Council"})  # unknown date is not "since"
    assert not matches(conditions, {"council": "Charnwood Borough Council", "meeting_date_int": 20241113})


def test_unknown_filter_value_lists_what_exists():
    with pytest.raises(FilterError, match="Charnwood Borough Council"):
        resolve(Filters(council=["Leeds"]), FACETS)


def test_rrf_rewards_agreement_between_rankings():
    fused = dict(rrf([["a", "b", "c"], ["c", "a", "d"]], k=60))
    assert fused["a"] > fused["c"] > fused["b"] > fused["d"]
    assert fused["a"] == pytest.approx(1 / 61 + 1 / 62)


def test_vectorised_lexical_mask_agrees_with_matches_row_by_row(corpus_assistant):
    from datetime import date

    import numpy as np

    from index.filters import Filters, matches, resolve

    lexical = corpus_assistant.resources.lexical
    for filters in (
        Filters(council=["Melton"]),
        Filters(council=["Melton", "Redditch"], doc_type=["minutes"]),
        Filters(speaker=["Danvers", "Members"]),
        Filters(since=date(2024, 1, 1)),
        Filters(until=date(2024, 1, 1)),
        Filters(committee=["Scrutiny"], speaker=["Wilson"]),
    ):
        conditions = resolve(filters, corpus_assistant.facets)
        expected = np.array([matches(conditions, m) for m in lexical.metas], dtype=np.float32)
        assert (lexical.mask(conditions) == expected).all(), filters
