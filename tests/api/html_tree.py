"""A small element tree from HTML (the standard library's parser), enough to test page structure."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

_SPACE = re.compile(r"[ \t\n\r\f]+")
VOID = frozenset({"meta", "link", "br", "img", "input", "hr", "source", "wbr", "area", "base", "col"})


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """All text inside, with HTML's whitespace collapsed (not U+202F, which French needs)."""
        parts = [child if isinstance(child, str) else child.text for child in self.children]
        return _SPACE.sub(" ", "".join(parts)).strip(" ")

    def iter(self, tag: str | None = None) -> Iterator[Element]:
        """This element and every element inside it, in document order (only ``tag``, if given)."""
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter(tag)

    def find(self, tag: str, **attrs: str) -> Element:
        """The first element ``tag`` with these attributes (``class_`` for ``class``)."""
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        for element in self.iter(tag):
            if all(element.attrs.get(name) == value for name, value in wanted.items()):
                return element
        raise LookupError(f"no <{tag}> with {wanted}")

    def elements(self) -> list[Element]:
        return [child for child in self.children if isinstance(child, Element)]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        # The pages are well formed: every end tag closes the innermost open element.
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Element:
    """The document's root; fails on an end tag that does not match (a template slip)."""
    builder = _Builder()
    builder.feed(text)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements: " + ", ".join(
        e.tag for e in builder.stack[1:]
    )
    return builder.root
