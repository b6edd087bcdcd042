"""A plain-text progress bar for long management commands (imports, index rebuilds, data generation).

On a terminal it redraws one line; in a log (not a TTY) it prints a line every tenth of the way, so CI
logs stay short.
"""

import time


class Progress:
    def __init__(self, stream, total, label="", width=30):
        self.stream = stream
        self.total = max(0, int(total))
        self.label = label
        self.width = width
        self.done = 0
        self.started = time.monotonic()
        self._last_tenth = -1
        self._tty = getattr(getattr(stream, "_out", stream), "isatty", lambda: False)()

    def advance(self, count=1):
        self.done = min(self.total, self.done + count) if self.total else self.done + count
        self._draw()

    def _draw(self, final=False):
        fraction = self.done / self.total if self.total else 1.0
        filled = int(self.width * fraction)
        elapsed = time.monotonic() - self.started
        line = (
            f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] "
            f"{self.done}/{self.total} ({fraction:.0%}, {elapsed:.1f} s)"
        )
        if self._tty:
            self.stream.write("\r" + line, ending="\n" if final else "")
            self.stream.flush()
            return
        tenth = int(fraction * 10)
        if tenth != self._last_tenth or final:
            self._last_tenth = tenth
            self.stream.write(line)

    def finish(self):
        if self._tty or self._last_tenth != 10:
            self._draw(final=True)
