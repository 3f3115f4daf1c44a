"""The database side of `search`: PostgreSQL's GIN index, SQLite's FTS5 table and its triggers.

Used by the migrations that add the stored search text, and after every `migrate` on SQLite: when
SQLite alters a table it copies it into a new one and drops the old, and the triggers go with it,
so they are put back (and the index rebuilt) whenever one is missing.
"""

from django.apps import apps as global_apps
from django.contrib.postgres.indexes import GinIndex
from django.db import DEFAULT_DB_ALIAS, connections

from .search import SearchableModel, search_document, search_vector


def gin_index(model_name: str) -> GinIndex:
    return GinIndex(search_vector(), name=f"{model_name}_search_text_gin")


def _sqlite_statements(table: str) -> list[str]:
    fts = f"{table}_fts"
    delete = (
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text);"
    )
    insert = f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text);"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5"
        f"(search_text, content='{table}', content_rowid='id', tokenize='unicode61')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF search_text ON {table} "
        f"BEGIN {delete} {insert} END",
    ]


def _sqlite_objects(table: str) -> set[str]:
    fts = f"{table}_fts"
    return {fts, f"{fts}_insert", f"{fts}_delete", f"{fts}_update"}


def ensure_sqlite_search_table(connection, table: str) -> bool:
    """Create what is missing of the FTS5 table and its triggers; True if anything was."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE name IN (%s, %s, %s, %s)",
            sorted(_sqlite_objects(table)),
        )
        present = {name for (name,) in cursor.fetchall()}
        if present == _sqlite_objects(table):
            return False
        for statement in _sqlite_statements(table):
            cursor.execute(statement)
        # The rows changed while a trigger was missing are not in the index: index them all anew.
        cursor.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")
    return True


def drop_sqlite_search_table(connection, table: str) -> None:
    with connection.cursor() as cursor:
        for name in sorted(_sqlite_objects(table) - {f"{table}_fts"}):
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {table}_fts")


def search_index_operations(model_label: str):
    """Forward and backward functions for a migration that indexes `model_label`'s search text."""

    def forwards(apps, schema_editor) -> None:
        model = apps.get_model(model_label)
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.add_index(model, gin_index(model._meta.model_name))
        elif vendor == "sqlite":
            ensure_sqlite_search_table(schema_editor.connection, model._meta.db_table)

    def backwards(apps, schema_editor) -> None:
        model = apps.get_model(model_label)
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.remove_index(model, gin_index(model._meta.model_name))
        elif vendor == "sqlite":
            drop_sqlite_search_table(schema_editor.connection, model._meta.db_table)

    return forwards, backwards


def fill_search_text(model_label: str, fields: tuple[str, ...]):
    """A data migration step: compute the stored search text of the rows already there."""

    def forwards(apps, schema_editor) -> None:
        rows = apps.get_model(model_label).objects.using(schema_editor.connection.alias)
        changed = list(rows.only(*fields))
        for row in changed:
            row.search_text = search_document(*(getattr(row, name) for name in fields))
        rows.bulk_update(changed, ["search_text"], batch_size=500)

    return forwards


def restore_sqlite_search_tables(sender=None, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """post_migrate: put back the triggers a table rebuild dropped (SQLite only)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    tables = set(connection.introspection.table_names())
    for model in global_apps.get_models():
        if issubclass(model, SearchableModel) and model._meta.db_table in tables:
            with connection.cursor() as cursor:
                description = connection.introspection.get_table_description(
                    cursor, model._meta.db_table
                )
            # Before the migration that adds the column (a partial `migrate`), there is nothing.
            if "search_text" in {column.name for column in description}:
                ensure_sqlite_search_table(connection, model._meta.db_table)
