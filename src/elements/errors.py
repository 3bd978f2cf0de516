"""Errors that reach a person: one line, naming the file and the field."""
from __future__ import annotations

from typing import Any, Iterable

from pydantic import ValidationError


class ElementsError(Exception):
    """Base for every error Elements reports to a person instead of a traceback."""

    def __init__(self, source: str, field: str, message: str):
        self.source = source
        self.field = field
        self.message = message
        super().__init__(self.line())

    def line(self) -> str:
        where = f"{self.source}: {self.field}" if self.field else self.source
        return f"{where}: {self.message}"


class InputError(ElementsError):
    """A scenario (file, upload, form) that cannot be evaluated as given."""


class PackError(ElementsError):
    """A rule pack, vocabulary, caveat or referral file that does not match its schema."""


class EngineError(ElementsError):
    """The rule engine refused to build or run a framework's rules: reported in one line, like
    bad input, because a person can do nothing with a traceback (and should not see one)."""


def field_path(loc: Iterable[Any]) -> str:
    """('facts', 'action.x') -> 'facts.action.x'; ('rules', 2, 'test') -> 'rules[2].test'."""
    out = ""
    previous = None
    for part in loc:
        if part == previous and isinstance(part, str):
            continue  # a union's tag repeats the field it names: rules[0].test.any_of.any_of
        previous = part
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(part, str) and part[:1].isupper() or str(part).startswith("function-"):
            # pydantic names union members by class or validator; they are not fields.
            continue
        else:
            out += ("." if out else "") + str(part)
    return out


_FRIENDLY = {
    "bool_type": "must be true, false or null",
    "int_type": "must be a whole number or null",
    "int_from_float": "must be a whole number",
    "greater_than_equal": "must be from 0 to 130",
    "less_than_equal": "must be from 0 to 130",
    "extra_forbidden": "is not a field this file may have",
    "dict_type": "must be a mapping",
    "model_type": "must be a mapping",
    "string_type": "must be text",
    "string_pattern_mismatch": "must be a two-letter ISO 3166 country code, such as US or GB",
    "list_type": "must be a list",
    "missing": "is required",
}


def from_validation(error: ValidationError, source: str, cls: type[ElementsError]) -> ElementsError:
    """The first pydantic error, in one line a person can act on."""
    first = error.errors()[0]
    field = field_path(first["loc"]) or "(top level)"
    message = _FRIENDLY.get(first["type"], first["msg"])
    if first["type"] in ("greater_than_equal", "less_than_equal") and not field.endswith("age"):
        message = first["msg"]
    if first["type"] in ("int_type", "int_from_float") and field.endswith("age"):
        message = "must be a whole number from 0 to 130, or null when unknown"
    return cls(source, field, message)
