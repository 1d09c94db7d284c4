"""A citation names the page its quote is printed on, even when its chunk starts on an earlier page."""

from tests.pdfs import write_pdf


def test_a_quote_on_page_two_cites_page_two(make_assistant, tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    write_pdf(
        folder / "parks-panel-minutes.pdf",
        [
            [
                "Parks Panel minutes. Testshire District Council.",
                "",
                "1. Play areas",
                "",
                "The Panel received the play area inspection report.",
            ],
            [
                "The Panel agreed that the Riverside play area would reopen on 4 May after resurfacing.",
                "",
                "Meeting closed at 8.15pm.",
            ],
        ],
    )
    a = make_assistant()
    assert not a.ingest([folder], progress=False).failed
    answer = a.ask("When will the Riverside play area reopen?")
    [cited] = [c for c in answer.citations if "Riverside play area would reopen" in c.quote]
    chunk = a.store.get_chunks([cited.chunk_id])[cited.chunk_id]
    assert chunk.page == "1"  # the chunk starts on page 1 and runs over the break: what made the old page wrong
    assert cited.page == "2"
    [record] = a.commitments(about="Riverside play area")
    assert record.citation.page == "2"
