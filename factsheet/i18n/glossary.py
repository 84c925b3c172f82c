"""The translators' glossary, ``translations/glossary.tbx``: read with the standard library.

The file is TBX-Basic (the TBX 2008 ``martif`` form, which Weblate and Crowdin import). Each
``termEntry`` is one concept, its ``id`` a stable name (``factsheet``, ``ai-chatbot``); each
``langSet`` holds, for one locale, exactly one chosen term (``administrativeStatus``
``preferredTerm-admn-sts``) and any number of terms not to use (``deprecatedTerm-admn-sts``,
which Weblate shows as forbidden translations). A note ``Forms: …; …`` on the chosen term lists
forms of it that :mod:`.term_match` cannot derive (an irregular plural, the imperative of a
Dutch verb).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

__all__ = ["FILE", "Concept", "Glossary", "Term", "read_glossary"]

FILE = "glossary.tbx"
PREFERRED = "preferredTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_FORMS = re.compile(r"^\s*Forms:\s*(.+)$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class Term:
    """A locale's chosen term for a concept, with the other forms of it that a string may use."""

    text: str
    forms: tuple[str, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.text, *self.forms)


@dataclass(frozen=True, slots=True)
class Concept:
    """One concept: its chosen term and its terms not to use, per locale."""

    id: str
    terms: Mapping[str, Term] = field(default_factory=dict)
    forbidden: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Glossary:
    concepts: tuple[Concept, ...]
    problems: tuple[str, ...] = ()
    """What is wrong with the file: a check reports these and trusts none of the concepts named."""

    def concept(self, concept_id: str) -> Concept | None:
        return next((c for c in self.concepts if c.id == concept_id), None)


def read_glossary(path: Path, locales: tuple[str, ...]) -> Glossary:
    """The glossary at ``path``; ``locales`` are the shipped ones, each of which every concept
    must give one chosen term (the source locale, first, too)."""
    if not path.is_file():
        return Glossary((), (f"no glossary at {path}",))
    try:
        # Our own file in the checkout, not input from the network: the standard parser is enough.
        root = ElementTree.parse(path).getroot()  # noqa: S314
    except ElementTree.ParseError as error:
        return Glossary((), (f"{path.name} is not well-formed XML: {error}",))
    if root.tag != "martif":
        return Glossary((), (f"{path.name}: the root element is <{root.tag}>, not TBX's <martif>",))
    concepts: list[Concept] = []
    problems: list[str] = []
    for entry in root.iter("termEntry"):
        concept, found = _concept(entry, locales)
        problems += [f"{path.name}: {problem}" for problem in found]
        if concept is not None:
            if any(c.id == concept.id for c in concepts):
                problems.append(f"{path.name}: concept {concept.id!r} is given twice")
            concepts.append(concept)
    if not concepts and not problems:
        problems.append(f"{path.name} holds no termEntry")
    return Glossary(tuple(concepts), tuple(problems))


def _concept(entry: ElementTree.Element, locales: tuple[str, ...]) -> tuple[Concept | None, list[str]]:
    concept_id = entry.get("id")
    if not concept_id:
        return None, ["a termEntry without an id"]
    terms: dict[str, Term] = {}
    forbidden: dict[str, tuple[str, ...]] = {}
    problems: list[str] = []
    for lang_set in entry.iter("langSet"):
        code = lang_set.get(_LANG, "")
        chosen: list[Term] = []
        avoid: list[str] = []
        for tig in lang_set.iter("tig"):
            text = (tig.findtext("term") or "").strip()
            status = next(
                (n.text or "" for n in tig.iter("termNote") if n.get("type") == "administrativeStatus"), ""
            )
            if not text:
                problems.append(f"{concept_id} ({code}): an empty term")
            elif status == PREFERRED:
                chosen.append(Term(text, _forms(tig)))
            elif status == DEPRECATED:
                avoid.append(text)
            else:
                problems.append(
                    f"{concept_id} ({code}): term {text!r} has administrativeStatus {status!r}; "
                    f"give each term {PREFERRED} (the one chosen) or {DEPRECATED} (not to use)"
                )
        if len(chosen) != 1:
            problems.append(
                f"{concept_id} ({code}): {len(chosen)} chosen terms; one concept has one per locale"
            )
        elif code in terms:
            problems.append(f"{concept_id}: two langSets for {code}")
        else:
            terms[code] = chosen[0]
            forbidden[code] = tuple(avoid)
    problems += [f"{concept_id}: no term for {code}" for code in locales if code not in terms]
    return Concept(concept_id, terms, forbidden), problems


def _forms(tig: ElementTree.Element) -> tuple[str, ...]:
    for note in tig.iter("note"):
        found = _FORMS.match(note.text or "")
        if found:
            return tuple(form.strip() for form in found.group(1).split(";") if form.strip())
    return ()
