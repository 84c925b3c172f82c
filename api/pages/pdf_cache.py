"""PDFs made outside the serving processes, once per content and machine, and kept on disk.

Making a PDF costs WeasyPrint seconds of CPU and about 100 MB of memory (``benchmarks/pdf.py``),
so no request thread ever makes one, and no worker's memory grows by making one:

- A PDF is made by a child process, ``api/pages/pdf.py`` run as a script, at a lower CPU priority than
  the service (``nice`` 10). The child holds the machine-wide lock ``render.lock`` of the cache
  folder while it renders, so one PDF at a time is made on the machine, whatever the number of
  workers or instances, and it writes the PDF atomically (a temporary file, then a rename).
- A PDF's file name is the digest of everything it is made from: the page's HTML, the name and
  bytes of every file it loads, its locale, the PDF variant and WeasyPrint's version. A file in
  the cache is right for as long as it exists: workers, restarts and other instances on the
  machine share it, and new content gets new names. Deleting the folder is always safe.
- A request for a PDF that is not there yet is answered at once with a ``503`` problem and
  ``Retry-After``, and asks for it in the background: a thread of the worker waits for one
  child that makes every PDF asked for, holding no request thread. (WSGI gives no way to wait for the PDF
  without holding a request thread; a client retrying after a few seconds costs nothing.)
- Outside a request (the static export, scripts), reading a PDF waits for every missing one,
  made by one child.
- ``python -m api`` asks for every missing PDF right after it starts (:meth:`PdfCache.prepare`).

The folder is ``FACTSHEET_PDF_CACHE`` (``api/config.py``), by default
``$XDG_CACHE_HOME/ai-chatbot-factsheet/pdf`` (``~/.cache/...``).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from flask import has_request_context

from api.server.threads import start_background
from api.site.table import Unavailable
from api.v1.problems import PDF_UNAVAILABLE

from . import pdf

__all__ = ["RETRY_AFTER_S", "Job", "PdfCache", "default_directory"]

#: What a client is told to wait before asking again: about one PDF's making on this machine.
RETRY_AFTER_S = 5
#: After a PDF could not be made, requests get that error for this long before it is tried again.
FAILED_FOR_S = 60


def default_directory() -> Path:
    """``$XDG_CACHE_HOME/ai-chatbot-factsheet/pdf``, or ``~/.cache/ai-chatbot-factsheet/pdf``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ai-chatbot-factsheet" / "pdf"


@dataclass(frozen=True, slots=True)
class Job:
    """What one PDF is made from (see :func:`api.pages.pdf.render_pdf`), and its name in the cache."""

    html: str = field(repr=False)
    locale: str
    files: Mapping[str, bytes] = field(repr=False)
    key: str = ""

    @classmethod
    def of(
        cls, html: str, *, locale: str, files: Mapping[str, bytes], digests: dict[str, bytes] | None = None
    ) -> Job:
        """The job and its name. ``digests`` keeps each file's digest by name, so files that every
        locale's page shares (stylesheet, fonts) are read once per site, not once per locale."""
        digests = {} if digests is None else digests
        digest = hashlib.sha256()
        for part in (_weasyprint_version(), str(pdf.PDF_VARIANT), locale, html):
            digest.update(len(part).to_bytes(8, "big") + part.encode())
        for name in sorted(files):
            if name not in digests:
                digests[name] = hashlib.sha256(files[name]).digest()
            digest.update(name.encode() + b"\0" + digests[name])
        return cls(html, locale, files, digest.hexdigest()[:40])


def _weasyprint_version() -> str:
    try:
        return metadata.version("weasyprint")  # without importing it
    except metadata.PackageNotFoundError:
        return "none"


