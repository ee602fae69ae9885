"""Library hooks that are in place only while an import run is active in some thread."""

from __future__ import annotations

import threading
from contextlib import contextmanager


class RunHook:
    """Replaces `owner.name` with `replacement` while at least one thread is inside
    `installed()`; the replacement itself decides, per thread, whether to act or to call the
    library's own (`self.original`)."""

    def __init__(self, owner, name: str, replacement):
        self.owner, self.name, self.replacement = owner, name, replacement
        self.original = getattr(owner, name)
        self._lock = threading.Lock()
        self._runs = 0

    @contextmanager
    def installed(self):
        with self._lock:
            if self._runs == 0:
                setattr(self.owner, self.name, self.replacement)
            self._runs += 1
        try:
            yield
        finally:
            with self._lock:
                self._runs -= 1
                if self._runs == 0:
                    setattr(self.owner, self.name, self.original)
