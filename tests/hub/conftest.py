"""The hub's tests run against a real PostgreSQL server they start themselves (pg_server.py),
once per run; each test gets a database of its own, initialised by a coordinator role that
is not a superuser (as a real team's would be)."""

from __future__ import annotations

import itertools

import pytest

from tests.hub.pg_server import INSTALL, Server, server_binaries

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server():
    pytest.importorskip("psycopg", reason=f"the hub tests need psycopg: {INSTALL}")
    binaries = server_binaries()
    if binaries is None:
        pytest.skip(f"no PostgreSQL server binaries (initdb, pg_ctl): {INSTALL}")
    server = Server(binaries).start()
    server.admin("CREATE ROLE coordinator LOGIN CREATEROLE")
    try:
        yield server
    finally:
        server.stop()


class Hub:
    """One test's hub database, and its people."""

    def __init__(self, server: Server, database: str) -> None:
        self.server = server
        self.database = database
        self.url = server.url("coordinator", database)

    def url_of(self, role: str) -> str:
        return self.server.url(role, self.database)

    def person(self, role: str, adjudicator: bool = False) -> str:
        """A login role in the annotators' (or adjudicators') group; its connection URL."""
        from psycopg import sql

        from annotator.hub.schema import ADJUDICATORS, ANNOTATORS

        exists = self.server.admin("SELECT 1 FROM pg_roles WHERE rolname = %s", params=[role])
        if not exists:
            self.server.admin(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
        group = ADJUDICATORS if adjudicator else ANNOTATORS
        self.server.admin(
            sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(role))
        )
        return self.url_of(role)


@pytest.fixture
def hub(pg_server) -> Hub:
    from annotator.hub.connection import connect
    from annotator.hub.coordinator import init

    database = f"hub_{next(_numbers)}"
    pg_server.admin(f"CREATE DATABASE {database} OWNER coordinator")
    made = Hub(pg_server, database)
    with connect(made.url) as conn:
        init(conn)
    return made
