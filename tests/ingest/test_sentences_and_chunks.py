from pathlib import Path

import pytest

from ingest.chunk import chunk_document
from ingest.load import discover, load_document
from ingest.sentences import split_sentences

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_a_statute_citation_does_not_end_a_sentence():
    text = "Notice: Patrons drinking on the public way in violation of M.G.L. ch. 138 s. 64. Deferred to July 11."
    assert [s.text for s in split_sentences(text)] == [
        "Notice: Patrons drinking on the public way in violation of M.G.L. ch. 138 s. 64.",
        "Deferred to July 11.",
    ]


def test_sentences_keep_abbreviations_and_exact_offsets():
    text = "Mr Wilson advised. Cllr M. Brown agreed that costs were £1.5k. Reason for?  In response, was CCG."
    sentences = split_sentences(text, offset=10)
    assert [s.text for s in sentences] == [
        "Mr Wilson advised.",
        "Cllr M. Brown agreed that costs were £1.5k.",
        "Reason for?",
        "In response, was CCG.",
    ]
    for s in sentences:
        assert text[s.start - 10 : s.end - 10] == s.text


@pytest.fixture(scope="module")
def corpus_docs():
    files, errors = discover([CORPUS])
    assert not errors and len(files) == 5
    return [load_document(f) for f in files]


def test_chunks_are_verbatim_spans_and_never_split_a_sentence(corpus_docs):
    for doc in corpus_docs:
        chunks = chunk_document(doc, chunk_size=900)
        assert chunks, doc.doc_id
        for chunk in chunks:
            assert doc.text[chunk.start : chunk.end] == chunk.text
            assert len(chunk.text) <= 900 or len(chunk.sentences) == 1
            for s in chunk.sentences:
                assert chunk.start <= s.start < s.end <= chunk.end
                assert doc.text[s.start : s.end] == s.text
        # no sentence boundary is crossed: consecutive chunks do not overlap
        for a, b in zip(chunks, chunks[1:], strict=False):
            assert a.end <= b.start


def test_structure_labels_reach_the_sections(corpus_docs):
    by_id = {d.doc_id: chunk_document(d) for d in corpus_docs}
    report = " | ".join(c.section for c in by_id["melton-crime-disorder-annual-update-report"])
    assert "5.1 Impact of Team Restructure › 5.1.9" in report
    minutes = " | ".join(c.section for c in by_id["charnwood-finance-performance-scrutiny-csp-minutes"])
    assert "(xi)" in minutes
    bullets = [c for c in by_id["melton-scrutiny-csp-presentation-minutes"] if "400 stop and searches" in c.text]
    assert len(bullets) == 1 and "Inspector Danvers highlighted the following" in bullets[0].section


def test_chunk_ids_depend_on_content_and_position(corpus_docs):
    doc = corpus_docs[0]
    first = [c.id for c in chunk_document(doc)]
    assert first == [c.id for c in chunk_document(doc)]
    assert len(set(first)) == len(first)
    doc.text = doc.text.replace("Community", "Neighbourhood", 1)
    assert set(first).isdisjoint(c.id for c in chunk_document(doc))


def _sentences_of(text: str) -> list[str]:
    from ingest.types import DocMeta, Document

    doc = Document(doc_id="t", source_path="t.pdf", text=text, meta=DocMeta(title="t"))
    return [" ".join(s.text.split()) for chunk in chunk_document(doc) for s in chunk.sentences]


def test_justified_pdf_lines_spaced_with_tabs_stay_one_sentence():
    # pypdf's layout text of justified minutes puts single tabs between words; the sentence runs over three lines.
    text = (
        "7. Play area\n"
        "Councillor\tJane\tOkafor\treported\tthat  she\thad\tinvestigated\tplay\tarea\tsurfaces\twith  three\n"
        "different  companies.\tShe\thad\tdiscovered\tthat  the  recommended\tsurface\twas\tnow\ta  ready-pour\n"
        "substance that could be laid in one day.\n"
    )
    assert _sentences_of(text) == [
        "Councillor Jane Okafor reported that she had investigated play area surfaces with three different companies.",
        "She had discovered that the recommended surface was now a ready-pour substance that could be laid in one day.",
    ]


def test_tab_separated_table_rows_stay_rows():
    # Cells of several words, or columns opened by runs of tabs: each row is its own line, never joined to the next.
    text = (
        "Grants considered\n"
        "Friends of the Park\tCommunity Group\tRenovate the memorial site\t£1,385.00\n"
        "Ken\tBlakeley\t\t\t\tMember\tof\tthe\tpublic\n"
        "Trinity\t25,000\t£1,965\n"
    )
    rows = _sentences_of(text)
    assert rows == [
        "Friends of the Park Community Group Renovate the memorial site £1,385.00",
        "Ken Blakeley Member of the public",
        "Trinity 25,000 £1,965",
    ]
