"""Declaring an API document once: its fields, what each holds, and where each value comes from.

A declared document builds its JSON from a source object (`build`) and describes itself for
openapi.json (`schema`). Both come from the same field list, so what is served and what is
described cannot drift apart: there is no second copy to keep in step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Any

from .schemas import Schema, array_of, closed_object, described, ref

Read = Callable[[Any], Any]


def reader(read: Read | str) -> Read:
    return attrgetter(read) if isinstance(read, str) else read


class Field:
    """One member of a document: its name, its JSON Schema, and how to read it from the source.

    `read` is a function of the source, or the dotted name of one of its attributes
    ("centre.slug"). A field holding other documents names them in `document`, so that
    openapi.json can list every document reachable from the endpoints.
    """

    def __init__(
        self,
        name: str,
        schema: Schema,
        read: Read | str,
        description: str = "",
        *,
        document: Document | None = None,
    ) -> None:
        self.name = name
        self.schema = described(schema, description)
        self.read = reader(read)
        self.document = document


class Document:
    """A JSON object with a fixed list of fields, served as one component schema in openapi.json.

    An `inline` document (such as a term's names in three languages) is described where it is
    used instead of as a component of its own.
    """

    def __init__(self, name: str, description: str, *fields: Field, inline: bool = False) -> None:
        self.name = name
        self.description = description
        self.fields = fields
        self.inline = inline

    def build(self, source: Any) -> dict[str, Any]:
        return {field.name: field.read(source) for field in self.fields}

    def schema(self) -> Schema:
        return closed_object(self.description, {field.name: field.schema for field in self.fields})

    def reference(self) -> Schema:
        return self.schema() if self.inline else ref(self.name)


def constant(value: Any) -> Read:
    """A reader for a value that is the same in every document."""
    return lambda source: value


def one(
    name: str, document: Document, read: Read | str, description: str = "", *, optional=False
) -> Field:
    """A field holding one `document`, built from what `read` finds (null allowed if `optional`)."""
    find = reader(read)
    schema = document.reference()
    if optional:
        schema = {"oneOf": [schema, {"type": "null"}]}

    def build(source: Any) -> dict[str, Any] | None:
        found = find(source)
        return None if optional and found is None else document.build(found)

    return Field(name, schema, build, description, document=document)


def many(name: str, document: Document, read: Read | str, description: str = "") -> Field:
    """A field holding a list of `document`, one for each source `read` returns."""
    find: Callable[[Any], Iterable[Any]] = reader(read)
    return Field(
        name,
        array_of(document.reference()),
        lambda source: [document.build(item) for item in find(source)],
        description,
        document=document,
    )


def components(*documents: Document) -> dict[str, Schema]:
    """The schema of every document reachable from `documents`, by name: what `$ref`s point at."""
    found: dict[str, Document] = {}

    def visit(document: Document) -> None:
        if not document.inline:
            if found.get(document.name) is document:
                return
            if document.name in found:
                # A `$ref` names one schema: two documents under one name would share it.
                raise ValueError(f"Two documents are called {document.name}.")
            found[document.name] = document
        for field in document.fields:
            if field.document is not None:
                visit(field.document)

    for document in documents:
        visit(document)
    return {name: document.schema() for name, document in found.items()}
