"""Words and their folded form, the one definition search, choosers and duplicate detection share."""

import re
import unicodedata

WORD = re.compile(r"\w+", re.UNICODE)


def fold(text):
    """Lower case without accents: ``Élaboration`` → ``elaboration``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
