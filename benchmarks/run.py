"""The benchmark and soak command: HTTP figures against baselines, library figures, memory, soak.

Run from the root of a checkout, with the project installed (``pip install -e '.[api]'``)::

    python benchmarks/run.py            # full run: 9 minutes on a quiet machine; writes BENCHMARKS.md
    python benchmarks/run.py --quick    # about a minute; prints the report, writes nothing

Other work on the machine skews every figure: each wrk run waits for a quiet machine and is
done again when others took 10% or more of the CPU meanwhile, within a budget
(``--quiet-wait``, 10 minutes in all); the report gives others' share for every row.

It needs ``wrk`` and ``nginx`` (Debian packages): run as root, it installs them with apt-get;
otherwise it says what to install and exits with status 2. Every server it starts listens on
127.0.0.1 only, and is stopped when the run ends, also when it fails or is interrupted. The
exit status is 1 when the soak finds a 5xx, a socket error, an unexpected status, a restarted
worker or memory growth of 10% or more (and, with ``--strict``, when any target is missed).

It is not part of the test command: the figures depend on the machine and take minutes.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import runpy
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from types import FrameType

import bare_app
import cpu
import httpbench
import library
import soak
from flask import Flask
from httpbench import Load, Result, Summary, Target, median_of, run_wrk
from procs import ROOT, Server, Servers, find_nginx, get, memory_of

MB = 1024 * 1024
PRODUCTION = "api:create_app()"
BARE = "bare_app:create_app()"
FACTSHEET = "/v1/nl/factsheet"
NEGOTIATED = "/v1/factsheet"
ACCEPT_LANGUAGE = "de-DE,de;q=0.9,en;q=0.8"
# (worker class, workers, threads) measured against each other; sync has one thread by design.
ALTERNATIVES = (
    ("sync", 2, 1),
    ("sync", 3, 1),
    ("sync", 4, 1),
    ("gthread", 2, 2),
    ("gthread", 2, 4),
    ("gthread", 2, 8),
    ("gthread", 3, 4),
    ("gthread", 4, 2),
)
TARGETS = {"c/b": 0.9, "d/b": 1.0, "p99 c/b": 1.5, "load": 0.050, "rss": 80 * MB, "growth": 0.10}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- settings and tools -------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:  # the budget inside is shared and spent as the run goes
    quick: bool
    rounds: int
    load: Load
    compare_rounds: int
    library_rounds: int
    soak_requests: int
    soak_threads: int
    output: Path | None
    strict: bool
    argv: tuple[str, ...]
    budget: cpu.QuietBudget


def parse(argv: Sequence[str]) -> Options:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="short rounds, small soak, no worker comparison")
    parser.add_argument("--rounds", type=int, help="interleaved wrk rounds (default 7; quick 2)")
    parser.add_argument("--seconds", type=float, help="length of one wrk run (default 5; quick 2)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (default 32)")
    parser.add_argument("--compare-rounds", type=int, help="rounds per worker setting (default 4; quick 0)")
    parser.add_argument("--soak-requests", type=int, help="soak length (default 100000; quick 10000)")
    parser.add_argument("--soak-threads", type=int, default=8, help="soak client threads (default 8)")
    parser.add_argument(
        "--output",
        type=Path,
        help="where to write the report (default BENCHMARKS.md; quick: only printed)",
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        help="seconds in all to wait for a quiet machine and redo disturbed runs (default 600; quick 60)",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when any target is missed")
    args = parser.parse_args(argv)
    quick: bool = args.quick
    output: Path | None = args.output or (None if quick else ROOT / "BENCHMARKS.md")
    return Options(
        quick=quick,
        rounds=args.rounds or (2 if quick else 7),
        load=Load(args.threads, args.connections, args.seconds or (2.0 if quick else 5.0)),
        compare_rounds=args.compare_rounds if args.compare_rounds is not None else (0 if quick else 4),
        library_rounds=3 if quick else 15,
        soak_requests=args.soak_requests or (10_000 if quick else 100_000),
        soak_threads=args.soak_threads,
        output=output,
        strict=args.strict,
        argv=tuple(argv),
        budget=cpu.QuietBudget(args.quiet_wait if args.quiet_wait is not None else (60 if quick else 600)),
    )


def ensure_tools() -> None:
    """wrk and nginx: present, installed with apt-get (as root), or exit 2 saying what to install."""
    missing = [name for name, found in (("wrk", shutil.which("wrk")), ("nginx", find_nginx())) if not found]
    if not missing:
        return
    apt = shutil.which("apt-get")
    if os.geteuid() != 0 or apt is None:
        print(
            f"The benchmarks need {' and '.join(missing)}, from Debian's packages.\n"
            f"Install, then run this again:  sudo apt-get install {' '.join(missing)}",
            file=sys.stderr,
        )
        raise SystemExit(2)
    log(f"installing {' '.join(missing)} with apt-get")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([apt, "update", "-qq"], check=True, env=env)  # noqa: S603 - fixed apt-get arguments
    subprocess.run(  # noqa: S603 - fixed apt-get arguments and Debian package names
        [apt, "install", "-y", "-qq", "--no-install-recommends", *missing], check=True, env=env
    )
    if not shutil.which("wrk") or find_nginx() is None:
        raise SystemExit("apt-get ran, but wrk or nginx is still missing")


def configured_workers() -> tuple[str, int, int]:
    """What ``api/gunicorn.conf.py`` gives in this environment: worker class, workers, threads."""
    config = runpy.run_path(str(ROOT / "api" / "gunicorn.conf.py"))
    return str(config["worker_class"]), int(config["workers"]), int(config["threads"])


def versions() -> dict[str, str]:
    found = {}
    for name in ("flask", "werkzeug", "gunicorn", "flask-smorest", "marshmallow", "babel", "pyyaml"):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    found["wrk"] = httpbench.wrk_version()
    nginx = find_nginx()
    if nginx:
        completed = subprocess.run(  # noqa: S603 - fixed arguments
            [nginx, "-v"], capture_output=True, text=True, check=False, timeout=10
        )
        found["nginx"] = (completed.stderr or completed.stdout).strip().removeprefix("nginx version: nginx/")
    return found


def machine() -> list[str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.partition(":")[2].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    system = platform.platform()
    with contextlib.suppress(OSError):
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                system = f"{line.partition('=')[2].strip(chr(34))}, Linux {platform.release()}"
    cores = len(os.sched_getaffinity(0))
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return [
        f"- CPU: {cores} usable cores ({os.cpu_count()} online), {cpu}; load average at the end: {load}",
        f"- Memory: {memory}; system: {system}",
        f"- Python {platform.python_version()} ({sys.executable})",
        "- " + ", ".join(f"{name} {version}" for name, version in versions().items()),
    ]


# --- formatting ---------------------------------------------------------------------------------


def ms(value: float) -> str:
    return f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms"


def ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}x" if base else "n/a"


def mb(value: int) -> str:
    return f"{value / MB:.1f} MB"


def others(summary: Summary) -> str:
    """The CPU share others used during the runs of a row: median (highest)."""
    return f"{summary.foreign:.0%} ({summary.foreign_max:.0%})"


def verdict(met: bool) -> str:
    return "**met**" if met else "**missed**"


@dataclass
class Report:
    """The Markdown report, section by section, and the targets' outcomes."""

    sections: list[list[str]] = field(default_factory=list)
    targets: list[tuple[str, bool, str]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def add(self, lines: list[str]) -> None:
        self.sections.append(lines)

    def target(self, name: str, met: bool, detail: str) -> None:
        self.targets.append((name, met, detail))


# --- HTTP ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """What the in-process app answers, to check each server against before measuring."""

    body: bytes
    etag: str
    negotiated_location: str
    negotiated_body: bytes


def reference() -> tuple[Reference, Flask]:
    from api import create_app  # noqa: PLC0415 - after the tool check; imports Flask and the content

    app = create_app()
    client = app.test_client()
    plain = client.get(FACTSHEET)
    negotiated = client.get(NEGOTIATED, headers={"Accept-Language": ACCEPT_LANGUAGE})
    if plain.status_code != 200 or negotiated.status_code != 200:
        raise RuntimeError(f"the app answers {plain.status_code}/{negotiated.status_code} in process")
    found = Reference(
        body=plain.get_data(),
        etag=plain.headers["ETag"],
        negotiated_location=negotiated.headers.get("Content-Location", ""),
        negotiated_body=negotiated.get_data(),
    )
    return found, app


def check_target(target: Target, ref: Reference) -> None:
    """One request with the target's headers: the answer the benchmark means to measure."""
    status, headers, body = get(target.url, target.headers)
    expected: dict[str, tuple[int, bytes]] = {
        "d": (304, b""),
        "e": (200, ref.negotiated_body),
    }
    want_status, want_body = expected.get(target.key, (200, ref.body))
    if status != want_status or body != want_body:
        raise RuntimeError(f"{target.label}: got {status} and {len(body)} bytes, expected {want_status}")
    if target.key == "e" and headers.get("Content-Location") != ref.negotiated_location:
        raise RuntimeError(f"{target.label}: Content-Location {headers.get('Content-Location')!r}")


def interleaved(
    targets: Sequence[Target], load: Load, rounds: int, budget: cpu.QuietBudget
) -> tuple[dict[str, list[Result]], dict[str, int]]:
    """A short warm-up of each target, then ``rounds`` rounds of a, b, c, ... in turn.

    Each run starts once the machine is quiet (within ``budget``). A run is done again, up to
    twice while the budget lasts, when others used 10% or more of the CPU meanwhile, or when
    one server worker got none of wrk's connections (all of them went to the other workers
    when wrk opened them; with keep-alive they stay there for the whole run, so one core idles).
    The best run is kept. Also returns, per target, how many runs (redone ones included) had
    an idle worker.
    """
    warm = Load(load.threads, load.connections, 1.0)
    for target in targets:
        run_wrk(target, warm)
    results: dict[str, list[Result]] = {target.key: [] for target in targets}
    idle: dict[str, int] = {target.key: 0 for target in targets}
    for number in range(rounds):
        for target in targets:
            tries: list[Result] = []
            for attempt in range(3):
                cpu.wait_quiet(budget)
                watch = cpu.CpuWatch().start()
                result = run_wrk(target, load)
                tries.append(replace(result, foreign=watch.foreign()))
                idle[target.key] += result.idle_worker
                clean = tries[-1].foreign < cpu.QUIET and not result.idle_worker
                if clean or budget.spent >= budget.seconds or attempt == 2:
                    break
                budget.spent += load.seconds
                why = f"others used {tries[-1].foreign:.0%} of the CPU, connections by worker {result.split}"
                log(f"{target.label}: {why}; again ({attempt + 2}/3)")
            result = min(tries, key=lambda r: (r.idle_worker, r.foreign))
            results[target.key].append(result)
            figures = f"{result.rps:,.0f} req/s, p99 {ms(result.p99_ms)}, others {result.foreign:.0%}"
            log(f"round {number + 1}/{rounds} {target.label}: {figures}, connections {result.split}")
    return results, idle


def http_section(
    servers: Servers, workdir: Path, *, ref: Reference, app: Flask, options: Options, report: Report
) -> None:
    worker_class, workers, threads = configured_workers()
    body_path = workdir / "factsheet.nl.json"
    body_path.write_bytes(ref.body)
    log("starting nginx, bare Flask and the production gunicorn")
    nginx = servers.nginx("nginx", {FACTSHEET: ref.body}, "application/json", FACTSHEET)
    bare = servers.gunicorn("bare-flask", BARE, extra_env={"FACTSHEET_BENCH_BODY": str(body_path)})
    production = servers.gunicorn("production", PRODUCTION)
    count_a, count_b, count_c = (server.connection_counter() for server in (nginx, bare, production))
    targets = [
        Target("a", "(a) nginx static file", nginx.base + FACTSHEET, {}, count_a),
        Target("b", "(b) bare Flask, same bytes", bare.base + FACTSHEET, {}, count_b),
        Target("c", f"(c) our {FACTSHEET}", production.base + FACTSHEET, {}, count_c),
        Target(
            "d",
            "(d) our 304 (If-None-Match)",
            production.base + FACTSHEET,
            {"If-None-Match": ref.etag},
            count_c,
        ),
        Target(
            "e",
            f"(e) our negotiated {NEGOTIATED}",
            production.base + NEGOTIATED,
            {"Accept-Language": ACCEPT_LANGUAGE},
            count_c,
        ),
    ]
    for target in targets:
        check_target(target, ref)
    results, idle = interleaved(targets, options.load, options.rounds, options.budget)
    for server in (nginx, bare, production):
        if servers.stop(server) not in (0, None):
            report.failures.append(f"{server.name} did not stop cleanly:\n{server.log_tail()}")
    summaries = {key: median_of(values) for key, values in results.items()}
    a, b = summaries["a"], summaries["b"]
    lines = [
        "## HTTP: our API against a static file server and bare Flask",
        "",
        f"`{options.load.describe()}`, {options.rounds} interleaved rounds (a, b, c, d, e, a, b, ...) "
        "after a 1 s warm-up of each; the median of the rounds for each figure. (b), (c), (d) and (e) "
        f"run under the production configuration: `gunicorn -c api/gunicorn.conf.py` = {worker_class}, "
        f"{workers} workers x {threads} threads, access log on. (a) is nginx with `worker_processes auto` "
        f"({len(os.sched_getaffinity(0))} here), sendfile and an access log, serving the same "
        f"{len(ref.body):,} bytes as a file. (e) sends `Accept-Language: {ACCEPT_LANGUAGE}`.",
        "",
        "| | req/s | x (b) | x (a) | p50 | x (b) | x (a) | p99 | x (b) | x (a) | req/s range | bytes/resp "
        "| others' CPU | idle-worker runs |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for target in targets:
        s = summaries[target.key]
        lines.append(
            f"| {target.label} | {s.rps:,.0f} | {ratio(s.rps, b.rps)} | {ratio(s.rps, a.rps)} "
            f"| {ms(s.p50_ms)} | {ratio(s.p50_ms, b.p50_ms)} | {ratio(s.p50_ms, a.p50_ms)} "
            f"| {ms(s.p99_ms)} | {ratio(s.p99_ms, b.p99_ms)} | {ratio(s.p99_ms, a.p99_ms)} "
            f"| {s.rps_low:,.0f}–{s.rps_high:,.0f} | {s.bytes_per_response:,.0f} | {others(s)} "
            f"| {idle[target.key]} |"
        )
    errors = {target.label: summaries[target.key] for target in targets}
    bad = [
        f"{label}: {s.socket_errors} socket errors, {s.error_statuses} responses >= 400"
        for label, s in errors.items()
        if s.socket_errors or s.error_statuses
    ]
    lines += ["", "Socket errors and error statuses in these runs: " + ("; ".join(bad) if bad else "none.")]
    lines += in_process(app, ref, {key: s.rps for key, s in summaries.items()}, options.budget)
    lines += [
        "",
        "<details><summary>Every round</summary>",
        "",
        "| | " + " | ".join(f"round {n + 1}" for n in range(options.rounds)) + " |",
        "|---|" + "---:|" * options.rounds,
    ]
    for target in targets:
        cells = " | ".join(
            f"{r.rps:,.0f} req/s, p99 {ms(r.p99_ms)}, others {r.foreign:.0%}, "
            f"connections {'/'.join(map(str, r.split)) or '?'}"
            for r in results[target.key]
        )
        lines.append(f"| {target.label} | {cells} |")
    lines += ["", "</details>"]
    report.add(lines)
    c, d = summaries["c"], summaries["d"]

    def disturbed(*rows: Summary) -> str:
        worst = max(row.foreign for row in rows)
        return f"; others used {worst:.0%} of the CPU (median of a row's runs)" if worst >= cpu.QUIET else ""

    def paired(key: str, figure: Callable[[Result], float], threshold: float) -> str:
        """The ratio round by round (each run against the (b) run of its round): noise shows here."""
        ratios = [figure(x) / figure(y) for x, y in zip(results[key], results["b"], strict=True)]
        low, high = min(ratios), max(ratios)
        noise = "; the threshold lies within them: not settled by this run" if low < threshold < high else ""
        return f"; round by round {low:.2f}x–{high:.2f}x (median {statistics.median(ratios):.2f}x){noise}"

    report.target(
        "(c) >= 0.9x (b) req/s",
        c.rps >= TARGETS["c/b"] * b.rps,
        f"{c.rps / b.rps:.2f}x ({c.rps:,.0f} vs {b.rps:,.0f} req/s)"
        + paired("c", lambda r: r.rps, TARGETS["c/b"])
        + disturbed(b, c),
    )
    report.target(
        "(d) >= 1.0x (b) req/s",
        d.rps >= TARGETS["d/b"] * b.rps,
        f"{d.rps / b.rps:.2f}x ({d.rps:,.0f} vs {b.rps:,.0f} req/s)"
        + paired("d", lambda r: r.rps, TARGETS["d/b"])
        + disturbed(b, d),
    )
    report.target(
        "p99 of (c) within 1.5x of (b)",
        c.p99_ms <= TARGETS["p99 c/b"] * b.p99_ms,
        f"{c.p99_ms / b.p99_ms:.2f}x ({ms(c.p99_ms)} vs {ms(b.p99_ms)})"
        + paired("c", lambda r: r.p99_ms, TARGETS["p99 c/b"])
        + disturbed(b, c),
    )


def in_process(app: Flask, ref: Reference, rps: dict[str, float], budget: cpu.QuietBudget) -> list[str]:
    """The app's own share of a request: WSGI calls in process against the time per request over HTTP."""
    cpu.wait_quiet(budget)
    bare = bare_app.make_app(ref.body)
    rows = [
        ("b", "(b) bare Flask", bare, FACTSHEET, {}),
        ("c", f"(c) our {FACTSHEET}", app, FACTSHEET, {}),
        ("d", "(d) our 304", app, FACTSHEET, {"If-None-Match": ref.etag}),
        ("e", f"(e) our negotiated {NEGOTIATED}", app, NEGOTIATED, {"Accept-Language": ACCEPT_LANGUAGE}),
    ]
    lines = [
        "",
        "Where the time goes: the same requests as WSGI calls in this process (no server, no socket; "
        "best of 5 x 5,000 calls), against the CPU time per request over HTTP (2 cores / req/s; "
        "wrk's share included). The rest is gunicorn (parsing, writing, the access log), the kernel "
        "and wrk.",
        "",
        "| | app, in process | CPU time per request over HTTP | app's share |",
        "|---|---:|---:|---:|",
    ]
    cores = len(os.sched_getaffinity(0))
    best = {key: float("inf") for key, *_ in rows}
    for _ in range(5):  # interleaved, like the wrk rounds; the best of five for each
        for key, _label, wsgi, path, headers in rows:
            best[key] = min(best[key], httpbench.wsgi_microseconds(wsgi, path, headers, repeat=1))
    for key, label, *_ in rows:
        cost = best[key]
        per_request = cores / rps[key] * 1e6 if rps.get(key) else float("nan")
        lines.append(f"| {label} | {cost:.0f} µs | {per_request:.0f} µs | {cost / per_request:.0%} |")
    return lines


def workers_section(servers: Servers, options: Options, report: Report) -> None:
    configured = configured_workers()
    if options.compare_rounds <= 0:
        report.add(
            [
                "## Worker settings",
                "",
                f"Not compared in this run (`--quick` or `--compare-rounds 0`); configured: "
                f"{configured[0]}, {configured[1]} workers x {configured[2]} threads.",
            ]
        )
        return
    settings = list(ALTERNATIVES)
    if configured not in settings:
        settings.append(configured)
    targets: list[Target] = []
    started: list[Server] = []
    log(f"starting {len(settings)} production servers with different worker settings")
    for worker_class, workers, threads in settings:
        server = servers.gunicorn(
            f"workers-{worker_class}-{workers}x{threads}",
            PRODUCTION,
            workers=workers,
            threads=threads,
            worker_class=worker_class,
        )
        started.append(server)
        label = f"{worker_class}, {workers} workers" + (
            f" x {threads} threads" if worker_class != "sync" else ""
        )
        key = f"{worker_class}-{workers}-{threads}"
        targets.append(Target(key, label, server.base + FACTSHEET, {}, server.connection_counter()))
    results, idle = interleaved(targets, options.load, options.compare_rounds, options.budget)
    memory: dict[str, int] = {}
    for target, server in zip(targets, started, strict=True):
        memory[target.key] = sum(memory_of(pid).get("Pss", 0) for pid in [server.pid, *server.workers()])
        servers.stop(server)
    summaries = {key: median_of(values) for key, values in results.items()}
    configured_key = "{}-{}-{}".format(*configured)
    base = summaries[configured_key]
    best_key = max(summaries, key=lambda key: summaries[key].rps)
    lines = [
        "## Worker settings: the production app under each",
        "",
        f"`{options.load.describe()}` on `{FACTSHEET}`, {options.compare_rounds} interleaved rounds; "
        "settings given as an operator would (`FACTSHEET_WORKERS`, `FACTSHEET_THREADS`, "
        "`--worker-class`). Memory: the proportional set size (Pss) of master and workers together "
        "after the runs. Beyond these figures: sync workers have no keep-alive (every request here "
        "is a new connection) and a slow client holds a whole worker, so gunicorn advises them only "
        "behind a buffering proxy; gthread keeps idle keep-alive connections out of its threads.",
        "",
        "| setting | req/s | x configured | p50 | p99 | req/s range | Pss, all processes | others' CPU "
        "| idle-worker runs |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for target in targets:
        s = summaries[target.key]
        mark = " (configured)" if target.key == configured_key else ""
        lines.append(
            f"| {target.label}{mark} | {s.rps:,.0f} | {ratio(s.rps, base.rps)} | {ms(s.p50_ms)} "
            f"| {ms(s.p99_ms)} | {s.rps_low:,.0f}–{s.rps_high:,.0f} | {mb(memory[target.key])} "
            f"| {others(s)} | {idle[target.key]} |"
        )
    best = summaries[best_key]
    label = next(t.label for t in targets if t.key == best_key)
    if best_key == configured_key:
        verdict_text = "The configured setting has the highest median."
    elif best.rps_low <= base.rps_high:
        verdict_text = (
            "Its range of rounds overlaps the configured setting's: within this machine's noise, not "
            "a reason to change."
        )
    else:
        verdict_text = "Every round of it beat every round of the configured setting."
    lines += [
        "",
        f"Highest median: {label}, {best.rps:,.0f} req/s, {best.rps / base.rps:.2f}x the configured "
        f"setting. {verdict_text}",
    ]
    report.add(lines)


# --- library, export, memory, soak --------------------------------------------------------------


def library_section(options: Options, report: Report) -> None:
    tries: list[tuple[float, list[str], dict[str, float]]] = []
    for attempt in range(2):  # once more if others used the CPU meanwhile, while the budget lasts
        cpu.wait_quiet(options.budget)
        log(f"library: {options.library_rounds} rounds" + (", again" if attempt else ""))
        watch = cpu.CpuWatch().start()
        lines, figures = library.report_with_figures(options.library_rounds)
        tries.append((watch.foreign(), lines, figures))
        if tries[-1][0] < cpu.QUIET or options.budget.spent >= options.budget.seconds:
            break
    foreign, lines, figures = min(tries, key=lambda attempt: attempt[0])
    over = figures[library.ALL_LOCALES] - figures[library.BASELINE]
    report.add(
        [
            "## Library: import and load",
            "",
            "`python benchmarks/library.py`: " + lines[0],
            *lines[1:],
            "",
            f"Others used {foreign:.0%} of the machine's CPU during these rounds.",
        ]
    )
    importing, nl, others = (figures[step] * 1000 for step in library.SPLIT_STEPS[1:])
    report.target(
        "all-locale load under +50 ms over the baseline",
        over < TARGETS["load"],
        f"{over * 1000:+.1f} ms (in process: import factsheet {importing:.1f} ms, load('nl') "
        f"{nl:.1f} ms, the other locales {others:.1f} ms)",
    )


def export_section(workdir: Path, ref: Reference, report: Report) -> None:
    lines = ["## Static export", ""]
    flask = [sys.executable, "-m", "flask", "--app", "api", "export"]
    probe = subprocess.run(  # noqa: S603 - fixed arguments
        [*flask, "--help"], cwd=ROOT, capture_output=True, text=True, check=False, timeout=120
    )
    if probe.returncode != 0:
        lines.append("Skipped: this checkout has no `flask --app api export` command yet.")
        report.add(lines)
        return
    target = workdir / "export"
    log("static export")
    started = time.perf_counter()
    completed = subprocess.run(  # noqa: S603 - fixed arguments; the folder is ours
        [*flask, str(target)], cwd=ROOT, capture_output=True, text=True, check=False, timeout=600
    )
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        lines.append(f"`flask --app api export DIR` failed (exit {completed.returncode}):")
        lines += ["", "```", *(completed.stdout + completed.stderr).strip().splitlines()[-20:], "```"]
        report.add(lines)
        report.failures.append("the static export failed")
        return
    files = [path for path in target.rglob("*") if path.is_file()]
    size = sum(path.stat().st_size for path in files)
    same = [path.relative_to(target) for path in files if path.stat().st_size == len(ref.body)]
    same = [path for path in same if (target / path).read_bytes() == ref.body]
    lines += [
        f"`flask --app api export DIR`: {seconds:.2f} s wall time (a fresh interpreter: imports, app "
        f"creation and writing), {len(files):,} files, {size / 1024:,.0f} KiB "
        f"({size:,} bytes).",
        "",
        f"Files byte-identical to `{FACTSHEET}` (what nginx serves above): "
        + (", ".join(f"`{path}`" for path in same) if same else "none"),
    ]
    report.add(lines)


def memory_section(servers: Servers, app: Flask, report: Report) -> list[tuple[str, str]]:
    resources, skipped = soak.every_resource(app)
    log(f"memory: one worker serving each of {len(resources)} resources once")
    server = servers.gunicorn("memory", PRODUCTION, workers=1)
    (worker,) = server.workers()
    before = memory_of(worker)
    statuses, _ = soak.serve_each_once(server.port, [path for path, _ in resources])
    after = memory_of(worker)
    master = memory_of(server.pid)
    servers.stop(server)
    lines = [
        "## Memory of one API worker",
        "",
        f"The production command with `FACTSHEET_WORKERS=1`, after serving each of the "
        f"{len(resources)} resources once (every GET route of the app for every shipped locale, "
        f"section and item; statuses {dict(statuses)}). From `/proc/<pid>/status` and `smaps_rollup`. "
        "The app is preloaded in the master and forked: RSS counts the pages the worker shares "
        "with the master; Pss splits them between the two.",
        "",
        "| process | VmRSS | VmHWM (peak RSS) | Pss | private |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, figures in (
        ("worker, just started", before),
        ("worker, after every resource", after),
        ("master", master),
    ):
        private = figures.get("Private_Clean", 0) + figures.get("Private_Dirty", 0)
        lines.append(
            f"| {name} | {mb(figures['VmRSS'])} | {mb(figures['VmHWM'])} "
            f"| {mb(figures.get('Pss', 0))} | {mb(private)} |"
        )
    if skipped:
        lines += ["", "Not counted as resources: " + "; ".join(f"`{text}`" for text in skipped)]
    report.add(lines)
    peak = after["VmHWM"]
    report.target("a worker under 80 MB RSS", peak < TARGETS["rss"], f"peak {mb(peak)}")
    return resources


def soak_section(
    servers: Servers, app: Flask, resources: list[tuple[str, str]], options: Options, report: Report
) -> None:
    server = servers.gunicorn("soak", PRODUCTION)
    # The ETags from this server (one GET of each resource, not counted): the code under test may
    # differ from this process's copy when files changed since it started.
    statuses, etags = soak.serve_each_once(server.port, [path for path, _ in resources])
    if set(statuses) != {200}:
        raise RuntimeError(f"the soak server answers {dict(statuses)} to the resources (expected 200s)")
    deck = soak.probes(app, [(path, etags[path]) for path, _ in resources])
    workers = len(server.workers())
    log(f"soak: {options.soak_requests:,} requests, {options.soak_threads} client threads")
    result = soak.run_soak(
        server.port, server.pid, deck, total=options.soak_requests, threads=options.soak_threads
    )
    code = servers.stop(server)
    server_log = server.log_path.read_text(errors="replace")
    log_problems = [
        word for word in ("Traceback", "[CRITICAL]", "WORKER TIMEOUT", "[ERROR]") if word in server_log
    ]
    first = result.rss_by_worker(0.0, 0.1)
    last = result.rss_by_worker(0.9, 1.0)
    growth = {pid: (last[pid] - first[pid]) / first[pid] for pid in first if pid in last and first[pid]}
    worst = max(growth.values(), default=float("nan"))
    rates = result.slice_rates()
    unexpected = sum(result.unexpected.values())
    restarted = result.workers_before != result.workers_after
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in sorted(result.kinds.items()))
    seen = ", ".join(f"{status or 'socket error'}: {n:,}" for status, n in sorted(result.statuses.items()))
    lines = [
        "## Soak",
        "",
        f"{result.requests:,} requests against the production command ({workers} workers), from "
        f"{result.threads} Python client threads with one keep-alive connection each, cycling through "
        f"a shuffled deck of {len(deck):,} requests: every resource ({len(resources)}) three times and "
        "revalidated with its ETag, 404s (unknown locale, section, item and path, an overlong id, "
        "percent-encoded text), `/v1/factsheet` with assorted `Accept-Language` values, HEAD, "
        "OPTIONS, POST (405) and an unacceptable `Accept` (406). Each status is checked against "
        "what the app answers in process.",
        "",
        "| figure | result |",
        "|---|---|",
        f"| requests by kind | {kinds} |",
        f"| statuses | {seen} |",
        f"| 5xx | {result.server_errors} |",
        f"| socket errors | {result.socket_errors} |",
        f"| status other than in process | {unexpected} |",
        f"| time, rate | {result.seconds:.1f} s, {result.rps:,.0f} req/s (each twentieth: "
        f"{min(rates, default=0):,.0f}–{max(rates, default=0):,.0f} req/s) |",
        f"| workers restarted | {'yes' if restarted else 'no'} "
        f"(pids {result.workers_before} -> {result.workers_after}) |",
        f"| server exit, log | exit {code}; {', '.join(log_problems) or 'no traceback, error or timeout'} |",
    ]
    for pid in sorted(first):
        lines.append(
            f"| worker {pid} VmRSS, first -> last tenth | {mb(first[pid])} -> {mb(last.get(pid, 0))} "
            f"({growth.get(pid, float('nan')) * 100:+.1f}%) |"
        )
    if result.unexpected:
        lines += ["", "Unexpected statuses (method, path, expected, got: count):", ""]
        lines += [f"- {key}: {count}" for key, count in result.unexpected.most_common(10)]
    report.add(lines)
    clean = result.server_errors == 0 and result.socket_errors == 0
    report.target(
        "soak: zero 5xx and zero socket errors",
        clean,
        f"{result.server_errors} 5xx, {result.socket_errors} socket errors",
    )
    report.target(
        "soak: worker RSS growth under 10%", worst < TARGETS["growth"], f"largest {worst * 100:+.1f}%"
    )
    if not clean or unexpected or restarted or log_problems or not worst < TARGETS["growth"] or code != 0:
        report.failures.append("the soak found a problem (see its table)")


# --- the report ---------------------------------------------------------------------------------


def limits(options: Options) -> list[str]:
    return [
        "## What limits these numbers",
        "",
        f"- wrk runs on the same {len(os.sched_getaffinity(0))} cores as the servers it measures: with "
        f"`-t{options.load.threads}` it takes a large share of the CPU, so every figure (most of all "
        "nginx's) is a bound of this machine with its load generator, not of the server alone.",
        "- Loopback only: no network latency, bandwidth or TLS; a real deployment adds them to every "
        "figure alike, which narrows the gaps between the rows.",
        "- gunicorn writes an access-log line per request (to a file here), as in production; the "
        "Python workers are bound by the GIL and by two cores, and 304s save the body's bytes, not "
        "the per-request work of Python and gunicorn.",
        "- Short runs on a shared virtual machine: rounds are interleaved so that noise hits every "
        "row alike, and each figure is a median, but single rounds vary (see the req/s range).",
        f"- Other work on the machine (another session's tests, a build) shifts every figure. Each "
        "wrk run waits for a quiet machine and is done again (twice at most) when others used 10% "
        "or more of the CPU meanwhile; the tables give others' share (median, highest) per row. "
        f"This run waited or redid runs for {options.budget.spent:.0f} s of a "
        f"{options.budget.seconds:.0f} s budget ({options.budget.waits} waits).",
        "- gunicorn's gthread worker keeps a keep-alive connection in the worker that accepted it. "
        "wrk opens all its connections at once, and sometimes every one of them lands in one worker, "
        "which then serves them all on one core while the other idles (about 2,500 instead of "
        "6,000-7,000 req/s here). Such runs measure the accept race, not the code, and are done "
        "again (the 'idle-worker runs' column counts them; the connections per worker of each kept "
        "run are under 'Every round'). Behind a reverse proxy, or with many short-lived clients, "
        "connections spread; a few long-lived keep-alive clients can meet the same imbalance in "
        "production. sync workers close every connection and do not have it.",
        "- The soak client is Python on the same cores: its rate is a bound of the client, not "
        "of the server; the soak checks correctness and memory, not speed.",
    ]


def render(options: Options, report: Report, started: datetime, seconds: float) -> str:
    python = sys.executable
    with contextlib.suppress(ValueError):
        python = str(Path(sys.executable).relative_to(ROOT))
    command = shlex.join([python, "benchmarks/run.py", *options.argv])
    head = [
        "# Benchmarks",
        "",
        "Written by `benchmarks/run.py`; do not edit by hand: run it again (see [Running](#running)).",
        "",
        f"Run {started:%Y-%m-%d %H:%M} UTC, {seconds / 60:.1f} minutes"
        + (" (**quick run**: short rounds, small soak)" if options.quick else "")
        + ", with:",
        "",
        "```sh",
        command,
        "```",
        "",
        "## Machine",
        "",
        *machine(),
        "",
        "## Targets",
        "",
        "| target | result | figure |",
        "|---|---|---|",
    ]
    head += [f"| {name} | {verdict(met)} | {detail} |" for name, met, detail in report.targets]
    if report.failures:
        head += ["", "Problems: " + "; ".join(report.failures)]
    running = [
        "## Running",
        "",
        "From the root of a checkout with the project installed (`pip install -e '.[api]'`):",
        "",
        "```sh",
        "python benchmarks/run.py            # full run, ~9 min on a quiet machine; rewrites BENCHMARKS.md",
        "python benchmarks/run.py --quick    # about a minute; prints the report only",
        "```",
        "",
        "It needs `wrk` and `nginx` (Debian packages; installed with apt-get when run as root). "
        "Every server listens on 127.0.0.1 and is stopped at the end, also after a failure. "
        "`python benchmarks/run.py --help` lists the options. Not part of the test command.",
    ]
    blocks = [head, *report.sections, limits(options), running]
    return "\n".join(line for block in blocks for line in [*block, ""]).rstrip() + "\n"


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP end the run like Ctrl-C does: through ``finally``, servers stopped."""

    def interrupt(number: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt(f"signal {number}")

    previous = {number: signal.signal(number, interrupt) for number in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def step(report: Report, name: str, action: Callable[[], object]) -> None:
    """Run one part; an error in it is reported and the other parts still run."""
    try:
        action()
    except (RuntimeError, OSError, subprocess.SubprocessError, ValueError, KeyError) as error:
        text = str(error).strip().splitlines() or [type(error).__name__]
        log(f"{name} failed: {' / '.join(text[-3:])}")
        report.add([f"## {name}", "", f"**Failed**: {text[0]}", "", "```", *text[-15:], "```"])
        report.failures.append(f"{name} failed: {text[0]}")


def main(argv: Sequence[str] | None = None) -> int:
    options = parse(sys.argv[1:] if argv is None else argv)
    os.chdir(ROOT)
    ensure_tools()
    started = datetime.now(UTC)
    clock = time.perf_counter()
    report = Report()
    workdir = Path(tempfile.mkdtemp(prefix="factsheet-bench-"))
    try:
        with stop_on_signals(), Servers(workdir) as servers:
            ref, app = reference()
            step(
                report,
                "HTTP",
                lambda: http_section(servers, workdir, ref=ref, app=app, options=options, report=report),
            )
            step(report, "Worker settings", lambda: workers_section(servers, options, report))
            step(report, "Library", lambda: library_section(options, report))
            step(report, "Static export", lambda: export_section(workdir, ref, report))
            resources: list[tuple[str, str]] = []

            def memory() -> None:
                resources.extend(memory_section(servers, app, report))

            step(report, "Memory", memory)
            if resources:
                step(report, "Soak", lambda: soak_section(servers, app, resources, options, report))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    text = render(options, report, started, time.perf_counter() - clock)
    if options.output is None:
        print(text)
    else:
        options.output.write_text(text)
        log(f"wrote {options.output}")
    for name, met, detail in report.targets:
        log(f"{'met   ' if met else 'MISSED'} {name}: {detail}")
    for problem in report.failures:
        log(f"problem: {problem}")
    missed = any(not met for _, met, _ in report.targets)
    return 1 if report.failures or (options.strict and missed) else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        log("interrupted; every server it started is stopped")
        sys.exit(130)
