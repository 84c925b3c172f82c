"""The releases on the web: ``/v1/releases`` (every release, newest first, with the changes of
each against the one before, per locale), its Atom feed ``/v1/releases.atom``, and every pinned
edition ``/v1/releases/{version}/{locale}/factsheet``: the JSON bytes kept in the release's
archive (``factsheet/releases/<version>.zip``), so an edition answers the same forever, however
the code that shapes JSON changes later. The lists and the feed are made on first use (they
compare editions); the links are made now, in the app's request context.
"""

from __future__ import annotations

from dataclasses import asdict
from functools import cache
from typing import Any
from xml.etree import ElementTree as ET

from flask import url_for

import factsheet
from api.pages.assets import IMMUTABLE
from api.site.table import JSON, Representation, Site, encode_json
from factsheet.history import store as stores
from factsheet.history.diff import ChangeKind, LocaleChanges, ReleaseDiff
from factsheet.history.releases import current_version, diff

from .schemas import ReleasesSchema

__all__ = ["ATOM", "add_releases"]

ATOM = "application/atom+xml"
_NS = "http://www.w3.org/2005/Atom"
_FEED_ID = f"urn:{factsheet.DISTRIBUTION}:releases"


def add_releases(site: Site, cached: str) -> None:
    """Put the release list, the feed and every pinned edition into ``site``."""
    store = stores.shipped  # the shipped releases
    versions = store.versions()
    links = {
        "self": url_for("v1.releases"),
        "feed": url_for("v1.releases_feed"),
        "edition": url_for("v1.release_factsheet", version="VERSION", locale="LOCALE")
        .replace("VERSION", "{version}")
        .replace("LOCALE", "{locale}"),
    }
    editions = {
        version: {code: url_for("v1.release_factsheet", version=version, locale=code) for code in codes}
        for version in versions
        for codes in [store.archive(version).codes]
    }
    working = {code: url_for("v1.localized_factsheet", locale=code) for code in factsheet.locales()}

    @cache
    def data() -> dict[str, Any]:
        return releases_data(versions, editions, working, links)

    site.add(
        "v1.releases", Representation(lambda: encode_json(ReleasesSchema().dump(data())), JSON, None, cached)
    )
    site.add("v1.releases_feed", Representation(lambda: atom_feed(data()), ATOM, None, cached))
    for version in versions:
        archive = store.archive(version)
        for code in archive.codes:
            pinned = Representation(archive.json(code), JSON, code, IMMUTABLE)
            site.add("v1.release_factsheet", pinned, version=version, locale=code)


def releases_data(
    versions: tuple[str, ...],
    editions: dict[str, dict[str, str]],
    working: dict[str, str],
    links: dict[str, str],
) -> dict[str, Any]:
    """What ``/v1/releases`` says (before the schema dumps it)."""
    store = stores.shipped  # the shipped releases
    entries = []
    for index, version in enumerate(versions):
        previous = versions[index + 1] if index + 1 < len(versions) else None
        release = store.archive(version)
        changes = diff(previous, version) if previous else None
        entries.append(
            _entry(
                version,
                date=release.date,
                checksum=release.checksum,
                released=True,
                previous=previous,
                changes=changes,
                urls=editions[version],
            )
        )
    current = current_version()
    unreleased = None
    if not factsheet.is_released():  # not frozen yet, or edited after its release
        changes = diff(versions[0], None) if versions else None
        previous = versions[0] if versions else None
        checksum = factsheet.content_checksum()
        unreleased = _entry(
            current,
            date=None,
            checksum=checksum,
            released=False,
            previous=previous,
            changes=changes,
            urls=working,
        )
    return {"current_version": current, "unreleased": unreleased, "releases": entries, "links": links}


def _entry(
    version: str,
    *,
    date: str | None,
    checksum: str,
    released: bool,
    previous: str | None,
    changes: ReleaseDiff | None,
    urls: dict[str, str],
) -> dict[str, Any]:
    by_locale = {changed.locale: changed for changed in changes.locales} if changes else {}
    return {
        "version": version,
        "date": date,
        "checksum": checksum,
        "released": released,
        "previous": previous,
        "locales": {
            code: _locale(by_locale.get(code), urls.get(code)) for code in dict.fromkeys([*urls, *by_locale])
        },
    }


def _locale(changes: LocaleChanges | None, url: str | None) -> dict[str, Any]:
    status = changes.status if changes else None
    return {
        "changes": [
            {**asdict(c), "kind": c.kind}  # the schema dumps the fields in its own order
            for c in (changes.changes if changes else ())
        ],
        "status": None
        if status is None
        else {
            "old": status.old.status if status.old else None,
            "new": status.new.status if status.new else None,
        },
        "factsheet": url,
    }


def summary(entry: dict[str, Any]) -> str:
    """One line per locale: how many strings changed, of which kind, and status changes."""
    if entry["previous"] is None:
        return "The first release."
    lines = [f"Changes since {entry['previous']}, per locale:"]
    for code, changed in entry["locales"].items():
        kinds: dict[ChangeKind, int] = {}
        for change in changed["changes"]:
            kinds[change["kind"]] = kinds.get(change["kind"], 0) + 1
        parts = [f"{count} {_KIND_WORDS[kind]}" for kind, count in kinds.items()] or ["no changes"]
        if changed["status"]:
            parts.append(f"status {changed['status']['old']} -> {changed['status']['new']}")
        lines.append(f"{code}: {', '.join(parts)}")
    return "\n".join(lines)


#: How the feed names each kind of change (every kind: tests/test_release_diff.py).
_KIND_WORDS: dict[ChangeKind, str] = {
    "added": "added",
    "removed": "removed",
    "source": "with a changed Dutch source",
    "translation": "with only the translation changed",
}


def atom_feed(data: dict[str, Any]) -> bytes:
    """The Atom feed (RFC 4287): one entry per release, newest first, summarised per locale."""
    ET.register_namespace("", _NS)
    feed = ET.Element(f"{{{_NS}}}feed")
    _sub(feed, "id", _FEED_ID)
    _sub(feed, "title", f"{factsheet.load().metadata.title}: releases")
    releases = data["releases"]
    _sub(feed, "updated", _stamp(releases[0]["date"] if releases else "1970-01-01"))
    author = _sub(feed, "author")
    _sub(author, "name", factsheet.DISTRIBUTION)
    _sub(feed, "link", rel="self", type=ATOM, href=data["links"]["feed"])
    _sub(feed, "link", rel="alternate", type=JSON, href=data["links"]["self"])
    _sub(feed, "rights", factsheet.load().metadata.rights.statement)
    for release in releases:
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"urn:{factsheet.DISTRIBUTION}:release:{release['version']}")
        _sub(entry, "title", f"Release {release['version']}")
        _sub(entry, "updated", _stamp(release["date"]))
        for code, changed in release["locales"].items():
            rel = "alternate" if code == factsheet.DEFAULT_LOCALE else "related"
            _sub(entry, "link", rel=rel, type=JSON, hreflang=code, href=changed["factsheet"])
        _sub(entry, "summary", summary(release), type="text")
    ET.indent(feed)
    text: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return text + b"\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{_NS}}}{tag}", attrs)
    element.text = text
    return element


def _stamp(date: str) -> str:
    return f"{date}T00:00:00Z"
