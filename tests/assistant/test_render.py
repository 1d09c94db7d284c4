"""Rendering for people: escaping of document text, source cards, the reader, Markdown exports, feedback lines."""

from assistant.cite import Citation
from assistant.feedback import FeedbackLog
from tabs.render import answer_markdown, card_html, conversation_markdown, document_html, escape, escape_html

HOSTILE = "<script>alert(1)</script> [click](javascript:alert(2)) **bold** <img src=x onerror=alert(3)> & > #1"


def test_document_text_cannot_inject_markup():
    for out in (escape(HOSTILE), escape_html(HOSTILE)):
        assert "<script>" not in out and "<img" not in out and "](javascript" not in out and "**" not in out
    assert "&lt;script&gt;" in escape(HOSTILE) and "&amp; &gt;" in escape(HOSTILE)


def _citation(text: str, quote: str) -> Citation:
    start = text.index(quote)
    return Citation(
        n=1,
        doc_id="d",
        title="T",
        source_path="d.txt",
        council="Melton Borough Council",
        quote=quote,
        chunk_id="d:0",
        start=start,
        end=start + len(quote),
        speakers=["Mr Wilson"],
    )


def test_card_highlights_the_quote_in_its_context_and_links_to_it():
    text = "First sentence here. " * 30 + "The cited <b>sentence</b>. " + "After that. " * 40
    c = _citation(text, "The cited <b>sentence</b>.")
    card = card_html(c, text)
    assert "<mark>The cited &lt;b&gt;sentence&lt;/b&gt;.</mark>" in card
    assert card.count("First sentence here.") >= 5 and "After that." in card and "…" in card
    assert f'href="?doc=d&amp;start={c.start}&amp;end={c.end}"' in card and "said by Mr Wilson" in card


def test_reader_marks_the_passage_on_its_page():
    text = "Page one text.\n\nPage two has the promise. And more."
    record = {
        "doc_id": "d",
        "text": text,
        "meta": {"title": "T", "council": "C"},
        "pages": [
            {"number": 1, "label": "1", "start": 0, "end": 16},
            {"number": 2, "label": "ii", "start": 16, "end": len(text)},
        ],
    }
    start = text.index("Page two has the promise.")
    out = document_html(record, start, start + len("Page two has the promise."))
    assert '<mark id="ma-cited">Page two has the promise.</mark>' in out
    assert "page ii" in out and out.index("page ii") < out.index("ma-cited")


def test_exports_carry_every_citation():
    data = {
        "answer": "Officers would start next month. [1]",
        "abstained": False,
        "filters": {},
        "citations": [
            {
                "n": 1,
                "doc_id": "d",
                "title": "T",
                "source_path": "d.txt",
                "council": "Melton Borough Council",
                "committee": None,
                "meeting_date": "2024-11-13",
                "page": "2",
                "section": None,
                "speakers": [],
                "quote": "Officers would\nstart next month.",
                "start": 5,
                "end": 38,
            }
        ],
    }
    md = answer_markdown("When do officers start?", data, "When do officers start?")
    assert "- [1] T · Melton Borough Council · 2024-11-13 · p. 2 (d, characters 5–38)" in md
    assert "  > Officers would start next month." in md
    whole = conversation_markdown(
        [
            {"question": "q1", "searched": "q1", "answer": data},
            {"question": "and q2?", "searched": "q2 rewritten", "answer": data},
        ]
    )
    assert whole.count("[1] T") == 2 and "*Searched for: q2 rewritten*" in whole


def test_feedback_appends_one_line_per_judgement(tmp_path):
    log = FeedbackLog(tmp_path)
    turn = {
        "question": "q",
        "searched": "q",
        "answer": {"answer": "a [1]", "abstained": False, "citations": [{"n": 1}]},
    }
    log.record(turn, True)
    log.record(turn, False, "wrong council")
    entries = log.read()
    assert [e["liked"] for e in entries] == [True, False] and entries[1]["comment"] == "wrong council"
    assert entries[0]["citations"] == [{"n": 1}]


def test_a_digest_answer_renders_as_one_list_item_per_meeting_escaped_once():
    from assistant.answer import Answer, digest_text
    from tabs.render import chat_message

    def cite(n, doc_id, date, quote):
        return Citation(
            n=n,
            doc_id=doc_id,
            title="Minutes",
            source_path="",
            meeting_date=date,
            quote=quote,
            chunk_id="c",
            start=0,
            end=len(quote),
        )

    citations = [
        cite(1, "a", "2024-11-05", "The stile's post <b>broke</b>."),
        cite(2, "b", "2025-03-04", "It was mended."),
    ]
    answer = Answer(question="q", answer=digest_text(citations), abstained=False, citations=[])
    lines = chat_message(answer, {}).split("\n")
    items = [line for line in lines if line.startswith("- ")]
    assert len(items) == 2 and "2024" in items[0] and "2025" in items[1], lines
    assert "stile&#39;s post &lt;b&gt;broke&lt;/b&gt;" in items[0] and "&amp;#" not in items[0]
    assert "[1]" in items[0] and "[2]" in items[1]


def test_who_said_it_offers_people_and_offices_only():
    from types import SimpleNamespace

    from tabs.common import choices

    archive = SimpleNamespace(
        facets={"speakers": {"In response", "Members", "Officers", "The Committee", "Inspector Vale", "The Clerk"}}
    )
    assert choices(archive, "speakers") == ["Inspector Vale", "The Clerk"]
    assert choices(SimpleNamespace(facets={"council": {"B", "A"}}), "council") == ["A", "B"]


def test_a_badly_typed_date_is_refused_naming_its_box():
    import pytest

    from index.filters import FilterError
    from tabs.common import form_filters

    assert form_filters([], [], [], [], " 2024-01-31 ", "").since.isoformat() == "2024-01-31"
    with pytest.raises(FilterError, match=r"^Meetings until: '31/12/2024' is not a date; write it as YYYY-MM-DD"):
        form_filters([], [], [], [], "", "31/12/2024")
    with pytest.raises(FilterError, match=r"^Meetings from: '2024-13-01'"):
        form_filters([], [], [], [], "2024-13-01", None)
