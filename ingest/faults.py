"""Named fault points: checkpoint(name) SIGKILLs the process when MINUTES_FAULT names it, and runs a test's hook."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

ENV = "MINUTES_FAULT"  # "after_chunks_written", or "after_registry_written@2" for the second time it is reached

# Every step of a replacement (per batch of documents) and of a removal, in the order they run.
REPLACE_POINTS = (
    "after_embedding",
    "after_chunks_written",
    "after_sentences_written",
    "after_commitments_written",
    "after_registry_written",
    "before_sweep",
    "after_sweep",
    "during_lexical_swap",
    "after_lexical_sync",
)
REMOVE_POINTS = ("remove_after_registry", "remove_after_sweep", "during_lexical_swap", "after_lexical_sync")

_hooks: dict[str, Callable[[], None]] = {}
_reached: dict[str, int] = {}
_lock = threading.Lock()


def checkpoint(name: str) -> None:
    """A no-op unless a hook is set for `name` or MINUTES_FAULT names it (then the process dies by SIGKILL here)."""
    hook = _hooks.get(name)
    if hook is not None:
        hook()
    wanted = os.environ.get(ENV)
    if not wanted:
        return
    point, _, nth = wanted.partition("@")
    if point != name:
        return
    with _lock:
        _reached[name] = _reached.get(name, 0) + 1
        if _reached[name] >= int(nth or 1):
            os.kill(os.getpid(), signal.SIGKILL)


@contextmanager
def hooked(name: str, hook: Callable[[], None]) -> Iterator[None]:
    """Run `hook` whenever checkpoint(name) is reached in this process (tests: pause an ingest at a known step)."""
    _hooks[name] = hook
    try:
        yield
    finally:
        _hooks.pop(name, None)
