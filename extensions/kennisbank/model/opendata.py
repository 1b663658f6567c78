"""The open data export ``kennisbank.json`` and its JSON Schema. Pure.

Both come from the same schema as the pages, so they cannot drift apart.
Output is deterministic: objects by type and id, keys sorted, no timestamps.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .objects import KBObject, MissingLink, Relation, Role, Value, When
from .relations import relations_of
from .schema import TYPES, Field, Kind
from .timeline import is_scheduled, role_state
from .values import SLUG

SCHEMA_FILE = "kennisbank.schema.json"
DATA_FILE = "kennisbank.json"
_WHEN_PATTERN = r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2})?)?)?$"
_FORMATS = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d", "minute": "%Y-%m-%dT%H:%M"}


def export_document(
    objects: Mapping[str, KBObject],
    url_of: Callable[[KBObject], str],
    name: str,
    base_url: str,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """The whole export as data (see ``document_text`` for the file a build writes)."""
    records = [record(o, objects, url_of(o), relations_of(o, today), today) for o in exported(objects, today)]
    return {**_head(name, base_url), "objecten": records}


def exported(objects: Mapping[str, KBObject], today: dt.date | None = None) -> list[KBObject]:
    """The objects the export holds, in its order: by type, then id.

    An object that lacks a required field (the build reported it) waits until it is
    complete: the published data always meets its schema. A news item dated after
    ``today`` waits for its day, as on the site."""
    kinds = list(TYPES)
    shown = (o for o in objects.values() if is_complete(o) and not (today and is_scheduled(o, today)))
    return sorted(shown, key=lambda o: (kinds.index(o.kind), o.id))


def is_complete(obj: KBObject) -> bool:
    return all(f.name in obj.fields for f in TYPES[obj.kind].fields if f.required)


def record(
    obj: KBObject,
    objects: Mapping[str, KBObject],
    url: str,
    relations: Iterable[Relation],
    today: dt.date | None = None,
) -> dict[str, Any]:
    """One object as the export holds it; ``relations`` are its outgoing relations; roles as on ``today``."""
    spec = TYPES[obj.kind]
    # Every field of an object is one of its type's fields: the parser drops any other.
    fields = {name: _value(spec.named(name), value, objects, today) for name, value in obj.fields.items()}
    links = [
        {
            "veld": rel.field,
            "doel": rel.target,
            "doeltype": objects[rel.target].kind if rel.target in objects else None,
            "detail": rel.detail,
        }
        for rel in relations
    ]
    return {"type": obj.kind, "id": obj.id, "titel": obj.title, "url": url, "velden": fields, "relaties": links}


def _head(name: str, base_url: str) -> dict[str, str]:
    return {"$schema": f"{base_url}/{SCHEMA_FILE}", "naam": name, "bron": f"{base_url}/"}


def _value(spec: Field[Value], value: Value, objects: Mapping[str, KBObject], today: dt.date | None = None) -> object:
    if isinstance(value, MissingLink):
        return None  # the link is not known yet ("link volgt")
    if isinstance(value, When):
        return _when(value)
    if spec.kind is Kind.ROLES and isinstance(value, tuple):
        return [_role(r, objects, today) for r in value if isinstance(r, Role)]
    if isinstance(value, tuple):
        return list(value)
    return value


#: A role names what its target is: an organisation (the person works there) or a network (a member).
ROLE_TARGETS = ("organisatie", "netwerk")


def _role(role: Role, objects: Mapping[str, KBObject], today: dt.date | None) -> dict[str, str | None]:
    target = objects.get(role.target)
    # A target that names nothing was reported; until it is fixed it reads as an organisation.
    key = target.kind if target is not None and target.kind in ROLE_TARGETS else ROLE_TARGETS[0]
    found: dict[str, str | None] = {"functie": role.function, key: role.target, "periode": role.period}
    found.update(vanaf=_when(role.start) if role.start else None, tot=_when(role.end) if role.end else None)
    if today is not None:  # as on the day of the export: a past role says so
        found["status"] = role_state(role, today)
    return found


def _when(value: When) -> str:
    return value.value.strftime(_FORMATS[value.precision])


def dumps(data: dict[str, Any]) -> str:
    # Compact: Python's fast (C) JSON encoder only runs without indentation, and at
    # thousands of objects the indented file took seconds of every build.
    return json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n"


def record_text(data: dict[str, Any]) -> str:
    """One record as ``dumps`` writes it inside the document."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def document_text(name: str, base_url: str, records: Iterable[str]) -> str:
    """The file ``dumps(export_document(...))`` gives, from its records' texts.

    A build keeps each record's text and encodes only the objects that changed."""
    head = dumps({**_head(name, base_url), "objecten": []})
    return head.removesuffix("[]}\n") + "[" + ", ".join(records) + "]}\n"


