"""A declared document builds its JSON and describes itself from the same field list."""

from types import SimpleNamespace

import pytest
from jsonschema import Draft202012Validator

from portal.api.declarations import Document, Field, components, constant, many, one
from portal.api.documents import ATTRIBUTE, SERVICE, TAXONOMY_TERM
from portal.api.schemas import INTEGER, STRING, nullable, ref

NOTE = Document(
    "Note",
    "A note.",
    Field("id", STRING, lambda note: str(note.pk)),
    Field("author", STRING, "author.name", "Who wrote it."),
    Field("kind", STRING, constant("note")),
    Field("pages", nullable(INTEGER), "pages"),
)
SHELF = Document(
    "Shelf",
    "A shelf of notes.",
    many("notes", NOTE, "notes"),
    one("first", NOTE, lambda shelf: shelf.notes[0] if shelf.notes else None, optional=True),
    one(
        "label",
        Document("Label", "Its label.", Field("text", STRING, "label"), inline=True),
        lambda shelf: shelf,
    ),
)


def a_note(pk: int = 7, pages: int | None = None) -> SimpleNamespace:
    return SimpleNamespace(pk=pk, author=SimpleNamespace(name="Kari"), pages=pages)


def test_a_document_is_built_field_by_field_in_the_declared_order():
    built = NOTE.build(a_note())
    assert built == {"id": "7", "author": "Kari", "kind": "note", "pages": None}
    assert list(built) == [field.name for field in NOTE.fields]


def test_a_document_is_described_by_the_same_fields_and_allows_no_others():
    assert NOTE.schema() == {
        "type": "object",
        "description": "A note.",
        "properties": {
            "id": STRING,
            "author": {"type": "string", "description": "Who wrote it."},
            "kind": STRING,
            "pages": {"type": ["integer", "null"]},
        },
        "required": ["id", "author", "kind", "pages"],
        "additionalProperties": False,
    }


def test_what_a_document_builds_matches_what_it_describes():
    validator = Draft202012Validator(NOTE.schema())
    assert validator.is_valid(NOTE.build(a_note(pages=12)))
    assert not validator.is_valid({**NOTE.build(a_note()), "extra": 1})


def test_nested_documents_are_referenced_and_inline_ones_described_in_place():
    properties = SHELF.schema()["properties"]
    assert properties["notes"] == {"type": "array", "items": ref("Note")}
    assert properties["first"] == {"oneOf": [ref("Note"), {"type": "null"}]}
    assert properties["label"]["properties"] == {"text": STRING}


def test_nested_documents_are_built_from_what_their_field_reads():
    shelf = SimpleNamespace(notes=[a_note(1), a_note(2)], label="Øverst")
    built = SHELF.build(shelf)
    assert [note["id"] for note in built["notes"]] == ["1", "2"]
    assert built["first"]["id"] == "1"
    assert built["label"] == {"text": "Øverst"}
    assert SHELF.build(SimpleNamespace(notes=[], label=""))["first"] is None


def test_components_are_every_document_reachable_once_and_no_inline_one():
    assert list(components(SHELF, NOTE)) == ["Shelf", "Note"]
    reachable = components(SERVICE)
    assert {"Service", "Schedule", "Location", "Contact", "Attribute", "TaxonomyTerm"} <= set(
        reachable
    )
    assert "Names" not in reachable
    assert reachable["Attribute"] == ATTRIBUTE.schema()
    assert reachable["TaxonomyTerm"] == TAXONOMY_TERM.schema()


def test_two_documents_under_one_name_are_refused():
    other_note = Document("Note", "Another note.", Field("id", STRING, "pk"))
    with pytest.raises(ValueError, match="Note"):
        components(SHELF, other_note)
