"""Load for the benchmark: wrk runs read as data, and slow clients that trickle their headers."""

from __future__ import annotations

import contextlib
import json
import resource
import socket
import subprocess
import threading
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
THREADS, CONNECTIONS = 2, 32

#: The soak's requests: pages, JSON, Markdown, negotiation and 304s, every one a 2xx or 3xx.
SOAK_LUA = """
local paths = {"/v1/nl/factsheet", "/v1/en/sections/risks",
  "/v1/ar/sections/conversation/items/vulnerable-groups", "/v1/factsheet", "/v1/locales",
  "/v1/de/factsheet.md", "/uk/", "/v1/", "/healthz", "/"}
local languages = {"de-AT,de;q=0.9", "pt-BR, ar;q=0.8", "*", "tr", "xx", "en-GB,en;q=0.5"}
local n = 0
request = function()
  n = n + 1
  local headers = {["Accept-Language"] = languages[n % #languages + 1]}
  if n % 7 == 0 then headers["If-None-Match"] = '"stale"' end
  return wrk.format("GET", paths[n % #paths + 1] .. "?n=" .. (n % 1000), headers)
end
"""


#: What every wrk request says it takes.
ACCEPT_ENCODING = "Accept-Encoding: gzip"


def wrk(url: str, seconds: float, script: Path | None = None) -> dict[str, Any]:
    """One wrk run (``-t2 -c32``), as a client that takes gzip (as browsers and HTTP libraries
    do): requests, req/s, errors and latency percentiles (ms)."""
    command = ["wrk", *f"-t{THREADS} -c{CONNECTIONS} -d{seconds:g}s -H".split(), ACCEPT_ENCODING]
    command += ["-s", str(HERE / "wrk_report.lua")]
    if script is not None:  # wrk takes one script: the soak's request() and the report's done()
        combined = script.with_suffix(".all.lua")
        combined.write_text(script.read_text() + (HERE / "wrk_report.lua").read_text())
        command[-1] = str(combined)
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    data: dict[str, Any] = json.loads(line.removeprefix("BENCH "))
    errors = data.pop("errors")
    return {
        "requests": data["requests"],
        "rps": data["requests"] / (data["duration_us"] / 1e6),
        "errors": sum(errors.values()),
        "error_kinds": {kind: count for kind, count in errors.items() if count},
        **{key.replace("_us", "_ms"): value / 1000 for key, value in data.items() if key.endswith("_us")},
    }


class SlowClients:
    """``count`` connections that each send one more header line every ``interval`` seconds."""

    def __init__(self, port: int, count: int = 512, interval: float = 1.0) -> None:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = count + 256  # wrk's and the benchmark's own sockets besides
        if soft < wanted:
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))
        self.count = min(count, resource.getrlimit(resource.RLIMIT_NOFILE)[0] - 256)
        self.port, self.interval = port, interval
        self.sockets: list[socket.socket] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._drip)

    def __enter__(self) -> SlowClients:
        for _ in range(self.count):
            client = socket.create_connection(("127.0.0.1", self.port), timeout=5)
            client.sendall(b"GET /v1/ HTTP/1.1\r\nHost: bench\r\n")
            self.sockets.append(client)
        self.thread.start()
        return self

    def _drip(self) -> None:
        line = 0
        while not self.stopped.wait(self.interval):
            for client in self.sockets:
                with contextlib.suppress(OSError):  # a closed one is counted in still_open()
                    client.sendall(b"X-Slow-%d: y\r\n" % line)
            line += 1

    def still_open(self) -> int:
        """How many were still held open by the server (not answered, not closed)."""
        held = 0
        for client in self.sockets:
            client.setblocking(False)
            try:
                held += client.recv(1) != b""
            except BlockingIOError:
                held += 1
            except OSError:
                pass
        return held

    def __exit__(self, *exc_info: object) -> None:
        self.stopped.set()
        self.thread.join()
        for client in self.sockets:
            client.close()