# -- the JSON Schema ---------------------------------------------------------------


def json_schema(base_url: str) -> dict[str, Any]:
    slug = {"type": "string", "pattern": SLUG.pattern}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{base_url}/{SCHEMA_FILE}",
        "title": "Kennisbank VZHG: open data",
        "description": "Alle objecten van de kennisbank met hun velden, relaties en webadres.",
        "type": "object",
        "required": ["naam", "bron", "objecten"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            "naam": {"type": "string"},
            "bron": {"type": "string", "format": "uri"},
            "objecten": {"type": "array", "items": {"oneOf": [_type_schema(t, slug) for t in TYPES]}},
        },
    }


def _type_schema(kind: str, slug: dict[str, Any]) -> dict[str, Any]:
    spec = TYPES[kind]
    fields = [f for f in spec.fields if f.name != spec.title_field]
    relation = {
        "type": "object",
        "required": ["veld", "doel", "doeltype", "detail"],
        "additionalProperties": False,
        "properties": {
            "veld": {"enum": [f.name for f in fields if f.is_relation]},
            "doel": slug,
            "doeltype": {"enum": [*TYPES, None]},
            "detail": {"type": "string"},
        },
    }
    return {
        "type": "object",
        "title": spec.label,
        "required": ["type", "id", "titel", "url", "velden", "relaties"],
        "additionalProperties": False,
        "properties": {
            "type": {"const": kind},
            "id": slug,
            "titel": {"type": "string", "minLength": 1},
            "url": {"type": "string", "format": "uri"},
            "velden": {
                "type": "object",
                "additionalProperties": False,
                "required": [f.name for f in fields if f.required],
                "properties": {f.name: _field_schema(f, slug) for f in fields},
            },
            "relaties": {"type": "array", "items": relation},
        },
    }


def _field_schema(field: Field[Value], slug: dict[str, Any]) -> dict[str, Any]:
    text = {"type": "string", "minLength": 1}
    schemas: dict[Kind, dict[str, Any]] = {
        Kind.TEXT: text,
        Kind.LINES: {"type": "array", "items": text},
        Kind.URL: {"type": ["string", "null"], "format": "uri"},
        Kind.EMAIL: {"type": "string", "format": "email"},
        Kind.WHEN: {"type": "string", "pattern": _WHEN_PATTERN},
        Kind.TIMEZONE: text,
        Kind.PHONE: text,
        Kind.NUMBER: {"type": "integer", "minimum": 0},
        Kind.CHOICE: {"enum": list(field.choices)},
        Kind.CHOICES: {"type": "array", "items": {"enum": list(field.choices)}},
        Kind.REF: slug,
        Kind.REFS: {"type": "array", "items": slug},
        Kind.WORDS: {"type": "array", "items": text},
        Kind.ROLES: {
            "type": "array",
            "items": {
                "oneOf": [
                    {
                        "type": "object",
                        "title": f"rol bij een {target}",
                        "required": ["functie", target, "periode", "vanaf", "tot"],
                        "additionalProperties": False,
                        "properties": {
                            "functie": text,
                            target: slug,
                            "periode": {"type": "string", "description": "zoals geschreven"},
                            "vanaf": {"type": ["string", "null"], "pattern": _WHEN_PATTERN},
                            "tot": {
                                "type": ["string", "null"],
                                "pattern": _WHEN_PATTERN,
                                "description": "tot en met deze dag, maand of dit jaar",
                            },
                            "status": {
                                "enum": ["komend", "huidig", "voorbij"],
                                "description": "op de dag van de export",
                            },
                        },
                    }
                    for target in ROLE_TARGETS
                    if target in field.targets
                ]
            },
        },
    }
    schema = schemas[field.kind]
    description = field.label + (" (null: link volgt)" if field.kind is Kind.URL else "")
    return {**schema, "description": description}
