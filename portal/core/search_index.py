"""Migration steps that exist only on PostgreSQL (SQLite has no text search)."""

from django.contrib.postgres.indexes import GinIndex

from .search import search_vector


def search_index_operations(model_label: str, fields: tuple[str, ...], index_name: str):
    """Forward and backward functions for a GIN index on the exact vector `text_search` builds."""

    def index() -> GinIndex:
        return GinIndex(search_vector(*fields), name=index_name)

    def forwards(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.add_index(apps.get_model(model_label), index())

    def backwards(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.remove_index(apps.get_model(model_label), index())

    return forwards, backwards
