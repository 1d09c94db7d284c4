"""The app served for real (tests/conftest.py::ui_server) and called through gradio_client as scripts would."""

import json
import socket

import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AuthenticationError

from assistant.engine import Assistant
from ingest.readers import suffixes
from tests.assistant.test_answers import QUESTIONS
from tests.pdfs import write_pdf
from ui import serve


@pytest.fixture(scope="module")
def client(ui_server):
    return Client(ui_server["url"], verbose=False)


def test_ask_endpoint_answers_with_markers_cards_and_the_cli_citations(client, ui_server):
    question = "How much does a helicopter deployment cost?"
    markdown, citations = client.predict(question, api_name="/ask")
    assert "£15k" in markdown and "[1]" in markdown and 'class="ma-card' in markdown
    expected = ui_server["assistant"].ask(question).to_json_dict()["citations"]
    assert citations == expected  # the same objects `minutes ask --json` prints
    assert "?doc=" in markdown and f"start={citations[0]['start']}" in markdown


def test_refusal_says_so_and_lists_leads(client):
    markdown, leads = client.predict("Who is the Mayor of Charnwood?", api_name="/ask")
    assert "does not say" in markdown and "leads, not answers" in markdown
    assert leads and all(lead["council"] == "Charnwood Borough Council" for lead in leads)


def test_filters_change_the_result(client):
    question = "What has been said about funding?"
    _, unfiltered = client.predict(question, api_name="/ask")
    _, redditch = client.predict(question, {"council": ["Redditch"]}, api_name="/ask")
    assert {c["council"] for c in unfiltered} != {"Redditch Borough Council"}
    assert redditch and {c["council"] for c in redditch} == {"Redditch Borough Council"}
    _, dated = client.predict("What was noted about parking enforcement?", {"since": "2024-01-01"}, api_name="/ask")
    assert {c["doc_id"] for c in dated} == {"parking-injection"}  # the only dated paper after 2024-01-01


def test_follow_up_resolves_against_the_previous_turn(client):
    first = "How many stop and searches were there in Melton?"
    markdown, cards = client.predict("and what about Charnwood?", None, [first], api_name="/ask")
    assert "Searched for: How many stop and searches were there in Charnwood?" in markdown
    assert cards and all(c["council"] == "Charnwood Borough Council" for c in cards)
    markdown, citations = client.predict(
        "who said that?", None, ["What did Inspector Danvers say about extra officers?"], api_name="/ask"
    )
    assert "Searched for: Who said" in markdown
    assert citations and "Inspector Danvers" in citations[0]["speakers"]
    assert "Inspector Danvers: “" in markdown  # a who-question's answer leads with the name


def test_markup_in_a_document_is_shown_as_text(client):
    markdown, citations = client.predict("What was noted about parking enforcement?", api_name="/ask")
    assert citations[0]["doc_id"] == "parking-injection"
    assert "<script>" not in markdown and "<img" not in markdown and "](javascript" not in markdown
    # as text in the answer, in its [1]'s hover title and on its card; never as markup
    assert markdown.count("&lt;script&gt;") == 3 and markdown.count('title="') == 2


def test_add_documents_tab_ingests_uploads_and_lists_bad_files(client, ui_server, tmp_path):
    good = write_pdf(
        tmp_path / "allotments-panel-minutes.pdf",
        [
            [
                "Allotments Panel minutes. Testshire District Council.",
                "The Panel agreed that the waiting list for allotment plots would be reviewed by the Parks Manager.",
                "Members noted that 42 households were waiting for an allotment plot in Testshire.",
            ]
        ],
    )
    bad = tmp_path / "broken-agenda.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    summary, problems, table, *_ = client.predict(
        [handle_file(str(good)), handle_file(str(bad))], False, api_name="/add_documents"
    )
    assert "1 ingested" in summary and "1 failed" in summary
    assert [row[0] for row in problems["data"]] == ["broken-agenda.pdf"] and problems["data"][0][1]
    assert "allotments-panel-minutes" in [row[-1] for row in table["data"]]
    markdown, citations = client.predict("How many households were waiting for an allotment plot?", api_name="/ask")
    assert "42" in markdown and citations[0]["doc_id"] == "allotments-panel-minutes"
    ui_server["assistant"].remove("allotments-panel-minutes")


def test_upload_widget_offers_every_format_ingest_reads(client):
    """The browser's file picker follows the reader registry, so a format ingest reads (.md) is never hidden."""
    uploads = [
        c
        for c in client.config["components"]
        if c["type"] == "file" and c["props"].get("file_count") == "multiple" and "MB each" in c["props"]["label"]
    ]
    assert len(uploads) == 1 and uploads[0]["props"]["file_types"] == list(suffixes())


def test_evaluate_tab_runs_a_question_set(client, tmp_path):
    qset = tmp_path / "three.jsonl"
    qset.write_text("".join(json.dumps(QUESTIONS[q]) + "\n" for q in ("f01", "w02", "u05")), encoding="utf-8")
    headline, metrics, by_type, latency, questions, files, table = client.predict(
        handle_file(str(qset)), False, api_name="/run_eval"
    )
    assert "3 questions" in headline and "answer_correct" in table and "refused_unanswerable" in table
    assert (
        by_type
        and latency
        and {f.rsplit("/", 1)[-1] for f in files} == {"results.jsonl", "summary.json", "report.html"}
    )
    assert any(row[0].endswith("(answer_correct)") and row[2] == "not run" and row[3] for row in metrics["data"])
    results = [json.loads(line) for line in open(next(f for f in files if f.endswith("results.jsonl")))]
    assert [r["id"] for r in results] == ["f01", "w02", "u05"]
    assert sorted(row[0] for row in questions["data"]) == ["f01", "u05", "w02"]  # every question, not only failures
    assert {row[0]: row[4] for row in questions["data"]} == {r["id"]: r["failure"] or "" for r in results}


def test_login_is_required_when_auth_is_set(embedder, corpus_assistant, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = corpus_assistant.settings.model_copy(
        update={
            "serve": corpus_assistant.settings.serve.model_copy(
                update={"port": port, "auth": "clerk:s3cret", "examples": 0}
            )
        }
    )
    app = serve(Assistant(settings, embedder=embedder), block=False)
    try:
        with pytest.raises(AuthenticationError):
            Client(f"http://127.0.0.1:{port}/", verbose=False)
        client = Client(f"http://127.0.0.1:{port}/", auth=("clerk", "s3cret"), verbose=False)
        markdown, _ = client.predict("How much does a helicopter deployment cost?", api_name="/ask")
        assert "£15k" in markdown
    finally:
        app.close()


def test_commitments_and_timeline_endpoints(client):
    rows = client.predict("youth", "", None, api_name="/commitments")
    assert [r["owner"] for r in rows] == ["Inspector Danvers"] and rows[0]["kind"] == "agreement"
    redditch = client.predict("CCTV", "", {"council": ["Redditch"]}, api_name="/commitments")
    assert redditch and {r["council"] for r in redditch} == {"Redditch Borough Council"}
    police = client.predict("", "police", None, api_name="/commitments")  # the group: the force and its officers
    assert (
        len(police) > 1 and {r["group"] for r in police} == {"Police"} and "The Police" in {r["owner"] for r in police}
    )
    timeline = client.predict("CCTV", None, api_name="/timeline")
    assert len(timeline["meetings"]) >= 3
    assert all("cctv" in c["quote"].lower() for m in timeline["meetings"] for c in m["citations"])
