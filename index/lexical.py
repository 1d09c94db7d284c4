"""BM25 over chunk text (bm25s + Snowball stemming), persisted beside Chroma and rebuilt from it."""

# bm25s directly rather than llama-index's BM25Retriever: we need metadata filters (weight_mask),
# document frequencies for answer selection, and an atomic on-disk swap.

from __future__ import annotations

import hashlib
import json
import math
import re
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

import bm25s
import numpy as np
import Stemmer

from ingest.faults import checkpoint

from .dense import DenseIndex
from .filters import Condition
from .records import StoredChunk, vector_of
from .store import Store

STOPWORDS = frozenset(
    """
a about above according after again against all also am an and any are as at be been before being below between both
but by can could did do does doing done down during each few for from further had has have having he her here hers
him his how i if in into is it its itself just me mention mentioned more most my no nor not now of off on once only
or other our ours out over own said same say says she should so some such tell than that the their theirs them then
there these they this those through to too under until up very was we were what when where which while who whom why
will with would you your yours anything something regarding much many
""".split()
)
_TOKEN = re.compile(r"[a-z0-9]+(?:[.,'][a-z0-9]+)*")
FILTER_FIELDS = ("doc_id", "council", "committee", "doc_type", "meeting_date_int", "speakers")


@lru_cache(maxsize=1)
def _stemmer():
    return Stemmer.Stemmer("english")


