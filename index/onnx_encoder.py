"""The embedding model through ONNX Runtime: exported once from the local weights into a cache, then run with only
onnxruntime, tokenizers and numpy, so a question never waits for torch or sentence-transformers to import."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

from .offline import ensure_offline

log = logging.getLogger(__name__)

# Part of every cache file's name: bump it when the exported graph changes, and older exports are left unused.
EXPORT_VERSION = 1
OPSET = 17


class NotExportable(RuntimeError):
    """The model's directory is not a mean-pooled sentence-transformers model this module can export."""


def default_cache_dir() -> Path:
    """$XDG_CACHE_HOME/minutes-assistant, else ~/.cache/minutes-assistant: one export serves every archive."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "minutes-assistant"


def max_seq_length(model_dir: Path) -> int:
    """The model's own truncation length (sentence_bert_config.json), after checking it pools by mean: the one
    pooling the exported graph computes. The shipped tokenizer.json truncates at 128, which is not the model's."""
    try:
        config = json.loads((model_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))
        modules = json.loads((model_dir / "modules.json").read_text(encoding="utf-8"))
        pooling_dir = next(m["path"] for m in modules if m["type"].endswith(".Pooling"))
        pooling = json.loads((model_dir / pooling_dir / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, StopIteration) as exc:
        raise NotExportable(f"{model_dir} is not a sentence-transformers model directory ({exc})") from exc
    modes = {k for k, v in pooling.items() if k.startswith("pooling_mode") and v}
    if modes != {"pooling_mode_mean_tokens"}:
        raise NotExportable(f"{model_dir} pools by {sorted(modes)}; only mean pooling is exported")
    if not (model_dir / "tokenizer.json").is_file():
        raise NotExportable(f"{model_dir} has no tokenizer.json")
    return int(config["max_seq_length"])


def cache_path(model_dir: Path, cache_dir: Path, quantize: bool) -> Path:
    """The export's file, keyed by the model's path, its files' sizes and times, the export version and precision:
    a changed model or a changed export gets a new file."""
    files = sorted(p for p in model_dir.iterdir() if p.is_file())
    facts = [str(model_dir.resolve()), f"export {EXPORT_VERSION}", "int8" if quantize else "fp32"] + [
        f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files
    ]
    key = hashlib.sha256("\n".join(facts).encode()).hexdigest()[:16]
    return cache_dir / f"encoder-{'int8' if quantize else 'fp32'}-{key}.onnx"


def _torch_export(model_dir: Path, target: str) -> None:
    """The transformer plus mean pooling and L2 normalisation as one graph (legacy exporter, dynamic batch and
    sequence axes)."""
    ensure_offline()
    import torch  # noqa: PLC0415 — only to export, once per model; using the export never imports it
    from transformers import AutoModel  # noqa: PLC0415 — as above
    from transformers.utils import logging as hf_logging  # noqa: PLC0415 — as above

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()

    class Pooled(torch.nn.Module):
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask):
            hidden = self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    # The packaged model's own directory; local_files_only: never a hub, even if the offline env were unset.
    model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager", local_files_only=True).eval()
    example = torch.ones((2, 8), dtype=torch.long)
    axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # tracer notes about Python-level branches that do not vary here
        torch.onnx.export(
            Pooled(model),
            (example, example),
            target,
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={**axes, "embedding": {0: "batch"}},
            opset_version=OPSET,
            dynamo=False,
        )


def export(model_dir: Path, target: Path, quantize: bool) -> None:
    """Write the export to `target` atomically: built under a temporary name beside it, opened once to check it,
    then renamed, so a process starting meanwhile finds the whole file or none (two exporting at once both write
    whole files; the last rename wins)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temps = []
    try:
        for _ in range(2):
            fd, name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".partial")
            os.close(fd)
            temps.append(name)
        _torch_export(model_dir, temps[0])
        built = temps[0]
        if quantize:
            from onnxruntime.quantization import QuantType, quantize_dynamic  # noqa: PLC0415 — needs onnx; export only

            logging.disable(logging.WARNING)  # its advice to pre-process, on the root logger, for every model
            try:
                quantize_dynamic(temps[0], temps[1], per_channel=True, weight_type=QuantType.QInt8)
            finally:
                logging.disable(logging.NOTSET)
            built = temps[1]
        ort.InferenceSession(built, providers=["CPUExecutionProvider"])
        os.chmod(built, 0o644)  # mkstemp's 0600 would keep the cache from others sharing it
        os.replace(built, target)
    finally:
        for name in temps:
            Path(name).unlink(missing_ok=True)


class OnnxEncoder:
    """The exported model and the model's own tokenizer (truncation at its max_seq_length, padding to the longest
    text of each batch); the graph ends in the L2 normalisation, so rows come out unit length."""

    name = "onnx"

    def __init__(self, model_dir: Path, cache_dir: Path | None = None, quantize: bool = False, threads: int = 0):
        self.model_dir = Path(model_dir)
        self.quantize = quantize
        self.threads = threads
        self.max_length = max_seq_length(self.model_dir)
        self.path = cache_path(self.model_dir, Path(cache_dir or default_cache_dir()), quantize)
        self.tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        padding = self.tokenizer.padding or {"pad_id": 0, "pad_token": "[PAD]"}
        self.tokenizer.enable_truncation(self.max_length)
        self.tokenizer.enable_padding(pad_id=padding["pad_id"], pad_token=padding["pad_token"])  # longest in batch
        self.session = self._load()
        self.dim = int(self.session.get_outputs()[0].shape[1])

    @property
    def precision(self) -> str:
        return "int8" if self.quantize else "fp32"

    def _open(self) -> ort.InferenceSession:
        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads  # 0: ONNX Runtime's choice, one per physical core
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        # Idle workers would spin after each call and take the cores from BM25, Chroma and the next request.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return ort.InferenceSession(str(self.path), options, providers=["CPUExecutionProvider"])

    def _load(self) -> ort.InferenceSession:
        if self.path.is_file():
            try:
                return self._open()
            except Exception as exc:  # a truncated or foreign file: ONNX Runtime's errors have no common base
                reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                log.warning("cached ONNX model %s is unreadable (%s); exporting it again", self.path, reason)
        else:
            log.info("exporting %s to ONNX (%s) at %s, once", self.model_dir, self.precision, self.path)
        export(self.model_dir, self.path, self.quantize)
        return self._open()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        (vectors,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
        return np.asarray(vectors, dtype=np.float32)
