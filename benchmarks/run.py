"""What decides how the service is served: ``python benchmarks/run.py`` (about 7 minutes) writes
benchmarks/results.json and BENCHMARKS.md; ``--quick`` (about 2 minutes) prints and writes nothing.

One interleaved run (each round visits every server once, so noise hits all alike; medians) of the
servers in ``servers.py``, then worker memory, a soak, the two situations of ``traffic.py`` and
the library's import and load time.
Needs wrk, nginx and gunicorn (the ``bench`` extra); installs nothing.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from string import Template
from typing import Any

import lighthouse
import load
import servers
import traffic
from servers import HERE, ROOT, Server

URL = "/v1/nl/factsheet"
TARGETS: list[tuple[str, str, str, float]] = [  # name, measured, baseline, at least
    ("production vs bare Flask under gunicorn", "production", "bare Flask, gunicorn gthread 2x4", 1.8),
    ("production vs bare Flask under the same server", "production", "bare Flask, same server", 0.9),
    ("nginx on the export vs nginx serving one file", "nginx, the export", "nginx, one file", 0.9),
    ("production with 512 slow clients vs without", "production, 512 slow clients", "production", 0.8),
]
LIBRARY = {
    "python -c pass (baseline)": "pass",
    "import factsheet": "import factsheet",
    "import factsheet; load all locales": "import factsheet\nfor c in factsheet.locales(): factsheet.load(c)",
    "import api; create_app()": "import api; api.create_app()",
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def library_times(rounds: int) -> dict[str, float]:
    """Median wall time of fresh interpreters, interleaved; bytecode is cached by a first run."""
    samples: dict[str, list[float]] = {name: [] for name in LIBRARY}
    for round_ in range(rounds + 1):
        for name, code in LIBRARY.items():
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
            if round_:
                samples[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in samples.items()}


def import_time(rounds: int) -> dict[str, float]:
    """``python -X importtime -c "import factsheet"``: the package's own cumulative import time
    (what Python reports for ``factsheet``, without the interpreter's start), median, and how many
    modules the import brings in (those Python reports, the package's and the libraries' alike)."""
    times: list[float] = []
    modules = 0
    for round_ in range(rounds + 1):
        command = [sys.executable, "-X", "importtime", "-c", "import factsheet"]
        lines = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stderr
        rows = [line.split("|") for line in lines.splitlines() if line.startswith("import time:")][1:]
        if round_:  # the first round caches bytecode
            times += [int(row[1]) / 1000 for row in rows if row[2].strip() == "factsheet"]
        modules = len(rows)
    return {"ms": statistics.median(times), "modules": modules}


def memory(server: Server) -> dict[str, Any]:
    workers = [servers.memory_of(pid) for pid in server.workers()]
    main, total = servers.memory_of(server.process.pid), sum(worker["Rss"] for worker in workers)
    return {"main": main, "workers": workers, "worker_rss": total}


def soak(server: Server, requests: int, workdir: Path) -> dict[str, Any]:
    """``requests`` requests over many resources; worker memory before and after."""
    script = workdir / "soak.lua"
    script.write_text(load.SOAK_LUA)
    load.wrk(server.url, 2, script)  # warm-up: every resource once, caches filled
    before = memory(server)["worker_rss"]
    done, errors, started = 0, 0, time.monotonic()
    while done < requests:
        result = load.wrk(server.url, max(1, min(10, round((requests - done) / 5000))), script)
        done, errors = done + result["requests"], errors + result["errors"]
    after = memory(server)["worker_rss"]
    seconds, growth = time.monotonic() - started, after / before - 1
    return {"requests": done, "errors": errors, "seconds": seconds, "rss_before": before,
            "rss_after": after, "rss_growth": growth}  # fmt: skip


def inprocess() -> str:
    """The app's in-process cost per request, from ``benchmarks/inprocess.py``."""
    command = [sys.executable, str(HERE / "inprocess.py")]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    text = done.stdout.strip() if done.returncode == 0 else f"failed:\n{done.stderr[-2000:]}"
    return f"\n\n```\n{text}\n```\n"


def interleaved(runs: dict[str, Callable[[], dict[str, Any]]], rounds: int) -> dict[str, dict[str, Any]]:
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in runs}
    for round_ in range(rounds):
        for name, run in runs.items():
            results[name].append(run())
            log(f"round {round_ + 1}/{rounds} {name}: {results[name][-1]['rps']:,.0f} req/s")
    return {
        name: {
            "rps": statistics.median(run["rps"] for run in values),
            "p50_ms": round(statistics.median(run["p50_ms"] for run in values), 2),
            "p99_ms": round(statistics.median(run["p99_ms"] for run in values), 2),
            "errors": sum(run["errors"] for run in values),
            "rounds": [round(run["rps"]) for run in values],
            **({"slow_clients_held": min(run["held"] for run in values)} if "held" in values[0] else {}),
        }
        for name, values in results.items()
    }