def tokenize(text: str) -> list[str]:
    """Lower-cased, stop words dropped, Snowball-stemmed; numbers keep their digits ('139,250' -> '139250')."""
    words = [w.replace(",", "").replace("'", "") for w in _TOKEN.findall(text.lower())]
    words = [w for w in words if w and w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
    return _stemmer().stemWords(words)


def fingerprint(ids: list[str]) -> str:
    return hashlib.sha1("\n".join(sorted(ids)).encode()).hexdigest()


class LexicalIndex:
    """A bm25s index with the chunk ids and filterable metadata in the same order."""

    def __init__(self, bm25, ids: list[str], metas: list[dict[str, Any]], fp: str, dense: DenseIndex | None = None):
        self.bm25 = bm25
        self.ids = ids
        # the rows' vectors in the same order, for exact dense search (index/dense.py says why not Chroma's HNSW)
        self.dense = dense if dense is not None else DenseIndex([], np.zeros((0, 0), dtype=np.float32))
        self.metas = metas
        self.fingerprint = fp
        indptr = np.asarray(bm25.scores["indptr"]) if bm25 is not None else np.zeros(1)
        self._df = np.diff(indptr)
        self._n = len(ids)
        self._postings: dict[str, dict[Any, np.ndarray]] = {}  # field -> value -> row numbers, built on first use
        self._numbers: dict[str, np.ndarray] = {}  # field -> float column (NaN where missing)

    @classmethod
    def build(
        cls, ids: list[str], texts: list[str], metas: list[dict[str, Any]], vectors: np.ndarray | None = None
    ) -> LexicalIndex:
        slim = [{k: m[k] for k in FILTER_FIELDS if k in m} for m in metas]
        if not ids:
            return cls(None, [], [], fingerprint([]))
        bm25 = bm25s.BM25()
        bm25.index([tokenize(t) or ["∅"] for t in texts], show_progress=False)
        dense = DenseIndex(list(ids), vectors) if vectors is not None else None
        return cls(bm25, list(ids), slim, fingerprint(ids), dense)

    def nearest(self, vector: np.ndarray, k: int, conditions: list[Condition]) -> list[tuple[str, float]]:
        """(id, cosine similarity) of the k rows nearest the vector that meet the conditions, best first (exact)."""
        mask = self.mask(conditions).astype(bool) if conditions else None
        return self.dense.search(vector, k, mask)

    def save(self, directory: Path) -> None:
        """Write to a sibling temp dir, then swap it in, so a crash never leaves a half-written index."""
        directory = Path(directory)
        tmp = directory.with_name(directory.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self.bm25 is not None:
            self.bm25.save(str(tmp), show_progress=False)
        if self.dense.ids:
            self.dense.save(tmp)
        (tmp / "chunks.json").write_text(
            json.dumps({"ids": self.ids, "metas": self.metas, "fingerprint": self.fingerprint})
        )
        old = directory.with_name(directory.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if directory.exists():
            directory.rename(old)
        checkpoint("during_lexical_swap")  # no index on disk here: the next load rebuilds it from Chroma
        tmp.rename(directory)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex | None:
        directory = Path(directory)
        meta_path = directory / "chunks.json"
        if not meta_path.exists():
            return None
        data = json.loads(meta_path.read_text())
        bm25 = bm25s.BM25.load(str(directory), show_progress=False) if data["ids"] else None
        dense = DenseIndex.load(directory, data["ids"]) if data["ids"] else None
        return cls(bm25, data["ids"], data["metas"], data["fingerprint"], dense)

    def idf(self, token: str) -> float:
        """BM25 idf of a stemmed token; a token the archive never uses gets the highest value."""
        if self.bm25 is None:
            return 0.0
        tid = self.bm25.vocab_dict.get(token)
        df = int(self._df[tid]) if tid is not None and tid < len(self._df) else 0
        return math.log(1 + (self._n - df + 0.5) / (df + 0.5))

    def search(self, query: str, k: int, conditions: list[Condition]) -> list[tuple[str, float]]:
        """(chunk id, BM25 score) with score > 0, best first; filters applied through a weight mask."""
        if self.bm25 is None:
            return []
        tokens = [t for t in tokenize(query) if t in self.bm25.vocab_dict]
        if not tokens:
            return []
        mask = None
        if conditions:
            mask = self.mask(conditions)
            if not mask.any():
                return []
        k = min(k, self._n)
        docs, scores = self.bm25.retrieve([tokens], k=k, show_progress=False, weight_mask=mask)
        # bm25s pads with zero-score filler hits: drop them.
        return [(self.ids[int(d)], float(s)) for d, s in zip(docs[0], scores[0], strict=False) if s > 0]

    def mask(self, conditions: list[Condition]) -> np.ndarray:
        """1.0 for rows meeting every condition: vectorised over columns built once, so a filtered query does not
        walk every chunk's metadata in Python (the same answer as filters.matches, row by row)."""
        keep = np.ones(self._n, dtype=bool)
        for c in conditions:
            if c.op in ("gte", "lte"):
                column = self._number_column(c.field)
                with np.errstate(invalid="ignore"):
                    keep &= (column >= c.value) if c.op == "gte" else (column <= c.value)
            else:
                postings = self._postings_for(c.field)
                hit = np.zeros(self._n, dtype=bool)
                for value in c.value:
                    rows = postings.get(value)
                    if rows is not None:
                        hit[rows] = True
                keep &= hit
        return keep.astype(np.float32)

    def _postings_for(self, field: str) -> dict[Any, np.ndarray]:
        if field not in self._postings:
            rows: dict[Any, list[int]] = {}
            for i, meta in enumerate(self.metas):
                value = meta.get(field)
                for v in (value if isinstance(value, list) else [value]) if value is not None else []:
                    rows.setdefault(v, []).append(i)
            self._postings[field] = {v: np.asarray(r, dtype=np.int64) for v, r in rows.items()}
        return self._postings[field]

    def _number_column(self, field: str) -> np.ndarray:
        if field not in self._numbers:
            self._numbers[field] = np.array(
                [m.get(field, np.nan) if m.get(field) is not None else np.nan for m in self.metas], dtype=np.float64
            )
        return self._numbers[field]


def lexical_facets(chunk: StoredChunk) -> dict[str, Any]:
    """The filterable values of a chunk, as the mask reads them."""
    values: dict[str, Any] = {**chunk.paper.row(), "speakers": list(chunk.speakers)}
    return {k: values[k] for k in FILTER_FIELDS if k in values and values[k] not in (None, [])}


def sync_lexical(store: Store, rebuild: bool = False) -> LexicalIndex:
    """The persisted index (BM25 and the chunk vectors) if it matches the store's chunk ids, else rebuilt from the
    store and saved."""
    current = None if rebuild else LexicalIndex.load(store.lexical_dir)
    if current is not None and len(current.dense.ids) == len(current.ids):
        if fingerprint(store.chunk_ids()) == current.fingerprint:
            return current
    chunks = store.all_chunks(vectors=True)
    vectors = np.stack([vector_of(c) for c in chunks]) if chunks else None
    fresh = LexicalIndex.build(
        [c.id for c in chunks],
        [f"{c.context}\n{c.text}" for c in chunks],
        [lexical_facets(c) for c in chunks],
        vectors,
    )
    fresh.save(store.lexical_dir)
    return fresh


def settle(store: Store) -> LexicalIndex:
    """After any write: sweep the rows of documents no record vouches for (a removal or prune killed part-way), then
    bring the BM25 index in step with the store. Returns the lexical index."""
    lexical = sync_lexical(store)
    orphans = {m["doc_id"] for m in lexical.metas} - store.registered()
    if orphans:
        store.sweep(sorted(orphans))
        lexical = sync_lexical(store)
    checkpoint("after_lexical_sync")
    return lexical
