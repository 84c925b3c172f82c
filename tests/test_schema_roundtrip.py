"""load -> dump -> load gives equal objects, for the real content and for generated content."""

from __future__ import annotations

import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factsheet
from factsheet import SECTION_IDS, Factsheet, FactsheetSchema, Item, Section, parse_content, to_dict

SCHEMA = FactsheetSchema()


def test_real_content_round_trips_for_every_locale() -> None:
    for code in factsheet.locales():
        fs = factsheet.load(code)
        assert SCHEMA.load(to_dict(fs)) == fs
        assert SCHEMA.load(json.loads(json.dumps(to_dict(fs), ensure_ascii=False))) == fs


def test_dump_keeps_content_order() -> None:
    dumped = to_dict(factsheet.load())
    assert list(dumped) == ["metadata", "sections"]
    assert [s["id"] for s in dumped["sections"]] == list(SECTION_IDS)
    assert list(dumped["sections"][3]["items"][0]) == ["id", "number", "title", "text", "points", "example"]
    assert [i["id"] for i in dumped["sections"][4]["items"]][:2] == ["standard-questions", "open-attitude"]


# Text as a content file may hold it: any printable text, not blank, no padding. Includes the YAML
# 1.1 traps ("no", "1.10", dates) and characters YAML must quote.
_text = (
    st.one_of(
        st.text(
            st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40
        ),
        st.sampled_from(
            ["no", "on", "yes", "1.10", "2026-01-01", "null", "~", "#x", ": y", "- z", "'q'", '"q"']
        ),
    )
    .map(str.strip)
    .filter(bool)
)
_ids = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)


@st.composite
def _items(draw: st.DrawFn, numbered: bool) -> tuple[Item, ...]:
    ids = draw(st.lists(_ids, min_size=1, max_size=5, unique=True))
    items = []
    for number, item_id in enumerate(ids, start=1):
        points = tuple(draw(st.lists(_text, max_size=3)))
        text = draw(st.none() | _text) if points else draw(_text)
        items.append(
            Item(
                id=item_id,
                number=number if numbered else None,
                title=draw(st.none() | _text),
                text=text,
                points=points,
                example=draw(st.none() | _text),
            )
        )
    return tuple(items)


@st.composite
def _factsheets(draw: st.DrawFn) -> Factsheet:
    base = factsheet.load()
    sections = []
    for section_id in SECTION_IDS:
        numbered = draw(st.booleans())
        sections.append(
            Section(
                id=section_id,
                numbered=numbered,
                items=draw(_items(numbered)),
                title=draw(st.none() | _text),
                lead=draw(st.none() | _text),
                subheading=draw(st.none() | _text),
            )
        )
    from dataclasses import replace

    metadata = replace(base.metadata, title=draw(_text), footer=draw(_text), audience=draw(_text))
    return Factsheet(metadata=metadata, sections=tuple(sections))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_factsheets())
def test_generated_content_round_trips_through_dict_and_yaml(fs: Factsheet) -> None:
    dumped = to_dict(fs)
    assert SCHEMA.load(dumped) == fs
    # Through a YAML file, as an editor would save it: the safe dumper quotes every trap.
    assert parse_content(yaml.safe_dump(dumped, allow_unicode=True, sort_keys=False)) == fs
