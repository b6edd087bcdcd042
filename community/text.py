"""Plain text typed by contributors: kept as typed, minus what no reader can see or want."""

import re
import unicodedata


def clean_line(text, length):
    """One line: control and format characters dropped, white space collapsed."""
    text = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in str(text or ""))
    return re.sub(r"\s+", " ", text).strip()[:length]


def clean_text(text, length):
    """Paragraphs: line breaks kept (at most one empty line), other control characters dropped."""
    text = str(text or "").replace("\r\n", "\n").replace("\r", "\n")
    lines = [clean_line(line, length) for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text[:length]
