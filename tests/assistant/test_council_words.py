"""Words in a question are never a filter: a council named in the question steers the answer, but papers that do
not state their council stay in reach (most real papers state it only in a header, if at all)."""

from __future__ import annotations

PAPERS = {
    # one paper of the council states its name; the one holding the answer does not
    "cabinet-2025-02-13.txt": "Kent County Council\n\nMinutes of a meeting of the Cabinet.\n\n"
    "The Cabinet agreed the highways maintenance budget for the coming year, including "
    "resurfacing on the A28 at Chartham.\n",
    "cabinet-2025-03-13.txt": "Minutes of a meeting of the Cabinet.\n\n"
    "The Cabinet agreed that Whitstable library would stay open on Saturday mornings, "
    "funded by the libraries reserve until March 2026.\n",
    # another council's paper on the same subject, stating its name
    "surrey-cabinet-2025-03-20.txt": "Surrey County Council\n\nMinutes of a meeting of the Cabinet.\n\n"
    "The Cabinet agreed that Woking library would close on Saturday mornings from "
    "April to save staffing costs.\n",
}


def test_a_named_council_steers_but_never_hides_papers_of_unknown_council(make_assistant, tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    for name, text in PAPERS.items():
        (folder / name).write_text(text, encoding="utf-8")
    assistant = make_assistant()
    assert not assistant.ingest([folder], progress=False).failed
    councils = {d["doc_id"]: d["meta"].get("council") for d in assistant.documents()}
    assert councils["cabinet-2025-02-13"] == "Kent County Council" and councils["cabinet-2025-03-13"] is None

    answer = assistant.ask("What did Kent's Cabinet decide about the library on Saturday mornings?")
    assert not answer.abstained and answer.filters.get("council") in (None, [])
    assert answer.citations[0].doc_id == "cabinet-2025-03-13"  # unknown council: in reach
    assert all(c.doc_id != "surrey-cabinet-2025-03-20" for c in answer.citations)  # known other council: not cited

    # without the council's name, both libraries are candidates and Surrey's can answer
    plain = assistant.ask("Which library would close on Saturday mornings?")
    assert plain.citations and plain.citations[0].doc_id == "surrey-cabinet-2025-03-20"


def test_council_names_match_whole_not_by_first_word():
    from assistant.question import councils_named

    stored = {"New Forest District Council", "Melton Borough Council", "City of London Corporation"}
    assert councils_named("What new CCTV cameras were installed?", stored) == []
    assert councils_named("What did the New Forest decide?", stored) == ["New Forest District Council"]
    assert councils_named("Melton's CCTV", stored) == ["Melton Borough Council"]
    assert councils_named("in the city of London", stored) == ["City of London Corporation"]
