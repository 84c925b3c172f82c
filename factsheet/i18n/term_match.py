"""Where a glossary term occurs in a string, allowing for the endings a language puts on words.

A string is cut into words (letters and digits; hyphens, apostrophes and punctuation separate
them) and normalised: case folded, accents and Arabic vowel marks dropped, the forms of alef made
one. A term matches when its words occur in order, with at most :data:`GAP` other words between
two of them ("generic chatbots" is in "generic AI chatbots"). A word of the term matches a word
of the string that begins with the term's word less its last letters, as many as
:data:`ENDINGS` gives the language (the case and plural endings it adds or changes), never less
than :data:`STEM` letters; a word of two letters must be the whole word ("AI" is not in "aid").
In Arabic the article and the prefixes written together with a word (و ف ب ل ك) are left off
first. Forms these rules cannot reach (an irregular plural, an imperative) are listed with the
term in the glossary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

__all__ = ["ENDINGS", "GAP", "STEM", "Span", "find", "words"]

#: How many last letters of a term's word the language may change: Dutch terms are matched as
#: written (the source's imperatives are listed as forms), Slavic and Turkish endings reach
#: furthest.
ENDINGS = {"nl": 0, "en": 2, "de": 2, "fr": 2, "es": 2, "pl": 3, "tr": 3, "ar": 1, "uk": 4}
#: The fewest letters a word is cut to.
STEM = 4
#: The most words allowed between two words of a term.
GAP = 2

_WORD = re.compile(r"\w+")
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_ALEF = str.maketrans("أإآٱ", "اااا")
#: A match: the positions of the matched words in the string's word list.
Span = tuple[int, ...]


def _normal(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char) and char != "ـ")
    return unicodedata.normalize("NFC", plain).translate(_ALEF)


def words(text: str) -> list[str]:
    """The normalised words of ``text``, in order."""
    return [_normal(word) for word in _WORD.findall(text.replace("_", " "))]


def _variants(word: str, language: str) -> set[str]:
    """A word of the string and, in Arabic, the same word without the prefixes written with it."""
    if language != "ar":
        return {word}
    found = {word}
    for prefix in _ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            found.add(word[len(prefix) :])
    return found


def _stem(word: str, language: str) -> str:
    if language == "ar":
        word = word.removeprefix("ال") if len(word) > 4 else word
    if len(word) <= STEM:
        return word
    return word[: max(STEM, len(word) - ENDINGS.get(language, 2))]


def _matches(term_word: str, text_word: set[str], language: str) -> bool:
    if len(term_word) <= 2:
        return term_word in text_word
    stem = _stem(term_word, language)
    return any(word.startswith(stem) for word in text_word)


def find(term: str, text: Sequence[str], language: str) -> list[Span]:
    """Every place the term ``term`` occurs in ``text`` (the string's :func:`words`)."""
    wanted = words(term)
    if not wanted:
        return []
    candidates = [_variants(word, language) for word in text]
    found: list[Span] = []
    for start, first in enumerate(candidates):
        if _matches(wanted[0], first, language):
            span = _rest(wanted[1:], candidates, start, language)
            if span is not None:
                found.append((start, *span))
    return found


def _rest(wanted: Iterable[str], candidates: list[set[str]], at: int, language: str) -> Span | None:
    """The positions of the remaining words of a term after position ``at``, or None."""
    span: list[int] = []
    for word in wanted:
        following = range(at + 1, min(at + 2 + GAP, len(candidates)))
        at = next((n for n in following if _matches(word, candidates[n], language)), -1)
        if at < 0:
            return None
        span.append(at)
    return tuple(span)
