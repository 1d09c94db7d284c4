"""Thumbs up/down on answers, appended as JSON lines beside the index for evaluators to mine."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path

FEEDBACK_FILE = "feedback.jsonl"


class FeedbackLog:
    """One per data dir; its lock keeps concurrent sessions from interleaving half lines."""

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / FEEDBACK_FILE
        self._lock = threading.Lock()

    def record(self, turn: dict, liked: bool, comment: str = "") -> dict:
        """Append one judgement with its question, answer and citations; returns the stored entry."""
        answer = turn["answer"]
        entry = {
            "time": datetime.now(UTC).isoformat(timespec="seconds"),
            "liked": bool(liked),
            "question": turn["question"],
            "searched": turn.get("searched") or turn["question"],
            "filters": answer.get("filters", {}),
            "answer": answer["answer"],
            "abstained": answer["abstained"],
            "citations": answer.get("citations", []),
            "comment": comment,
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return entry

    def read(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line.strip()]
