"""Running the MCP server: over stdio (what desktop assistants start), or over streamable HTTP at
``http://HOST:PORT/mcp`` with the SDK's protection against DNS rebinding on.

That protection answers a request whose ``Host`` (or ``Origin``) is not the address served with
``421``/``403``, so a web page cannot reach a server on this machine through a name it controls.
The SDK turns it on by itself for loopback hosts only; here it is on for every host, allowing
exactly the address given (and, on loopback, the loopback names).
"""

from __future__ import annotations

import re

from mcp.server.transport_security import TransportSecuritySettings

from .server import create_server

__all__ = ["DEFAULT_HOST", "LOOPBACK", "parse_address", "security", "serve"]

#: Where ``--http PORT`` listens: this machine only.
DEFAULT_HOST = "127.0.0.1"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
_ADDRESS = re.compile(r"(?:(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):)?(?P<port>[0-9]{1,5})")


def parse_address(value: str) -> tuple[str, int]:
    """``HOST:PORT``, ``[IPv6]:PORT`` or ``PORT`` (on :data:`DEFAULT_HOST`) as ``(host, port)``."""
    match = _ADDRESS.fullmatch(value)
    port = int(match["port"]) if match else 0
    if match is None or not 0 < port < 65536:
        raise ValueError(
            f"{value[:80]!r} is not HOST:PORT or PORT (a port from 1 to 65535), e.g. 127.0.0.1:8765"
        )
    host = (match["host"] or DEFAULT_HOST).strip("[]")
    return host, port


def _authority(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def security(host: str, port: int) -> TransportSecuritySettings:
    """DNS-rebinding protection that allows the address served, and on loopback its other names."""
    hosts = [_authority(host, port)]
    if host in LOOPBACK:
        hosts += [_authority(name, port) for name in LOOPBACK if name != host]
    return TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=hosts,
        allowed_origins=[f"http://{authority}" for authority in hosts],
    )


def serve(address: str | None = None) -> None:
    """Serve until stopped: over stdio, or over streamable HTTP at ``address`` (``HOST:PORT``)."""
    server = create_server()
    if address is None:
        server.run()
        return
    host, port = parse_address(address)
    server.run(
        "streamable-http", host=host, port=port, stateless_http=True, transport_security=security(host, port)
    )