class PdfCache:
    """The PDFs of one app: where they are kept, and the children that make them."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._jobs: dict[str, Job] = {}
        self._digests: dict[str, bytes] = {}  # of the files, by name: one name, one body in a site
        self._failed: dict[str, tuple[float, str]] = {}
        self._forget_children()
        # Workers are forked from the process that built the app: they start with no child of theirs.
        os.register_at_fork(after_in_child=self._forget_children)

    def _forget_children(self) -> None:
        self._lock = threading.Lock()
        self._wanted: dict[str, Job] = {}
        self._runner: threading.Thread | None = None

    def path(self, job: Job) -> Path:
        return self.directory / f"{job.key}.pdf"

    def add(self, html: str, *, locale: str, files: Mapping[str, bytes]) -> Callable[[], bytes]:
        """The body function of a PDF's :class:`~api.site.Representation` (see the module's text)."""
        job = Job.of(html, locale=locale, files=files, digests=self._digests)
        self._jobs[job.key] = job

        def make() -> bytes:
            missing = pdf.unavailable()
            if missing:
                raise Unavailable(f"PDFs cannot be made on this server: {missing}.", type=PDF_UNAVAILABLE)
            body = self.read(job)
            if body is not None:
                return body
            if not has_request_context():  # the export, a script: wait for it
                self.prepare(wait=True)
                body = self.read(job)
                if body is not None:
                    return body
            raise self._ask(job)

        return make

    def read(self, job: Job) -> bytes | None:
        """The PDF of ``job`` if it is in the cache."""
        try:
            body = self.path(job).read_bytes()
        except OSError:  # not there (or no folder there): the child says why when it fails
            return None
        return body if body.startswith(b"%PDF-") else None

    def missing(self) -> list[Job]:
        return [job for job in self._jobs.values() if not self.path(job).exists()]

    def prepare(self, *, wait: bool) -> subprocess.Popen[bytes] | None:
        """Start one child that makes every missing PDF; with ``wait``, wait for it.

        Raises :class:`~api.site.Unavailable` (with ``wait``) if the child failed; returns the
        running child without ``wait``, or ``None`` when nothing is missing or no PDF can be
        made here (the PDFs' URLs say why: :func:`api.pages.pdf.unavailable`).
        """
        jobs = self.missing()
        if not jobs or pdf.unavailable():
            return None
        child = _start(self.directory, jobs)
        if not wait:
            start_background(_finish, child, name="pdf-child")
            return child
        failure = _finish(child)
        if failure:
            raise Unavailable(failure, type=PDF_UNAVAILABLE)
        return None

    def _ask(self, job: Job) -> Unavailable:
        """Ask for ``job`` in the background; the error to answer meanwhile. One thread per
        process runs one child at a time, for every PDF asked for and still missing."""
        with self._lock:
            failed = self._failed.get(job.key)
            if failed and time.monotonic() - failed[0] < FAILED_FOR_S:
                return Unavailable(failed[1], type=PDF_UNAVAILABLE, retry_after=FAILED_FOR_S)
            self._wanted[job.key] = job
            if self._runner is None:
                self._runner = start_background(self._run, name="pdf-runner")
        detail = f"The PDF is being made; ask again in {RETRY_AFTER_S} seconds."
        return Unavailable(detail, type=PDF_UNAVAILABLE, retry_after=RETRY_AFTER_S)

    def _run(self) -> None:
        while True:
            with self._lock:
                jobs = [job for job in self._wanted.values() if not self.path(job).exists()]
                self._wanted.clear()
                if not jobs:
                    self._runner = None
                    return
            failure = _finish(_start(self.directory, jobs))
            if failure:
                print(f"[ERROR] {failure}", file=sys.stderr, flush=True)
                with self._lock:
                    self._failed.update((job.key, (time.monotonic(), failure)) for job in jobs)


def _start(directory: Path, jobs: list[Job]) -> subprocess.Popen[bytes]:
    """``api/pages/pdf.py`` run as a script: it loads WeasyPrint and nothing of the app (``-P``: no
    module of this folder can stand in for one of Python's)."""
    child = subprocess.Popen(  # noqa: S603 - this Python, and a file of this package
        [sys.executable, "-P", pdf.__file__],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    payload = [(job.key, job.html, job.locale, dict(job.files)) for job in jobs]
    with child.stdin as pipe:  # type: ignore[union-attr]  # stdin=PIPE
        pipe.write(pickle.dumps((str(directory), os.getpid(), payload)))
    return child


def _finish(child: subprocess.Popen[bytes]) -> str | None:
    """Wait for ``child`` (so it leaves no zombie); why it failed, or ``None``."""
    with child.stderr as pipe:  # type: ignore[union-attr]  # stderr=PIPE
        errors = pipe.read()
    if child.wait() == 0:
        return None
    lines = errors.decode(errors="replace").strip().splitlines()
    return f"The PDF could not be made: {lines[-1] if lines else 'the renderer stopped'}"
