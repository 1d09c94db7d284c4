"""Metadata and speaker scoring against the archive's hand labels: the matchers, the arithmetic, one real run."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from evals.metadata import FIELDS, normalise, same, score_metadata, system_values
from evals.metadata import GOLD as METADATA_GOLD
from evals.report import summary_table
from evals.runner import evaluate, load_questions
from evals.speakers import GOLD as SPEAKERS_GOLD
from evals.speakers import locate, named, prediction, same_speaker, score_speakers
from index.records import StoredSentence

ARCHIVE = Path(__file__).resolve().parents[2] / "evals" / "archive"


# -- metadata ------------------------------------------------------------------------------------------------------
def test_metadata_values_match_after_folding_case_space_and_punctuation():
    assert normalise("  Annual General Meeting (A.G.M.) ") == normalise("annual general meeting  agm")
    assert same("title", "Scrutiny feedback – Crime & Disorder", "scrutiny feedback - crime and disorder")
    assert same("council", "The Melton Borough Council", "Melton Borough Council")
    assert same("meeting_date", "2015-11-03", "2015-11-03")
    assert same("body", "Scrutiny Committee", [None, "scrutiny committee"])  # the meeting body, not the committee


@pytest.mark.parametrize(
    ("field", "gold", "system"),
    [
        ("body", "Parish Council", ["Milburn Parish Council"]),  # a longer name is not the same body
        ("council", "Melton Borough Council", "Melton District Council"),
        ("meeting_date", "2015-11-03", "2015-11-30"),
        ("title", "Crime and Disorder - Annual Update", "Crime and Disorder"),
        ("doc_type", None, "minutes"),  # the paper states none: nothing can be right
    ],
)
def test_metadata_values_that_must_not_match(field, gold, system):
    assert not same(field, gold, system)


def test_a_file_name_title_is_not_a_title_read_from_the_paper():
    values = system_values("milburn-pc-minutes", {"title": "Milburn pc minutes", "committee": "Parish Council"})
    assert values["title"] is None and values["body"] == ["Parish Council"]


def test_metadata_precision_and_recall_per_field_and_split():
    gold = [
        {"doc_id": "a", "council": "X Council", "body": "Cabinet", "meeting_date": "2020-01-02", "doc_type": "minutes",
         "title": "A"},
        {"doc_id": "b", "council": None, "body": "Cabinet", "meeting_date": None, "doc_type": "report", "title": "Budget"},
        {"doc_id": "c", "council": "Y Council", "body": None, "meeting_date": None, "doc_type": None, "title": None},
        {"doc_id": "not-indexed", "council": "Z", "body": None, "meeting_date": None, "doc_type": None, "title": None},
    ]  # fmt: skip
    records = {
        "a": {"council": "the X Council", "committee": "Cabinet", "meeting_date": "2020-01-02", "title": "Other"},
        "b": {"council": "Guessed Council", "meeting_body": "Cabinet", "doc_type": "report", "title": "Budget"},
        "c": {"council": "Y Council"},
    }
    result = score_metadata(gold, records, {"a": "dev", "b": "dev", "c": "test"})
    assert result["skipped_unknown"] == 1 and result["scored_documents"] == 3
    dev, test = result["by_split"]["dev"], result["by_split"]["test"]
    assert set(dev) == set(FIELDS)
    # council, dev: a right; b given where the paper states none (wrong) -> 1/2 given, 1/1 stated
    assert (dev["council"]["right"], dev["council"]["given"], dev["council"]["stated"]) == (1, 2, 1)
    assert dev["council"]["precision"] == 0.5 and dev["council"]["recall"] == 1.0
    assert dev["body"]["precision"] == 1.0 and dev["body"]["recall"] == 1.0
    assert dev["title"]["right"] == 1 and dev["title"]["precision"] == 0.5 and dev["title"]["recall"] == 0.5
    assert dev["doc_type"]["precision"] == 1.0 and dev["doc_type"]["recall"] == 0.5
    assert test["council"]["precision"] == 1.0 and test["title"]["precision"] is None and test["title"]["stated"] == 0
    assert {(m["doc_id"], m["field"]) for m in result["mismatches"]} >= {("b", "council"), ("a", "title")}


# -- speakers ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("Councillor Linsley", "Cllr Linsley"),
        ("Councillor Mrs P A Channer", "Councillor Channer"),
        ("the Chairman", "The Chair"),
        ("the Town Clerk", "Town Clerk"),
        ("Kirsty Williams AM", "Ms Williams"),
        ("The Acting Chair (Mr. Bruce Stanton)", "Mr Stanton"),
        ("Mrs Dolores Bray-Ash JP", "Mrs Bray-Ash"),
    ],
)
def test_speakers_that_match(gold, predicted):
    assert same_speaker(gold, predicted)


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("Councillor Linsley", "Councillor Richardson"),
        ("Mr Bellsham", "Mrs Bellsham"),  # titles differ
        ("Councillor M S Heard", "Councillor J Heard"),  # initials differ
        ("the Assistant Town Clerk", "the Clerk"),
        ("the Chairman of the Planning Committee", "The Chair"),  # another body's chair
        ("Mayor Kibbey", "the Mayor"),  # a role never names the person
        ("Vice President Means", "President Means"),
    ],
)
def test_speakers_that_must_not_match(gold, predicted):
    assert not same_speaker(gold, predicted)


def test_group_tags_name_no_one():
    assert named(["Members", "In response", "Officers", "Councillor Linsley", "The Chair"]) == [
        "Councillor Linsley",
        "The Chair",
    ]


def test_gold_sentence_is_located_across_line_breaks_and_quote_forms():
    text = "Minutes.\nCouncillor Linsley  reported the\nfirework area’s move. Next item."
    start, end = locate(text, "Councillor Linsley reported the firework area's move.") or (0, 0)
    assert text[start:end].startswith("Councillor Linsley") and text[start:end].endswith("move.")
    assert locate(text, "Councillor Linsley reported the bonfire.") is None
    split_words = "Next.\nThe speed gun had been unavai lable\nfor a time\t. Then."  # a PDF text layer's spacing
    start, end = locate(split_words, "The speed gun had been unavailable for a time.") or (0, 0)
    assert split_words[start:end] == "The speed gun had been unavai lable\nfor a time\t."


def _sentence(doc_id: str, start: int, end: int, *speakers: str) -> StoredSentence:
    return StoredSentence(f"{doc_id}-{start}", "", "c0", doc_id, start, end, speakers)


def test_speaker_precision_and_recall():
    text = "Cllr Ames said yes. The Chair agreed. It rained. Members asked why. Mr Bell noted it. Lost words."
    spans = {s: (text.index(s), text.index(s) + len(s)) for s in text.split(". ")}
    stored = [
        _sentence("d", *spans["Cllr Ames said yes"], "Councillor Ames"),  # right
        _sentence("d", *spans["The Chair agreed"], "Councillor Ames"),  # wrong person
        _sentence("d", *spans["It rained"], "Councillor Ames"),  # named where the gold has no one
        _sentence("d", *spans["Members asked why"], "Members"),  # a group: not a prediction
        _sentence("d", *spans["Mr Bell noted it"]),  # missed
    ]
    gold = [
        {"doc_id": "d", "sentence": "Cllr Ames said yes.", "speaker": "Councillor Ames"},
        {"doc_id": "d", "sentence": "The Chair agreed.", "speaker": "the Chair"},
        {"doc_id": "d", "sentence": "It rained.", "speaker": None},
        {"doc_id": "d", "sentence": "Members asked why.", "speaker": None},
        {"doc_id": "d", "sentence": "Mr Bell noted it.", "speaker": "Mr Bell"},
        {"doc_id": "d", "sentence": "Not in the stored text.", "speaker": "Mr Bell"},
        {"doc_id": "elsewhere", "sentence": "Anything.", "speaker": "Mr Bell"},
    ]
    result = score_speakers(gold, {"d": text}, {"d": stored}, {"d": "dev"}, {"d": "Testshire"})
    dev = result["by_split"]["dev"]
    assert (dev["right"], dev["given"], dev["stated"], dev["sentences"]) == (1, 3, 3, 5)
    assert dev["precision"] == round(1 / 3, 3) and dev["recall"] == round(1 / 3, 3)
    assert result["unlocated"] == 1 and result["skipped_unknown"] == 1 and dev["unlocated"] == 1
    assert result["by_council"]["Testshire"]["split"] == "dev" and result["by_council"]["Testshire"]["right"] == 1
    assert len(result["mismatches"]) == 3


def test_prediction_is_the_first_named_speaker_of_overlapping_sentences():
    stored = [_sentence("d", 10, 20, "Mr Bell"), _sentence("d", 0, 10, "Members", "Cllr Ames"), _sentence("d", 30, 40)]
    assert prediction((5, 15), stored) == ["Cllr Ames", "Mr Bell"]
    assert prediction((20, 30), stored) == []


# -- one real run --------------------------------------------------------------------------------------------------
PICKED = {  # small papers with speaker labels, both splits, pages and PDFs
    "bromley-education-pds-committee-2013-09-17-minutes",
    "sutton-committee-undated-petition-review-safer-streets",
    "burton-cum-walden-pc-parish-council-2024-10-01-minutes",
    "maldon-committee-undated-community-safety-partnership",
    "lincolnshire-health-scrutiny-committee-undated-chairmans-announcements",
    "milburn-pc-parish-council-2015-11-03-minutes",
}


@pytest.fixture(scope="module")
def real_run(tmp_path_factory, embedder):
    from assistant.engine import Assistant
    from assistant.settings import Settings

    rows = [r for r in csv.DictReader((ARCHIVE / "provenance.tsv").open(encoding="utf-8"), delimiter="\t")]
    picked = [r for r in rows if r["doc_id"] in PICKED]
    assert {r["split"] for r in picked} == {"dev", "test"} and len(picked) == len(PICKED)
    folder = tmp_path_factory.mktemp("gold-subset")
    for r in picked:
        target = folder / r["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ARCHIVE / r["file"], target)
    questions = (
        tmp_path_factory.mktemp("gold-questions") / "questions.jsonl"
    )  # one dev question on a picked paper: the run needs a question set
    dev = [
        q
        for q in load_questions(ARCHIVE / "questions-dev.jsonl")
        if set(q["sources"]) == {"bromley-education-pds-committee-2013-09-17-minutes"}
    ]
    questions.write_text(json.dumps(dev[0]) + "\n", encoding="utf-8")
    settings = Settings.build({"store.data_dir": tmp_path_factory.mktemp("gold-index")}, environ={})
    assistant = Assistant(settings, embedder=embedder)
    report = assistant.ingest([folder], progress=False)
    assert not report.failed, report.failed
    out = tmp_path_factory.mktemp("gold-report")
    summary = evaluate(
        assistant, [questions], progress=False, out_dir=out, metadata_gold=METADATA_GOLD, speakers_gold=SPEAKERS_GOLD
    )
    return summary, out


def test_real_run_reports_metadata_per_field_and_split(real_run):
    summary, out = real_run
    m = summary["metadata"]
    assert m["scored_documents"] == len(PICKED) and m["skipped_unknown"] == m["gold_documents"] - len(PICKED)
    assert set(m["by_split"]) == {"dev", "test"}
    for values in m["by_split"].values():
        assert set(values) == set(FIELDS)
        for v in values.values():
            assert 0 <= v["right"] <= min(v["given"], v["stated"]) and v["stated"] <= v["documents"]
            assert all(v[k] is None or 0 <= v[k] <= 1 for k in ("precision", "recall"))
        assert sum(v["stated"] for v in values.values()) > 0
    assert "metadata read at ingest" in summary_table(summary)
    assert "council dev" in (out / "report.html").read_text() and json.loads((out / "summary.json").read_text())


def test_real_run_reports_speakers_per_split_and_council(real_run):
    summary, out = real_run
    s = summary["speakers"]
    assert set(s["by_split"]) == {"dev", "test"} and s["scored_sentences"] + s["unlocated"] > 0
    for v in [*s["by_split"].values(), *s["by_council"].values()]:
        assert 0 <= v["right"] <= min(v["given"], v["stated"]) and v["stated"] <= v["sentences"]
        assert all(v[k] is None or 0 <= v[k] <= 1 for k in ("precision", "recall"))
    assert sum(v["stated"] for v in s["by_split"].values()) > 0
    assert {c["split"] for c in s["by_council"].values()} == {"dev", "test"}
    table = summary_table(summary)
    assert "speakers vs speakers.jsonl" in table and all(council[:30] in table for council in s["by_council"])
    assert "Speakers: attributed differently" in (out / "report.html").read_text()
