"""Errors that reach a person: one line, naming the file and the field."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:  # pydantic is imported by whoever validates; the CLI starts without it
    from pydantic import ValidationError

# Characters a message must not pass to a terminal as they are: control characters (newlines,
# escape sequences), line separators, bidirectional overrides, and the lone surrogates that
# stand for undecodable bytes in file names.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: Any, limit: int = 300) -> str:
    """Text from user input made safe to print on one line: each such character is shown as
    its Python escape (a newline as \\n, an escape character as \\x1b), and text longer than
    limit characters is cut with an ellipsis."""
    text = _UNPRINTABLE.sub(lambda m: ascii(m.group())[1:-1], str(text))
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


class ElementsError(Exception):
    """Base for every error Elements reports to a person instead of a traceback."""

    def __init__(self, source: str, field: str, message: str):
        self.source = source
        self.field = field
        self.message = message
        super().__init__(self.line())

    def line(self) -> str:
        """One line, whatever the input it quotes holds (a file name, a field, a value)."""
        source, field = printable(self.source), printable(self.field, 200)
        where = f"{source}: {field}" if field else source
        return f"{where}: {printable(self.message, 500)}"


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
    loc = list(loc)
    for index, part in enumerate(loc):
        if part == previous and isinstance(part, str):
            continue  # a union's tag repeats the field it names: rules[0].test.any_of.any_of
        previous = part
        following = loc[index + 1] if index + 1 < len(loc) else "[key]"
        if isinstance(part, int):
            out += f"[{part}]"
        elif part == "[key]":
            continue  # pydantic's mark for "the key itself", which the field already names
        elif (isinstance(part, str) and part[:1].isupper() and part.isidentifier() and following != "[key]") \
                or str(part).startswith("function-"):
            # pydantic names union members by class (AnyOf) or validator; they are not fields.
            # A key of the input is kept: the last part (person.Age), or one with a dot.
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
    if first["type"] == "value_error":  # a validator's own message, without pydantic's prefix
        message = str(first.get("ctx", {}).get("error", first["msg"]))
    if first["type"] in ("greater_than_equal", "less_than_equal") and not field.endswith("age"):
        message = first["msg"]
    if first["type"] in ("int_type", "int_from_float") and field.endswith("age"):
        message = "must be a whole number from 0 to 130, or null when unknown"
    return cls(source, field, message)
