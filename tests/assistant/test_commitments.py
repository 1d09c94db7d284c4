"""Commitment questions answer from the commitments; records carry verified citations; timelines on the corpus."""


def test_commitment_questions_route_to_commitments(corpus_assistant):
    answer = corpus_assistant.ask("What did the police promise about youth groups?")
    first = answer.citations[0]
    assert "local youth groups" in first.quote
    assert first.commitment.model_dump() == {
        "kind": "agreement",
        "owner": "Inspector Danvers",
        "horizon": None,
        "due": None,
        "summary": first.commitment.summary,
    }
    assert "agreement by Inspector Danvers" in first.where()
    cctv = corpus_assistant.ask("What has the council committed to on CCTV?")
    assert any(c.commitment and "CCTV" in c.quote for c in cctv.citations)


def test_other_questions_are_not_routed(corpus_assistant):
    answer = corpus_assistant.ask("How much does a helicopter deployment cost?")
    assert all(c.commitment is None for c in answer.citations)


def test_records_are_verified_and_newest_first(corpus_assistant):
    records = corpus_assistant.commitments()
    assert len(records) >= 30
    dates = [r.citation.meeting_date for r in records]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates[: len(dated)] == dated  # dated first, newest first
    for r in records:
        text = corpus_assistant.document(r.citation.doc_id)["text"]
        assert text[r.citation.start : r.citation.end] == r.citation.quote
    assert [r.citation.n for r in records] == list(range(1, len(records) + 1))