def http_benchmark(
    workdir: Path, rounds: int, seconds: float, started: list[Server]
) -> tuple[dict[str, Any], dict[str, Any], Server]:
    """Every server, interleaved; ``started`` collects what runs, for the caller to stop."""
    production = servers.production(workdir)
    started.append(production)
    production.wait_ready("/healthz")
    body = workdir / "body.json"
    body.write_bytes(urllib.request.urlopen(production.url + URL).read())  # noqa: S310 - loopback
    site = workdir / "site"
    export = [sys.executable, "-m", "flask", "--app", "api", "export", "--no-pdf", str(site)]
    subprocess.run(export, cwd=ROOT, check=True, capture_output=True)
    export_port, one_port = servers.free_port(), servers.free_port()
    blocks = [servers.export_server_block(site, export_port), servers.one_file_block(workdir, one_port)]
    bare, gunicorn = servers.production(workdir, bare_body=body), servers.bare_gunicorn(workdir, body)
    started += [bare, gunicorn, servers.nginx(workdir, blocks, export_port)]
    for server in started[1:]:
        server.wait_ready("/healthz" if server.name != "nginx" else URL)
    export_url, one_url = f"http://127.0.0.1:{export_port}{URL}", f"http://127.0.0.1:{one_port}{URL}"
    if urllib.request.urlopen(export_url).read() != body.read_bytes():
        raise SystemExit("nginx serves other bytes than the app at the live URL: see export_server_block()")

    urls = {
        "production": production.url + URL,
        "bare Flask, same server": bare.url + URL,
        "bare Flask, gunicorn gthread 2x4": gunicorn.url + URL,
        "nginx, the export": export_url,
        "nginx, one file": one_url,
    }
    for url in urls.values():
        load.wrk(url, 1)  # warm-up, not measured

    def with_slow_clients() -> dict[str, Any]:
        with load.SlowClients(production.port) as slow:
            result = load.wrk(production.url + URL, seconds)
            result["held"] = slow.still_open()
        return result

    runs: dict[str, Callable[[], dict[str, Any]]] = {
        name: functools.partial(load.wrk, url, seconds) for name, url in urls.items()
    }
    runs["production, 512 slow clients"] = with_slow_clients
    results = interleaved(runs, rounds)
    return results, memory(gunicorn), production


def targets(
    results: dict[str, dict[str, Any]], soaked: dict[str, Any], traffic_: dict[str, Any]
) -> list[list[object]]:
    """Rows of target, figure, per round, goal, errors, verdict. A ratio is the median of the
    rounds' own ratios: in each round the two were measured one after the other."""
    rows: list[list[object]] = []
    for name, measured, baseline, at_least in TARGETS:
        rounds = zip(results[measured]["rounds"], results[baseline]["rounds"], strict=True)
        paired = [a / b for a, b in rounds]
        ratio, errors = statistics.median(paired), results[measured]["errors"]
        spread, verdict = f"{min(paired):.2f}-{max(paired):.2f}", ratio >= at_least and not errors
        rows.append([name, f"{ratio:.3f}x", spread, f">= {at_least}x", errors, verdict])
    growth, errors = soaked["rss_growth"], soaked["errors"]
    soak_name = f"soak of {soaked['requests']:,} requests: worker RSS growth"
    rows.append([soak_name, f"{growth:+.1%}", "", "< +10%", errors, growth < 0.1 and not errors])
    rows += traffic.target_rows(traffic_)
    return [[*row[:5], "met" if row[5] else "**not met**"] for row in rows]


def table(header: str, rows: Sequence[Sequence[object]]) -> str:
    lines = [header, "|---" * (header.count("|") - 1) + "|"]
    return "\n".join(lines + ["| " + " | ".join(map(str, row)) + " |" for row in rows])


