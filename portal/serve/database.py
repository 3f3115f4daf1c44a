"""Create (or drop and create) the PostgreSQL database a URL names, for `make serve` and
`make bench`; run as `python -m portal.serve.database [--recreate] URL`.

Connects to the server's `postgres` maintenance database with the same credentials. Refuses any
URL that is not PostgreSQL, and refuses to drop a database unless asked to by name.
"""

import argparse
import sys
from urllib.parse import urlsplit

import psycopg
from psycopg import sql


def _split(url: str) -> tuple[str, str]:
    """(URL of the maintenance database, name of the database)."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise ValueError(f"Not a PostgreSQL URL: {parts.scheme}://…")
    name = parts.path.lstrip("/")
    if not name:
        raise ValueError("The URL names no database.")
    return parts._replace(path="/postgres").geturl(), name


def exists(url: str) -> bool:
    server, name = _split(url)
    with psycopg.connect(server, autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return found.fetchone() is not None


def create(url: str, *, recreate: bool = False) -> bool:
    """Create the database if it is missing (or always, dropping it first); True if created."""
    server, name = _split(url)
    with psycopg.connect(server, autocommit=True) as connection:
        if recreate:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if found.fetchone() is not None:
            return False
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--recreate", action="store_true", help="drop it first if it exists")
    arguments = parser.parse_args(argv)
    try:
        created = create(arguments.url, recreate=arguments.recreate)
    except (ValueError, psycopg.Error) as error:
        print(f"database: {error}", file=sys.stderr)
        return 1
    _, name = _split(arguments.url)
    print(f"Database {name}: {'created' if created else 'already there'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
