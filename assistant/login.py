"""The app's login check: constant-time comparison plus a lockout after repeated wrong passwords.

Gradio answers every login attempt at once; without a lockout a password can be guessed as fast as the network
allows. Failures are counted per user name and in total (so spraying many names is throttled too).
"""

from __future__ import annotations

import hmac
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable


class ThrottledLogin:
    """A callable for Gradio's `auth=`: True only for the right pair while neither the name nor the app is locked."""

    def __init__(
        self,
        user: str,
        password: str,
        max_failures: int,
        lockout_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._user, self._password = user.encode(), password.encode()
        self.max_failures, self.lockout_seconds = max_failures, lockout_seconds
        self._clock = clock
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._all: deque[float] = deque()
        self._locked_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def _recent(self, times: deque[float], now: float) -> int:
        while times and now - times[0] > self.lockout_seconds:
            times.popleft()
        return len(times)

    def locked(self, username: str) -> bool:
        now = self._clock()
        with self._lock:
            return now < max(self._locked_until.get(username, 0.0), self._locked_until.get("*", 0.0))

    def __call__(self, username: str, password: str) -> bool:
        now = self._clock()
        username, password = str(username or ""), str(password or "")
        with self._lock:
            if now < max(self._locked_until.get(username, 0.0), self._locked_until.get("*", 0.0)):
                return False
            ok = hmac.compare_digest(username.encode(), self._user) & hmac.compare_digest(
                password.encode(), self._password
            )
            if ok:
                self._failures.pop(username, None)
                return True
            self._failures[username].append(now)
            self._all.append(now)
            if self._recent(self._failures[username], now) >= self.max_failures:
                self._locked_until[username] = now + self.lockout_seconds
            if self._recent(self._all, now) >= 10 * self.max_failures:
                self._locked_until["*"] = now + self.lockout_seconds
            return False
