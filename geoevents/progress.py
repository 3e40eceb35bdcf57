"""A small progress bar for stderr: documents, documents per second and time left."""

from __future__ import annotations

import sys
import time
from typing import TextIO

_INTERVAL = 0.2  # seconds between redraws


def _clock(seconds: float) -> str:
    seconds = int(max(seconds, 0))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


class Progress:
    """Counts documents and redraws one status line on a terminal; silent otherwise."""

    def __init__(
        self,
        total_bytes: int | None = None,
        *,
        stream: TextIO | None = None,
        enabled: bool | None = None,
        unit: str = "docs",
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = enabled
        self.total_bytes = total_bytes or None
        self.unit = unit
        self.count = 0
        self.bytes_done = 0
        self.start = time.monotonic()
        self._last_draw = 0.0
        self._width = 0

    def update(self, count: int = 1, nbytes: int = 0) -> None:
        """Add `count` finished documents covering `nbytes` bytes of input."""
        self.count += count
        self.bytes_done += nbytes
        if self.enabled:
            now = time.monotonic()
            if now - self._last_draw >= _INTERVAL:
                self._last_draw = now
                self._draw(now)

    def status(self, now: float | None = None) -> str:
        """The status line as it would be drawn now."""
        elapsed = max((now if now is not None else time.monotonic()) - self.start, 1e-9)
        rate = self.count / elapsed
        parts = [f"{self.count:,} {self.unit}", f"{rate:,.0f} {self.unit}/s"]
        if self.total_bytes:
            fraction = min(self.bytes_done / self.total_bytes, 1.0)
            filled = int(fraction * 20)
            parts.insert(0, f"{fraction:4.0%} [{'#' * filled}{'.' * (20 - filled)}]")
            if self.bytes_done:
                left = elapsed * (self.total_bytes - self.bytes_done) / self.bytes_done
                parts.append(f"{_clock(left)} left")
        else:
            parts.append(f"{_clock(elapsed)} elapsed")
        return " | ".join(parts)

    def _draw(self, now: float) -> None:
        line = self.status(now)
        pad = " " * max(self._width - len(line), 0)
        self._width = len(line)
        self.stream.write(f"\r{line}{pad}")
        self.stream.flush()

    def clear(self) -> None:
        """Erase the status line (before printing something else)."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def write(self, message: str) -> None:
        """Print a message line without garbling the bar."""
        self.clear()
        self.stream.write(message.rstrip("\n") + "\n")
        self.stream.flush()

    def close(self) -> None:
        """Draw the final state and end the line."""
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()

    @property
    def elapsed(self) -> float:
        """Seconds since the bar was created."""
        return time.monotonic() - self.start
