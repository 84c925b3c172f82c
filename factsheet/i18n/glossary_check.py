"""A catalog against the glossary: where the Dutch uses a glossary term, the translation uses the
locale's chosen term (:mod:`.glossary`, found as :mod:`.term_match` says) and none of the terms
not to use, unless ``exceptions.yaml`` records why not (:mod:`.exceptions`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from factsheet.locale.registry import DEFAULT_LOCALE

from .exceptions import ALL, FILE, RecordedException, read_exceptions
from .glossary import FILE as GLOSSARY
from .glossary import Glossary, read_glossary
from .term_match import find, words

__all__ = ["Finding", "exception_problems", "findings", "load"]


@dataclass(frozen=True, slots=True)
class Finding:
    """A string that does not use a concept's chosen term, or uses a term not to use."""

    context: str
    concept: str
    problem: str


def load(root: Path, locales: tuple[str, ...]) -> tuple[Glossary, tuple[RecordedException, ...], list[str]]:
    """The glossary and the recorded exceptions of the workspace ``root``, and their problems."""
    glossary = read_glossary(root / GLOSSARY, locales)
    exceptions, problems = read_exceptions(root / FILE)
    return glossary, exceptions, [*glossary.problems, *problems]


def findings(glossary: Glossary, locale: str, strings: Iterable[tuple[str, str, str]]) -> list[Finding]:
    """Every departure from the glossary in ``strings``: ``(context, Dutch, translation)``."""
    found: list[Finding] = []
    for context, source, translation in strings:
        dutch, text = words(source), words(translation)
        for concept in glossary.concepts:
            source_term, term = concept.terms.get(DEFAULT_LOCALE), concept.terms.get(locale)
            if source_term is None or term is None:
                continue
            if not any(find(spelling, dutch, DEFAULT_LOCALE) for spelling in source_term.spellings):
                continue
            spans = [span for spelling in term.spellings for span in find(spelling, text, locale)]
            if not spans:
                found.append(
                    Finding(context, concept.id, f"the Dutch says {source_term.text!r}; use {term.text!r}")
                )
            chosen = {at for span in spans for at in span}
            found += [
                Finding(
                    context,
                    concept.id,
                    f"uses {avoid!r}, which the glossary says not to use for {source_term.text!r}",
                )
                for avoid in concept.forbidden.get(locale, ())
                if any(not chosen.intersection(span) for span in find(avoid, text, locale))
            ]
    return found


def exception_problems(
    exceptions: Iterable[RecordedException], glossary: Glossary, locales: tuple[str, ...], contexts: set[str]
) -> list[str]:
    """Exceptions that name no shipped locale, no message context or no glossary concept."""
    problems: list[str] = []
    for exception in exceptions:
        where = f"{FILE}: {exception.describe()}"
        if exception.locale != ALL and exception.locale not in locales:
            problems.append(f"{where}: {exception.locale!r} is not a shipped locale (or 'all')")
        if exception.context not in contexts:
            problems.append(f"{where}: no message has the context {exception.context!r}")
        if exception.glossary and glossary.concept(exception.glossary) is None:
            problems.append(f"{where}: the glossary has no concept {exception.glossary!r}")
    return problems
