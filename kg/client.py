"""The one HTTP client of every request to an external store (queries and ``kg push``).

It owns what those requests share: the URL check, credentials (Basic, Digest or Bearer, from
arguments, ``user:password@`` in the URL, or ``KG_ENDPOINT_*`` environment variables), timeouts,
one connection pool per store, and failures as one line that says which: unreachable, timed out,
cut short, or the server's own message (trimmed). No secret ever appears in a URL, repr, log or
error message: credentials are taken out of the URL before anything else sees it.

Example:
    >>> split_url("http://reader:s3cret@127.0.0.1:8890/sparql-auth")
    ('http://127.0.0.1:8890/sparql-auth', 'reader', 's3cret')
    >>> Credentials(user="reader", password="s3cret")
    Credentials(user='reader', password=***)
    >>> server_message("<html><title>Error</title><p>Graph <b>g</b>&amp;   missing</p></html>", "text/html")
    'Error Graph g & missing'
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from kg.errors import KgError, QueryError, one_line

SCHEMES = ("basic", "digest", "bearer")
ENV = {"user": "KG_ENDPOINT_USER", "password": "KG_ENDPOINT_PASSWORD", "token": "KG_ENDPOINT_TOKEN",
       "scheme": "KG_ENDPOINT_AUTH"}
MESSAGE_LIMIT = 500


def _redacted(url: str) -> str:
    return re.sub(r"//[^/?#]*@", "//***@", url)


def split_url(url: str, error: type[KgError] = QueryError) -> tuple[str, str | None, str | None]:
    """``(url without credentials, user, password)`` of an http(s) URL.

    Raises:
        error: not an http(s) URL (the message shows it with any credentials masked).
    """
    from urllib.parse import unquote, urlsplit, urlunsplit

    bad = error(f"not an http(s) URL: {_redacted(url)!r}")
    try:
        url.encode("utf-8")
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - a port that is not a number raises here
    except (TypeError, ValueError):  # UnicodeEncodeError included: bytes that were not UTF-8
        raise bad from None
    if parts.scheme not in ("http", "https") or not host or any(c in url for c in "\r\n\t \x00"):
        raise bad
    userinfo, at, hostport = parts.netloc.rpartition("@")
    if not at:
        return url, None, None
    user, colon, password = userinfo.partition(":")
    clean = urlunsplit(parts._replace(netloc=hostport))
    return clean, unquote(user), unquote(password) if colon else None


@dataclass(frozen=True)
class Credentials:
    """Who a request is sent as: ``user`` and ``password`` (Basic or Digest), or ``token`` (Bearer).

    ``scheme`` is ``basic``, ``digest`` or ``bearer``; left out, it is ``basic`` for a user and
    ``bearer`` for a token. The repr masks the password and the token.
    """

    user: str | None = None
    password: str | None = None
    token: str | None = None
    scheme: str | None = None

    def __repr__(self) -> str:
        shown = [f"user={self.user!r}"] if self.user is not None else []
        shown += ["password=***"] * (self.password is not None) + ["token=***"] * (self.token is not None)
        return f"Credentials({', '.join(shown + ([f'scheme={self.scheme!r}'] if self.scheme else []))})"

    @classmethod
    def resolve(cls, given: Credentials | None, url_user: str | None = None, url_password: str | None = None,
                env: Mapping[str, str] = os.environ) -> Credentials:
        """Each field from ``given``, else from the URL's ``user:password@``, else from the environment."""
        given = given or cls()
        fields = {"user": (given.user, url_user), "password": (given.password, url_password),
                  "token": (given.token, None), "scheme": (given.scheme, None)}
        return cls(**{name: next((v for v in (*values, env.get(ENV[name]) or None) if v is not None), None)
                      for name, values in fields.items()})

    def auth(self, error: type[KgError] = QueryError) -> httpx.Auth | None:
        """The httpx authentication of these credentials (``None`` without any).

        Raises:
            error: an unknown scheme, a missing user, password or token, or one that is not text.
        """
        if self.scheme is None and self.user is not None and self.token:
            raise error("both a user and a token are given; choose with --auth (or KG_ENDPOINT_AUTH)")
        scheme = (self.scheme or ("basic" if self.user is not None else "bearer" if self.token else "")).lower()
        if not scheme:
            return None
        for name, value in (("user", self.user), ("password", self.password), ("token", self.token)):
            try:
                (value or "").encode("utf-8")
            except UnicodeEncodeError:
                raise error(f"the {name} is not valid UTF-8 text") from None
        if scheme not in SCHEMES:
            raise error(f"unknown authentication {self.scheme!r} (use one of {', '.join(SCHEMES)})")
        if scheme == "bearer":
            if not self.token:
                raise error("bearer authentication needs a token (--token or KG_ENDPOINT_TOKEN)")
            if not self.token.isascii() or not self.token.isprintable():
                raise error("the token must be printable ASCII")
            return _Bearer(self.token)
        if self.user is None or self.password is None:
            raise error(f"{scheme} authentication needs a user and a password (--user and --password, "
                        "KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD, or user:password@ in the URL)")
        return (httpx.BasicAuth if scheme == "basic" else httpx.DigestAuth)(self.user, self.password)


