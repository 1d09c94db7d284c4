"""LLM back-ends for the optional answer writer, built from a spec string with llama-index's own LLM classes.

none                      the extractive answer only (default)
ollama:MODEL[@URL]        a local Ollama (default http://127.0.0.1:11434)
openai-like:MODEL@URL     any OpenAI-compatible endpoint; key from MINUTES_LLM_API_KEY
gguf:PATH                 a GGUF file through llama.cpp (`pip install .[gguf]`)
"""

from __future__ import annotations

from pathlib import Path

SCHEMES = ("none", "ollama", "openai-like", "gguf")


class LLMSpecError(ValueError):
    """A --llm value that names no back-end, or one that cannot be built here."""


def parse(spec: str | None) -> tuple[str, str, str | None]:
    """'ollama:llama3@http://h:1' -> ('ollama', 'llama3', 'http://h:1')."""
    spec = (spec or "none").strip()
    if spec == "none":
        return "none", "", None
    scheme, sep, rest = spec.partition(":")
    if not sep or scheme not in SCHEMES or not rest:
        raise LLMSpecError(
            f"--llm {spec!r}: expected one of none, ollama:MODEL[@URL], openai-like:MODEL@URL, gguf:PATH"
        )
    if scheme == "gguf":
        return scheme, rest, None
    model, _, url = rest.partition("@")
    if scheme == "openai-like" and not url:
        raise LLMSpecError(f"--llm {spec!r}: openai-like needs MODEL@URL, e.g. openai-like:gpt-4o-mini@http://host/v1")
    return scheme, model, url or None


def build(spec: str | None, api_key: str | None = None, timeout: float = 120.0, temperature: float = 0.0):
    """The llama-index LLM for spec, or None for 'none'."""
    scheme, model, url = parse(spec)
    if scheme == "none":
        return None
    if scheme == "ollama":
        from llama_index.llms.ollama import Ollama  # noqa: PLC0415 — an optional back-end, loaded only when chosen

        return Ollama(
            model=model, base_url=url or "http://127.0.0.1:11434", temperature=temperature, request_timeout=timeout
        )
    if scheme == "openai-like":
        from llama_index.llms.openai_like import OpenAILike  # noqa: PLC0415 — an optional back-end, loaded only when chosen

        return OpenAILike(
            model=model,
            api_base=url,
            api_key=api_key or "not-needed",
            temperature=temperature,
            timeout=timeout,
            max_retries=1,
            is_chat_model=True,
            context_window=8192,
        )
    if not Path(model).is_file():
        raise LLMSpecError(f"--llm gguf:{model}: no such file")
    try:
        from llama_index.llms.llama_cpp import LlamaCPP  # noqa: PLC0415 — an optional back-end, loaded only when chosen
    except ImportError as exc:
        raise LLMSpecError("--llm gguf:… needs the optional extra: pip install '.[gguf]'") from exc
    return LlamaCPP(model_path=model, temperature=temperature, verbose=False)
