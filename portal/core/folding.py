"""Folding text to plain letters, so "Tromsø", "TROMSO" and "tromso" compare equal.

The one place that knows how Norwegian (and Sami) letters are written without them: æ → ae,
ø → o, å → a, and accents dropped (é → e, á → a). Used for matching what people type (municipality
names, search words) and for readable addresses (slugs), which would otherwise lose the letters.
"""

import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "đ": "d", "ŋ": "n", "ŧ": "t"})


def fold(text: str) -> str:
    """Lower case without accents or Norwegian letters; anything else is left as it is."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))
