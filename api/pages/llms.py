"""``/llms.txt``, the llmstxt.org convention: what this site is, whose the text is, and where a
language model finds it: the Markdown of every locale and its chunks for retrieval.

Markdown, served as ``text/plain; charset=utf-8`` like every ``.txt`` file of the site (a static
host types a file by its name; the convention asks for Markdown text, not for a media type). The
links are the files that exist live and in the static export (``/v1/en/chunks.json``), absolute
when the site's public address is known. The rights are the content's own statement, in Dutch
and, where a translation says it, in that language with its status.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from flask import Blueprint

import factsheet
from api.config import Settings
from api.site.answers import answer
from api.site.links import link
from api.site.table import TEXT, Representation, Site
from factsheet import render

__all__ = ["add_llms_txt", "bp", "llms_txt"]

bp = Blueprint("llms", __name__)
bp.add_url_rule("/llms.txt", "llms_txt", answer)


def add_llms_txt(site: Site, settings: Settings) -> None:
    """Put ``/llms.txt`` into ``site`` (call inside a request context: ``url_for``)."""

    body = llms_txt(partial(link, site, settings)).encode()
    site.add("llms.llms_txt", Representation(body, TEXT, None, settings.cache_control))


def llms_txt(link: Callable[..., str]) -> str:
    """The text of ``/llms.txt``; ``link(endpoint, **values)`` makes each URL."""
    inline_markdown = render.inline_markdown
    source = factsheet.load(factsheet.DEFAULT_LOCALE)
    meta = source.metadata
    title = inline_markdown(meta.title)
    lines = [
        f"# {title}",
        "",
        f"> The Dutch factsheet “{title}” ({meta.kind}, edition {meta.edition}, version {meta.version}) "
        "for professionals who work with young people, as Markdown and as chunks for retrieval in "
        f"{len(factsheet.locales())} languages. Dutch is the source; every other language is a machine "
        "translation until a native speaker has reviewed it, and says so.",
        "",
        "Quote it word for word and cite it: title, edition, version and chunk id (`risks/echo`). "
        "Every chunk carries its citation, the rights statement and the notices a reader of a "
        "translation must see; show them with the text.",
        "",
        f"Rights ({meta.source_language}, the original): {inline_markdown(meta.rights.statement)}",
    ]
    for code in factsheet.locales():
        info = factsheet.locale_info(code)
        statement = factsheet.load(code).metadata.rights.statement
        if code != meta.source_language and statement != meta.rights.statement:
            lines += ["", f"Rights ({code}, {info.status}): {inline_markdown(statement)}"]
    lines += ["", "## The factsheet, as Markdown", ""]
    for code in factsheet.locales():
        info = factsheet.locale_info(code)
        english = f"{info.english_name}, " if info.english_name != info.native_name else ""
        name = inline_markdown(f"{info.native_name} ({english}{code})")
        lines.append(f"- [{name}]({link('v1.markdown', locale=code)}): {info.status}")
    lines += ["", "## Chunks for retrieval, as JSON", ""]
    for code in factsheet.locales():
        lines.append(
            f"- [{code}]({link('leaf_names.chunks', locale=code)}): one per item, each with its citation"
        )
    lines += [
        "",
        "## Optional",
        "",
        f"- [OpenAPI document]({link('docs.openapi_json')}): every resource of the JSON API",
        f"- [Releases]({link('leaf_names.releases')}): every version, what changed, and the pinned editions",
    ]
    return "\n".join(lines) + "\n"
