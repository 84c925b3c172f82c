"""What a page says about itself to machines: its description, the URLs of its other formats,
and schema.org JSON-LD (absolute when the site's public address is known)."""

from __future__ import annotations

from typing import Any

import factsheet
from factsheet import Factsheet

__all__ = ["formats", "json_ld", "summary"]


def formats(code: str, root: str) -> dict[str, str]:
    """The other representations of a page, by the leaf names that exist live and in the export."""
    base = f"{root}v1/{code}/factsheet"
    return {"json": f"{base}.json", "markdown": f"{base}.md", "text": f"{base}.txt", "pdf": f"{base}.pdf"}


def summary(sheet: Factsheet) -> str:
    """A page's description: the factsheet's first sentence of introduction (or its title)."""
    return (sheet.intro[0].text if sheet.intro else None) or sheet.metadata.title


def json_ld(sheet: Factsheet, root: str) -> dict[str, Any]:
    """schema.org ``Article``: the Dutch original names its translations; a translation names it."""
    meta = sheet.metadata
    code = sheet.language
    source = meta.source_language

    def work(locale: str) -> dict[str, str]:
        return {"@id": f"{root}{locale}/#factsheet", "inLanguage": locale, "url": f"{root}{locale}/"}

    links = formats(code, root)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        **work(code),
        "name": meta.title,
        "headline": meta.title,
        "description": summary(sheet),
        "genre": meta.kind,
        "version": meta.version,
        "audience": {"@type": "Audience", "audienceType": meta.audience},
        "isAccessibleForFree": True,
        "copyrightNotice": meta.rights.statement,
        "encoding": [
            {"@type": "MediaObject", "encodingFormat": media_type, "contentUrl": links[kind]}
            for kind, media_type in (
                ("json", "application/json"),
                ("markdown", "text/markdown"),
                ("text", "text/plain"),
                ("pdf", "application/pdf"),
            )
        ],
    }
    if code == source:
        data["workTranslation"] = [work(other) for other in factsheet.locales() if other != source]
    else:
        data["translationOfWork"] = work(source)
        data["isBasedOn"] = work(source)
    return data
