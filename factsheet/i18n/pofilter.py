"""translate-toolkit's ``pofilter`` on a catalog: the established QA tool's tests that fit this text.

pofilter runs as a program of its own, as GNU ``msgfmt`` does (both are GPL; neither is imported
into this MIT package): ``python -m translate.filters.pofilter`` from the ``test`` extra. It
writes the entries that fail, each with ``# (pofilter) test: message`` comments, and Babel reads
that file back.

The tests run (:data:`TESTS`) catch what a hand edit breaks: doubled words and spaces, white
space at either end, a lost or changed end punctuation (with each language's own: French
" ?", Arabic "؟"), escapes, line breaks and tabs, placeholders and format strings, tags, URLs
and e-mail addresses, a string of punctuation changed. Left out, because this text breaks them on
purpose and the project checks the point its own way (:mod:`.checks`): ``acronyms`` (AI is KI,
IA, ШІ), ``doublequoting`` and ``singlequoting`` (each language's quotation marks),
``brackets`` (the guide's title adds square ones), ``numbers`` (French "24 h/24, 7 j/7"),
``puncspacing`` (placeholders move), ``sentencecount`` ("z. B.", "bijv."), ``startcaps`` and
``simplecaps`` (German nouns, lower-case starts copied from the Dutch), ``startpunc`` (Spanish
"¿"), ``unchanged`` ("Echo"), ``long`` and ``short`` (languages differ in length),
``spellcheck`` and ``validchars`` (no dictionary or character list is set up).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

__all__ = ["TESTS", "Failure", "available", "pofilter"]

TESTS = (
    "doublespacing",
    "doublewords",
    "startwhitespace",
    "endwhitespace",
    "endpunc",
    "escapes",
    "newlines",
    "tabs",
    "printf",
    "pythonbraceformat",
    "variables",
    "xmltags",
    "urls",
    "emails",
    "purepunc",
)
_MARK = "(pofilter) "


@dataclass(frozen=True, slots=True)
class Failure:
    """One pofilter test that failed on one entry."""

    context: str
    test: str
    message: str


def available() -> bool:
    """Whether translate-toolkit is installed (the ``test`` extra), without importing it."""
    return importlib.util.find_spec("translate") is not None


def pofilter(path: Path, locale: str) -> list[Failure]:
    """The failures of :data:`TESTS` on the catalog at ``path`` in ``locale``'s rules.

    Raises FileNotFoundError without translate-toolkit and RuntimeError if pofilter fails.
    """
    from babel.messages.pofile import read_po  # noqa: PLC0415 - only the translators' check needs it

    if not available():
        raise FileNotFoundError(
            "translate-toolkit is not installed (the test extra: pip install -e '.[test]')"
        )
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "failures.po"
        command = [
            sys.executable, "-m", "translate.filters.pofilter", "--nofuzzy", f"--language={locale}",
            "--progress=none", *(f"--test={test}" for test in TESTS), str(path), str(out),
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 - fixed program
        if done.returncode != 0:
            raise RuntimeError(f"pofilter failed: {done.stderr.strip()[-500:]}")
        if not out.is_file():  # pofilter writes nothing when every entry passes
            return []
        catalog = read_po(BytesIO(out.read_bytes()))
    return [
        Failure(message.context or "", *_split(comment[len(_MARK) :]))
        for message in catalog
        if message.id
        for comment in message.user_comments
        if comment.startswith(_MARK)
    ]


def _split(comment: str) -> tuple[str, str]:
    test, _, message = comment.partition(": ")
    return test.strip(), message.strip()
