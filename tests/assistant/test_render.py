"""Rendering for people: escaping of document text, source cards and chips, the source panel, the reader, the
first screen, Markdown exports, feedback lines."""

from types import SimpleNamespace

import pytest

from assistant.cite import Citation
from assistant.feedback import FeedbackLog
from assistant.pages import PageImage
from ingest.types import Page
from tabs.render import (
    CONTEXT_CHARS,
    answer_markdown,
    archive_summary,
    conversation_markdown,
    document_html,
    escape,
    escape_html,
)
from tabs.sources import card_html, chat_message, panel_citations, parse_chip, passages, source_panel_html

HOSTILE = "<script>alert(1)</script> [click](javascript:alert(2)) **bold** <img src=x onerror=alert(3)> & > #1"


def test_document_text_cannot_inject_markup():
    for out in (escape(HOSTILE), escape_html(HOSTILE)):
        assert "<script>" not in out and "<img" not in out and "](javascript" not in out and "**" not in out
    assert "&lt;script&gt;" in escape(HOSTILE) and "&amp; &gt;" in escape(HOSTILE)


def _citation(text: str, quote: str, n: int = 1, doc_id: str = "d") -> Citation:
    start = text.index(quote)
    return Citation(
        n=n,
        doc_id=doc_id,
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
    card = card_html([c], text)
    assert "<mark>The cited &lt;b&gt;sentence&lt;/b&gt;.</mark>" in card
    assert card.count("First sentence here.") >= 5 and "After that." in card and "…" in card
    assert f'href="?doc=d&amp;start={c.start}&amp;end={c.end}"' in card and "said by Mr Wilson" in card


NEIGHBOURS = (
    "Opening words of the minutes. " * 10
    + "The Panel agreed to extend the patrols. Members asked for a report on the patrols' cost. "
    + "Unrelated business followed. " * 20
    + "The Chair closed the meeting at 9pm. "
)


def _answer(text: str, citations: list[Citation], **extra) -> SimpleNamespace:
    """An answer as chat_message reads it (SimpleNamespace: a field the Answer model does not have yet may be set)."""
    return SimpleNamespace(question="q", answer=text, abstained=False, citations=citations, leads=[], **extra)


def test_neighbouring_sentences_share_one_card_with_each_sentence_highlighted():
    a = _citation(NEIGHBOURS, "The Panel agreed to extend the patrols.", 1)
    b = _citation(NEIGHBOURS, "Members asked for a report on the patrols' cost.", 2)
    far = _citation(NEIGHBOURS, "The Chair closed the meeting at 9pm.", 3)
    other = _citation("Another paper. The Panel agreed to extend the patrols.", "The Panel agreed", 4, "e")
    assert far.start - b.end > CONTEXT_CHARS  # far enough apart to need a card of its own
    documents = {"d": NEIGHBOURS, "e": "Another paper. The Panel agreed to extend the patrols."}
    groups = passages([a, far, b, other], documents)
    assert [[c.n for c in g] for g in groups] == [[1, 2], [3], [4]]
    card = card_html(groups[0], NEIGHBOURS)
    assert "<mark>The Panel agreed to extend the patrols.</mark> <mark>Members asked for a report on the " in card
    assert card.count("<mark>") == 2 and "<b>[1]</b><b>[2]</b>" in card
    message = chat_message(_answer("x [1] y [2] z [3] w [4]", [a, b, far, other]), documents)
    assert message.count('class="ma-chip"') == 3 and message.count('class="ma-card') == 3
    assert 'name="c1 c2" value="d|1:' in message


def test_a_sentence_cited_twice_is_one_highlight():
    text = "Funding. Additional CCTV. This part of the funding buys cameras. Later text."
    short = _citation(text, "Additional CCTV.", 1)
    longer = _citation(text, "Additional CCTV. This part of the funding buys cameras.", 2)
    card = card_html(passages([short, longer], {"d": text})[0], text)
    assert "Funding. <mark>Additional CCTV. This part of the funding buys cameras.</mark> Later text." in card


def test_a_quote_not_at_its_offsets_keeps_a_card_of_its_own():
    a = _citation(NEIGHBOURS, "The Panel agreed to extend the patrols.", 1)
    stale = a.model_copy(update={"n": 2, "quote": "A sentence the stored text no longer holds."})
    groups = passages([a, stale], {"d": NEIGHBOURS})
    assert [[c.n for c in g] for g in groups] == [[1], [2]]
    assert "<mark>A sentence the stored text no longer holds.</mark>" in card_html(groups[1], NEIGHBOURS)


def test_the_answer_comes_first_its_markers_link_to_chips_and_show_the_quote():
    hostile = 'He said "<b>stop</b>" & left.'
    text = "Preamble. " + hostile + " The end."
    c = _citation(text, hostile, 1)
    message = chat_message(_answer(f"{hostile} [1] and a footnote [7].", [c]), {"d": text})
    link = (
        '<a class="ma-ref" href="#c1" name="c1" title="He said &quot;&lt;b&gt;stop&lt;/b&gt;&quot; &amp; left.">[1]</a>'
    )
    assert link in message
    assert "footnote [7]." in message  # a number no citation carries is left as text
    answer_at, chips_at, cards_at = message.index("He said"), message.index("ma-chips"), message.index("ma-passages")
    assert answer_at < chips_at < cards_at
    assert "<details" in message and message.index("<details") < message.index('class="ma-card')


def test_the_scope_note_is_a_small_line_under_the_answer_escaped_once():
    c = _citation(NEIGHBOURS, "The Panel agreed to extend the patrols.", 1)
    note = "Only Melton's papers from 2023-01-01; 2 undated papers were left out <b>."
    message = chat_message(_answer("The Panel agreed. [1]", [c], scope_note=note), {"d": NEIGHBOURS})
    line = '<p class="ma-scope">Only Melton&#39;s papers from 2023&#45;01&#45;01; 2 undated papers were left out &lt;b&gt;.</p>'
    assert message.count(line) == 1 and message.index("The Panel agreed.") < message.index(line)
    assert 'class="ma-scope"' not in chat_message(_answer("The Panel agreed. [1]", [c], scope_note=""), {})
    assert 'class="ma-scope"' not in chat_message(_answer("The Panel agreed. [1]", [c]), {})


def test_a_chip_names_its_document_and_spans_and_bad_values_are_refused():
    assert parse_chip("doc-1|1:10-20,2:30-45|2") == ("doc-1", [(1, 10, 20), (2, 30, 45)], 2)
    assert parse_chip("doc-1|3:0-5") == ("doc-1", [(3, 0, 5)], None)
    for bad in ("", "doc-1", "doc-1|1:a-b", "../etc/passwd|1:0-5|x", "d|" + ",".join(["1:0-1"] * 51)):
        with pytest.raises(ValueError, match="doc_id"):
            parse_chip(bad)
    record = {"doc_id": "d", "text": "short text", "meta": {}}
    with pytest.raises(ValueError, match="characters 5–99 are not in d"):
        panel_citations(record, [(1, 5, 99)])


def _record() -> dict:
    return {
        "doc_id": "d",
        "text": NEIGHBOURS,
        "meta": {"title": "Patrols <b>review</b>", "council": "Testshire's Council", "committee": "Panel"},
        "pages": [{"number": 1, "label": "iv", "start": 0, "end": len(NEIGHBOURS)}],
    }


def test_the_source_panel_shows_the_passage_the_page_image_and_a_link():
    record = _record()
    start = NEIGHBOURS.index("Members asked")
    cited = panel_citations(record, [(2, start, start + len("Members asked for a report on the patrols' cost."))])
    page = Page(**record["pages"][0])
    image = PageImage(b"\x89PNG fake", 1, 1, 0.25)
    out = source_panel_html(record, cited, 2, page, image, None)
    assert "<h3>Patrols &lt;b&gt;review&lt;/b&gt;</h3>" in out and "Testshire&#39;s Council · Panel" in out
    assert "date not stated" in out and "page iv" in out
    assert '<mark class="ma-focus">Members asked for a report on the patrols&#39; cost.</mark>' in out
    assert '<img src="data:image/png;base64,iVBORyBmYWtl"' in out and 'data-focus="0.250"' in out
    assert f'href="?doc=d&amp;start={start}&amp;end=' in out and "the cited lines highlighted" in out
    missing = source_panel_html(record, cited, None, page, None, "the original is not a PDF")
    assert "<img" not in missing and "The original page is not available: the original is not a PDF." in missing


def test_the_first_screen_says_what_the_archive_holds():
    records = [
        {"meta": {"council": "Melton Borough Council", "committee": "Scrutiny", "meeting_date": "2023-09-12"}},
        {"meta": {"council": "Charnwood's Council", "meeting_body": "Cabinet", "meeting_date": "2021-01-05"}},
        {"meta": {"council": "Melton Borough Council"}},
    ]
    text = archive_summary(records)
    assert text.startswith("**This archive holds 3 papers** from 2 councils (Charnwood&#39;s Council, Melton")
    assert "2 committees and other bodies (Cabinet, Scrutiny)" in text
    assert "meetings from 2021\\-01\\-05 to 2023\\-09\\-12 (1 paper states no date)." in text
    assert "empty" in archive_summary([])


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