class _Bearer(httpx.Auth):
    def __init__(self, token: str):
        self._token = token

    def auth_flow(self, request):
        request.headers["Authorization"] = f"Bearer {self._token}"
        yield request


def server_message(text: str, content_type: str = "", limit: int = MESSAGE_LIMIT) -> str:
    """A server's error body as one line: HTML tags and scripts dropped, entities decoded,
    whitespace collapsed, at most ``limit`` characters."""
    if "html" in content_type.lower():
        import html

        text = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", " ", text)
        text = html.unescape(text)
    return one_line(text, limit) if text.strip() else ""


class Client:
    """Requests to one store: one connection pool, its credentials and timeouts.

    Args:
        url: the store's URL; ``user:password@`` in it is taken out and used as credentials.
        timeout_s: seconds to wait for a connection, and then between bytes of the reply.
        credentials: overrides the URL's and the environment's (see :meth:`Credentials.resolve`).
        error: the exception every failure is raised as.
    """

    def __init__(self, url: str, timeout_s: float = 60.0, credentials: Credentials | None = None,
                 error: type[KgError] = QueryError):
        self.url, user, password = split_url(url, error)
        self.error = error
        self.timeout_s = timeout_s
        resolved = Credentials.resolve(credentials, user, password)
        auth = resolved.auth(error)
        basic = f"{resolved.user}:{resolved.password}".encode("utf-8", "replace")
        self._secrets = [s for s in (resolved.password, resolved.token, base64.b64encode(basic).decode()) if s]
        self._http = httpx.Client(auth=auth, timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 10.0)))

    def __repr__(self) -> str:
        return f"Client({self.url!r})"

    def send(self, method: str, url: str | None = None, allow: tuple[int, ...] = (), **kwargs):
        """Send one request (httpx's arguments) to ``url`` (default: the store's); the reply, if below
        400 or in ``allow``.

        Raises:
            error: unreachable, timed out, a reply cut short, or the server's status and message.
        """
        url = self.url if url is None else url
        try:
            reply = self._http.request(method, url, **kwargs)
        except httpx.TimeoutException:
            raise self.error(f"{url} timed out (no answer within {self.timeout_s:g} s)") from None
        except httpx.ConnectError as exc:
            unreachable = self.error(f"{url} is unreachable: {one_line(exc, 200)}")
            unreachable.status = 0
            raise unreachable from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            raise self.error(f"{url}: the connection broke off: {one_line(exc, 200)}") from None
        except httpx.HTTPError as exc:
            raise self.error(f"{url}: the request failed: {one_line(exc, 200)}") from None
        if reply.status_code >= 400 and reply.status_code not in allow:
            detail = server_message(reply.text, reply.headers.get("content-type", "")) or reply.reason_phrase
            asks = reply.headers.get("www-authenticate", "").split(" ")[0]
            hint = f" (the server asks for {asks} authentication)" if reply.status_code == 401 and asks else ""
            failure = self.error(self._masked(f"{url} answered {reply.status_code}{hint}: {detail}"))
            failure.status = reply.status_code
            raise failure
        return reply

    def _masked(self, message: str) -> str:
        """``message`` with the password, the token and the Basic header replaced by ``***`` (a server
        may echo the request)."""
        for secret in self._secrets:
            message = message.replace(secret, "***")
        return message
