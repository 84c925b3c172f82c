"""The releases shipped in the package: listing, loading an archived edition, the real 1.0.0 diff,
and the rule that released text never changes without a new version."""

from __future__ import annotations

import json

import pytest

import factsheet
from factsheet.history import layout
from factsheet.history.releases import current_version
from factsheet.history.store import shipped as store
from factsheet.history.versions import version_key

TIP_1 = "conversation/standard-questions/example"


def test_releases_are_listed_newest_first_with_date_and_checksum() -> None:
    releases = factsheet.releases()
    assert [r.version for r in releases] == sorted((r.version for r in releases), key=version_key)[::-1]
    first = releases[-1]
    assert (first.version, first.date) == ("1.0.0", "2026-11-27")
    archive = store.archive("1.0.0")
    assert first.checksum == archive.checksum == layout.checksum(archive.inputs, archive.codes)
    assert all(isinstance(r, factsheet.Release) for r in releases)


#: Strings that became translated after 1.0.0 (English metadata prose until then).
RIGHTS = ("metadata/rights/holder", "metadata/rights/statement")


def test_every_release_loads_in_every_locale_without_fallbacks() -> None:
    for release in factsheet.releases():
        for code in store.archive(release.version).codes:
            sheet = factsheet.load(code, version=release.version)
            assert sheet.metadata.version == release.version
            assert sheet.language == code
            # Only what became a translated string after that release falls back (to the text
            # as it was then): the rights, English prose until 1.1.0.
            made_translatable = RIGHTS if release.version == "1.0.0" else ()
            assert sheet.metadata.translation.fallbacks == (() if code == "nl" else made_translatable)


def test_a_pinned_edition_keeps_its_own_text_and_is_cached() -> None:
    old = factsheet.load("es", version="1.0.0")
    assert old is factsheet.load("ES-es", version="1.0.0")
    assert old.tips[0].example is not None and "¿Utiliza" in old.tips[0].example  # usted in 1.0.0
    current = factsheet.load("es")
    assert current.metadata.version == current_version() != "1.0.0"
    assert current.tips[0].example is not None and "¿Usas" in current.tips[0].example  # tú since
    assert factsheet.load("es", version=current_version()) is current


def test_the_archived_json_is_that_edition() -> None:
    archive = store.archive("1.0.0")
    for code in archive.codes:
        served = json.loads(archive.json(code))
        sheet = factsheet.load(code, version="1.0.0")
        assert served["metadata"]["version"] == "1.0.0"
        assert served["metadata"]["language"] == code
        tips = next(section for section in served["sections"] if section["id"] == "conversation")
        assert tips["items"][0]["example"] == sheet.tips[0].example


def test_an_unknown_version_names_the_versions_there_are() -> None:
    with pytest.raises(factsheet.UnknownVersionError) as caught:
        factsheet.load("es", version="0.9.0")
    assert isinstance(caught.value, LookupError)
    assert "'0.9.0'" in str(caught.value)
    assert {"1.0.0", current_version()} <= set(caught.value.available)
    with pytest.raises(factsheet.UnknownVersionError, match=r"available: .*1\.0\.0"):
        factsheet.diff("../1.0.0")
    with pytest.raises(factsheet.UnknownLocaleError, match="available: nl, en"):
        factsheet.load("xx", version="1.0.0")


def test_released_text_never_changes_without_a_new_version() -> None:
    working = layout.working_inputs()
    versions = store.versions()
    assert versions, "the package keeps at least release 1.0.0"
    current = current_version()
    if current in versions:
        assert store.archive(current).inputs == working, (
            f"the working files differ from release {current}: released text never changes; "
            "give the content a new version (metadata/version) and freeze it when it is released"
        )
    elif store.archive(versions[0]).inputs != working:
        assert version_key(current) > version_key(versions[0]), (
            f"the working files changed since release {versions[0]} but carry version {current}"
        )
    assert factsheet.is_released(current) == (current in versions)
    assert factsheet.is_released("1.0.0")


def test_what_changed_in_spanish_from_1_0_0_to_1_1_0() -> None:
    # Facts about two archives, which never change; the working files are compared elsewhere.
    changes = factsheet.diff("1.0.0", "1.1.0", "es")
    assert (changes.old, changes.new, changes.new_released) == ("1.0.0", "1.1.0", True)
    (spanish,) = changes.locales
    assert spanish is changes.locale("es")
    tip = next(change for change in spanish.translation_changed if change.context == TIP_1)
    assert tip.kind == "translation"
    assert tip.old is not None and "¿Utiliza alguna vez la IA" in tip.old
    assert tip.new is not None and "¿Usas alguna vez la IA" in tip.new
    assert tip.old_source == tip.new_source == factsheet.load("nl").tips[0].example
    assert tuple(change.context for change in spanish.source_changed) == RIGHTS  # now Dutch text
    assert spanish.removed == ()
    assert all(change.context.startswith("interface/") for change in spanish.added)  # embed, PDF
    assert TIP_1 in spanish.contexts
    dutch = factsheet.diff("1.0.0", "1.1.0", "nl").locale("nl")
    assert tuple(change.context for change in dutch.source_changed) == RIGHTS
    assert dutch.translation_changed == ()


def test_a_version_diffed_with_itself_has_no_changes() -> None:
    same = factsheet.diff("1.0.0", "1.0.0")
    assert [c.locale for c in same.locales] == list(store.archive("1.0.0").codes)
    assert not any(same.locales)
    assert same.new_released
