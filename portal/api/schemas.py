"""Building blocks for the JSON Schemas in openapi.json (draft 2020-12, as OpenAPI 3.1 uses)."""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]

STRING: Schema = {"type": "string"}
TEXT_OR_NULL: Schema = {"type": ["string", "null"]}
BOOLEAN: Schema = {"type": "boolean"}
INTEGER: Schema = {"type": "integer"}
URI: Schema = {"type": "string", "format": "uri"}
DATE: Schema = {"type": "string", "format": "date"}
DATE_TIME: Schema = {"type": "string", "format": "date-time"}
EMAIL: Schema = {"type": "string", "format": "email"}
COUNTY_NUMBER: Schema = {"type": "string", "pattern": "^[0-9]{2}$"}
MUNICIPALITY_NUMBER: Schema = {"type": "string", "pattern": "^[0-9]{4}$"}


def nullable(schema: Schema) -> Schema:
    return {**schema, "type": [schema["type"], "null"]}


def one_of(*values: str) -> Schema:
    return {"type": "string", "enum": list(values)}


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def array_of(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def described(schema: Schema, description: str) -> Schema:
    return {**schema, "description": description} if description else schema


def closed_object(description: str, properties: dict[str, Schema]) -> Schema:
    # Every property required and no others allowed: a document that gains or loses a field
    # without its declaration fails the schema test.
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
