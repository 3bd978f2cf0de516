"""A Result as one line of JSON, fast, for `elements batch`.

Most of a result is made of parts that many results share: the explanation steps, the element
findings, the caveats and the referrals are frozen objects that the reader and the referral
directory hand out again and again. Each is serialized once and its text reused; the rest is
joined around it. The text is exactly Result.model_dump_json()'s (a test checks that on the
library and on generated scenarios).
"""
from __future__ import annotations

from pydantic import BaseModel
from pydantic_core import to_json

from .model import Result

# id(part) -> (part, its JSON). The part is kept with its text, so its id cannot be reused by
# another object while the entry lives. Bounded: a long run sees endless combinations.
_PARTS: dict[int, tuple[BaseModel, str]] = {}
_LIMIT = 100_000


def _part(obj: BaseModel) -> str:
    found = _PARTS.get(id(obj))
    if found is not None and found[0] is obj:
        return found[1]
    text = obj.model_dump_json()
    if len(_PARTS) > _LIMIT:
        _PARTS.clear()
    _PARTS[id(obj)] = (obj, text)
    return text


def _field(value: object) -> str:
    """One field's JSON: a list or a mapping of models part by part, anything else at once."""
    if isinstance(value, list) and value and isinstance(value[0], BaseModel):
        return "[" + ",".join(_part(item) for item in value) + "]"
    if isinstance(value, dict) and value and isinstance(next(iter(value.values())), BaseModel):
        return "{" + ",".join(f"{to_json(key).decode()}:{_part(item)}" for key, item in value.items()) + "}"
    return to_json(value).decode()


def result_json(result: Result) -> str:
    """Result.model_dump_json(), with the shared parts serialized once (fields in the model's
    order, as pydantic writes them)."""
    return "{" + ",".join(f'"{name}":{_field(getattr(result, name))}' for name in Result.model_fields) + "}"
