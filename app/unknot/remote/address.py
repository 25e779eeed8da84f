"""Where the remote listens: the --remote address, and the machine's address on its network."""

from __future__ import annotations

import ipaddress
import socket

DEFAULT_PORT = 8421
PORT_TRIES = 20  # without an explicit port, the next free one up to DEFAULT_PORT + 19
# Nothing routes there, and connecting a UDP socket sends nothing: it only asks the kernel which
# interface the default route would use (TEST-NET-1, RFC 5737).
_PROBE = ("192.0.2.1", 9)


class AddressError(ValueError):
    """A --remote address that cannot be used, with what is allowed."""


def parse_address(text: str) -> tuple[str | None, int | None]:
    """'HOST:PORT', 'HOST', ':PORT' or '[IPv6]:PORT' into (host or None, port or None)."""
    text = text.strip()
    host: str | None
    port_text: str | None = None
    if text.startswith("["):
        end = text.find("]")
        if end < 0:
            raise AddressError(f"--remote {text!r}: an IPv6 address is written as [ADDRESS]:PORT")
        host, rest = text[1:end], text[end + 1 :]
        if rest:
            if not rest.startswith(":"):
                raise AddressError(f"--remote {text!r}: expected ':PORT' after the ']'")
            port_text = rest[1:]
    elif text.count(":") == 1:
        host, port_text = text.split(":")
    else:
        host = text
    host = host or None
    if host is not None:
        try:
            ipaddress.ip_address(host)
        except ValueError:
            if host != "localhost":
                raise AddressError(
                    f"--remote {text!r}: {host!r} is not an IP address "
                    "(use one like 192.168.1.20, 127.0.0.1 or [::1], or localhost)"
                ) from None
    port: int | None = None
    if port_text is not None:
        if not port_text.isdigit() or not 0 <= int(port_text) <= 65535:
            raise AddressError(
                f"--remote {text!r}: the port must be a number from 0 to 65535 (0: any free port)"
            )
        port = int(port_text)
    return host, port


def default_host() -> str:
    """The address of the interface the default route goes out of, or the loopback without one."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(_PROBE)
            host = str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    return host if host != "0.0.0.0" else "127.0.0.1"


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def check_free(host: str | None, port: int | None) -> None:
    """Raise AddressError unless the remote could listen there now (before a session begins, so
    that an address that cannot work stops it before anything is recorded)."""
    where = host if host is not None else default_host()
    ports = [port] if port is not None else list(range(DEFAULT_PORT, DEFAULT_PORT + PORT_TRIES))
    failure: OSError | None = None
    for candidate in ports:
        try:
            family, kind, proto, _, address = socket.getaddrinfo(
                where, candidate, type=socket.SOCK_STREAM
            )[0]
            with socket.socket(family, kind, proto) as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                probe.bind(address)
            return
        except OSError as exc:
            failure = exc
    raise AddressError(cannot_listen(where, ports, failure))


def cannot_listen(host: str, ports: list[int], failure: OSError | None) -> str:
    tried = ", ".join(str(p) for p in ports)
    tried = f"port {tried}" if len(ports) == 1 else f"ports {tried}"
    reason = failure.strerror if failure is not None and failure.strerror else failure
    return f"the remote cannot listen on {host}, {tried}: {reason}"
