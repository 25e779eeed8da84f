"""Who may talk to the remote, checked before anything else runs, in this order:

1. the `Host` header names the address and port the request came in on (DNS rebinding);
2. a browser's `Origin` is this server, and `Sec-Fetch-Site` is not `cross-site` (another site's
   page posting to it); a request with neither, from a script or curl, passes;
3. the session's token, in the URL as `?t=` or as `Authorization: Bearer`, compared in constant
   time (401 without one, 403 with a wrong one; a browser asking for a page gets a page);
4. a body is JSON (`Content-Type: application/json`, else 415) of at most `MAX_BODY` bytes (413).
"""

from __future__ import annotations

import hmac
import html
import ipaddress
import json
from importlib import resources

from aiohttp import web

from unknot.remote.address import url_host
from unknot.remote.limits import SERVER_NAME

MAX_BODY = 4096  # bytes in a request body

HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Server": SERVER_NAME,
}
PAGE_HEADERS = {
    **HEADERS,
    # The page is one file: its own inline style and script, its keep-awake video, and requests
    # to this server only.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "script-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; media-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
}


def error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status, headers=HEADERS)


def wants_page(request: web.Request) -> bool:
    """A browser opening a link (it asks for HTML), not a script asking for JSON."""
    accept = request.headers.get("Accept", "")
    return "text/html" in accept and "application/json" not in accept


def invalid_link(status: int, reason: str) -> web.Response:
    """The page a browser shows for a missing, wrong or expired link, in the remote's style."""
    page = resources.files("unknot.remote").joinpath("static/invalid.html").read_text()
    body = page.replace("{{reason}}", html.escape(reason))
    return web.Response(text=body, status=status, content_type="text/html", headers=PAGE_HEADERS)


def host_allowed(request: web.Request) -> bool:
    """The Host header names the address and port the request came in on."""
    transport = request.transport
    sockname = transport.get_extra_info("sockname") if transport is not None else None
    if not sockname:
        return False
    address, port = str(sockname[0]), int(sockname[1])
    allowed = {f"{url_host(address)}:{port}"}
    if address.startswith("::ffff:"):
        allowed.add(f"{address[7:]}:{port}")
    if ipaddress.ip_address(address.split("%")[0]).is_loopback:
        allowed.add(f"localhost:{port}")
    return request.headers.get("Host", "").lower() in allowed


def same_origin(request: web.Request) -> bool:
    """No `Origin`, or this server's (the Host header, already checked, is this server)."""
    if request.headers.get("Sec-Fetch-Site", "").lower() == "cross-site":
        return False
    origin = request.headers.get("Origin")
    return origin is None or origin.lower() == "http://" + request.headers.get("Host", "").lower()


def token_of(request: web.Request) -> str:
    given = request.query.get("t")
    header = request.headers.get("Authorization", "")
    if given is None and header[:7].lower() == "bearer ":
        given = header[7:].strip()
    return given or ""


def check(request: web.Request, token: str) -> web.Response | None:
    """The refusal for this request, or None when it may go on."""
    if not host_allowed(request):
        return error(403, "the Host header does not name this server's address")
    if not same_origin(request):
        return error(403, "requests from another site's page are refused")
    given = token_of(request)
    if not given or not hmac.compare_digest(given.encode(), token.encode()):
        status, reason = (
            (401, "a token is needed: open the URL unknot shows, with its ?t=")
            if not given
            else (403, "the token is wrong; open the URL unknot shows for this session")
        )
        response = invalid_link(status, reason) if wants_page(request) else error(status, reason)
        if status == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        return response
    if request.method == "POST" and request.content_type != "application/json":
        return error(415, "a command is sent as Content-Type: application/json")
    if request.content_length is not None and request.content_length > MAX_BODY:
        return error(413, f"the request body is over {MAX_BODY} bytes")
    return None


def parse_body(body: bytes) -> dict[str, object]:
    """A JSON body as an object (one that is JSON but not an object: empty), or a ValueError
    for one that is not JSON at all."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ValueError("not JSON") from None
    return data if isinstance(data, dict) else {}
