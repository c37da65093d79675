"""Connecting to the hub: psycopg 3, imported only here and only when a hub command runs.

Credentials come from where libpq looks for them (the URL, PGPASSFILE, a service file, the
PG* environment variables); annotator never stores a password. TLS settings in the URL
(sslmode, sslrootcert ...) are passed through untouched.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qsl, urlencode

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.quoting import for_message

CONNECT_TIMEOUT = 10  # seconds, unless the URL says otherwise


class HubError(AnnotatorError):
    """The hub cannot be reached or refused the request; the project is unchanged."""


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise InputError(
            "the team hub needs psycopg: pip install 'annotator[hub]'", "no_psycopg"
        ) from None
    return psycopg


def without_password(url: str) -> str:
    """The connection string with any password left out: what messages and the project
    file may hold."""
    psycopg = _psycopg()
    try:
        params = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise InputError(
            f"not a PostgreSQL connection string: {_first_line(exc)}", "bad_url"
        ) from None
    params.pop("password", None)
    if url.startswith(("postgresql://", "postgres://")):
        return _as_url(url)
    return psycopg.conninfo.make_conninfo(**params)


def with_password(url: str, password: str) -> str:
    """The connection string with this password (the window's, asked for and kept in
    memory only)."""
    psycopg = _psycopg()
    return psycopg.conninfo.make_conninfo(url, password=password)


def _as_url(url: str) -> str:
    """A postgresql:// URL without its password: user:password@ -> user@, and no
    password= among its query parameters."""
    scheme, rest = url.split("://", 1)
    authority, slash, tail = rest.partition("/")
    if "@" in authority:
        user_part, host = authority.rsplit("@", 1)
        authority = f"{user_part.split(':', 1)[0]}@{host}"
    path, question, query = tail.partition("?")
    if question:
        kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "password"]
        query = urlencode(kept, safe="/")
        question = "?" if query else ""
    return f"{scheme}://{authority}{slash}{path}{question}{query}"


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def failed(exc: BaseException, url: str) -> HubError:
    """A psycopg error as one line naming the hub (without its password)."""
    psycopg = _psycopg()
    where = for_message(without_password(url))
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return HubError(f"the hub {where} refused: {_first_line(exc)}", "hub_refused")
    if isinstance(exc, psycopg.OperationalError):
        return HubError(f"cannot reach the hub {where}: {_first_line(exc)}", "hub_offline")
    return HubError(f"the hub {where} failed: {_first_line(exc)}", "hub_failed")


@contextmanager
def connect(url: str) -> Iterator[Any]:
    """A connection to the hub at `url`; every psycopg error inside becomes one HubError
    line. Nothing is committed unless the body commits (use `conn.transaction()`)."""
    psycopg = _psycopg()
    options: dict[str, Any] = {}
    if "connect_timeout" not in url:
        options["connect_timeout"] = CONNECT_TIMEOUT
    try:
        conn = psycopg.connect(url, **options)
    except psycopg.Error as exc:
        raise failed(exc, url) from None
    try:
        yield conn
    except psycopg.Error as exc:
        raise failed(exc, url) from None
    finally:
        conn.close()