def markdown(data: dict[str, Any]) -> str:
    mb, mem, sk, http, load_ = 2**20, data["memory"], data["soak"], data["http"], data["load_average"]
    base = data["library"]["python -c pass (baseline)"]
    speed = [
        [name, f"{row['rps']:,.0f}", ", ".join(f"{r:,}" for r in row["rounds"]), row["p50_ms"], row["p99_ms"]]
        for name, row in http.items()
    ]
    library = [
        [f"`{name}`", f"{value:.3f}", f"{value - base:+.3f}"] for name, value in data["library"].items()
    ]
    cold = data["traffic"]["cold_start"]
    figures = {
        "targets": table("| target | figure | per round | goal | errors | |", data["targets"]),
        "traffic": table(traffic.HEADER, traffic.table_rows(data["traffic"])),
        "phone": table("| " + " | ".join(lighthouse.HEADER) + " |", lighthouse.rows(data["lighthouse"]))
        if data["lighthouse"]
        else "Lighthouse was not installed (`bash .ci/run` installs it into `.ci/node`).",
        "pdf_first_byte": " / ".join(f"{value:g}" for value in cold["pdf_first_byte_ms"]),
        "pdf_statuses": ", ".join(f"{count} × {status}" for status, count in cold["pdf_statuses"].items()),
        "pdfs_made": cold["all_pdfs_made_s"],
        "reopened": f"{data['traffic']['connections']['reopened']:,}",
        "http": table("| server | req/s | rounds | p50 ms | p99 ms |", speed),
        "held": http["production, 512 slow clients"]["slow_clients_held"],
        "library": table("| fresh interpreter | seconds | over `python -c pass` |", library),
        "import_time": f"{data['import_time']['ms']:.1f} ms for `factsheet` and what it imports, "
        f"{data['import_time']['modules']} modules in all",
        "main": f"{mem['main']['Rss'] / mb:.1f} MB",
        "workers": ", ".join(f"{w['Rss'] / mb:.1f} MB (PSS {w['Pss'] / mb:.1f})" for w in mem["workers"]),
        "gunicorn": f"{data['gunicorn_worker_rss'] / mb:.1f} MB",
        "soak": f"{sk['requests']:,} requests in {sk['seconds']:.0f} s, {sk['errors']} errors; "
        f"worker RSS {sk['rss_before'] / mb:.1f} MB after warm-up, {sk['rss_after'] / mb:.1f} MB at the end",
        "versions": ", ".join(f"{name} {value}" for name, value in data["versions"].items()),
        # At the end the average counts this run's own servers and clients; at the start, others'.
        "loaded": ("**The machine was busy when this run started**" if load_[0] > 1 else "It was quiet")
        + f" (load average {load_[0]:.1f} at the start; {load_[1]:.1f} at the end, with this run's own load)",
    }
    return Template((HERE / "BENCHMARKS.md.in").read_text()).substitute(data | figures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 round of 2 s, soak 20,000; writes nothing")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=5)
    options = parser.parse_args()
    if missing := servers.missing_tools():
        raise SystemExit("The benchmark needs, and this machine lacks:\n  " + "\n  ".join(missing))
    quick = (1, 2.0, 20_000)
    rounds, seconds, soak_requests = quick if options.quick else (options.rounds, options.seconds, 100_000)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="factsheet-bench-") as folder:
        workdir = Path(folder)
        workdir.chmod(0o755)  # nginx's workers run as another user when started by root
        log("library import and load")
        library = library_times(3 if options.quick else 7)
        imports = import_time(3 if options.quick else 7)
        log("HTTP, interleaved")
        started: list[Server] = []
        try:
            results, gunicorn_memory, production = http_benchmark(workdir, rounds, seconds, started)
            worker_memory = memory(production)
            log(f"soak, {soak_requests:,} requests")
            soaked = soak(production, soak_requests, workdir)
        finally:
            for server in started:
                server.stop()
        log("under real traffic: a cold start, then 5,000 idle and 512 never-reading connections")
        under_traffic = traffic.run(workdir, seconds=10 if options.quick else 35)
        log("what a phone gets: Lighthouse on five pages")
        phone = lighthouse.run(workdir) if lighthouse.LIGHTHOUSE.is_file() else {}
    data = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {len(os.sched_getaffinity(0))} usable cores, {platform.system()}",
        "load_average": [load_before[0], os.getloadavg()[0]],
        "versions": {name: version(name) for name in ("granian", "gunicorn", "flask", "werkzeug")}
        | {"python": platform.python_version()},
        "settings": f"`wrk -t{load.THREADS} -c{load.CONNECTIONS} -d{seconds:g}s "
        f"-H '{load.ACCEPT_ENCODING}'` on `{URL}`, {rounds} interleaved rounds, medians; "
        f"{servers.WORKERS} worker processes for every server",
        "http": results, "targets": targets(results, soaked, under_traffic), "traffic": under_traffic,
        "library": library, "import_time": imports, "memory": worker_memory,
        "gunicorn_worker_rss": gunicorn_memory["worker_rss"], "soak": soaked, "inprocess": inprocess(),
        "lighthouse": phone,
    }  # fmt: skip
    report = markdown(data)
    print(report)
    if not options.quick:
        (HERE / "results.json").write_text(json.dumps(data, indent=2) + "\n")
        (ROOT / "BENCHMARKS.md").write_text(report)
        log("wrote benchmarks/results.json and BENCHMARKS.md")


if __name__ == "__main__":
    main()
