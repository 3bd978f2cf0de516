"""Reading YAML/JSON documents with errors that name the file, never a traceback."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import ElementsError

# The law as data lives at the top of the repository; ELEMENTS_RULES points elsewhere
# (tests use it to load packs from a temporary folder).
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's when built with it
    """The safe loader, refusing a key given twice: `action.recruitment: true` followed by
    `action.recruitment: false` is a contradiction to report, not a last answer to keep."""


def _unique_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            duplicate = key in seen
            seen.add(key)
        except TypeError:  # an unhashable key: the schema rejects it later
            continue
        if duplicate:
            raise yaml.constructor.ConstructorError(None, None, f"{key} is given twice", key_node.start_mark)
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)
_LOADER = _Loader


def unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json.loads(..., object_pairs_hook=unique_pairs): the same refusal for JSON."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"{key} is given twice")
        out[key] = value
    return out
_DEFAULT_RULES = Path(__file__).resolve().parents[2] / "rules"


def rules_dir() -> Path:
    return _as_path(os.environ.get("ELEMENTS_RULES", ""))


@lru_cache(maxsize=16)
def _as_path(name: str) -> Path:
    return Path(name) if name else _DEFAULT_RULES


def parse_mapping(text: str | bytes, source: str, error: type[ElementsError]) -> dict[str, Any]:
    """Parse YAML (JSON is YAML) whose top level must be a mapping."""
    if isinstance(text, bytes):
        if b"\x00" in text:
            raise error(source, "", "is binary, not a YAML or JSON text file")
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise error(source, "", "is not UTF-8 text (is it a YAML or JSON file?)") from None
    if "\x00" in text:
        raise error(source, "", "is binary, not a YAML or JSON text file")
    if not text.strip():
        raise error(source, "", "is empty")
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(parse)"
        problem = getattr(exc, "problem", None) or "is not valid YAML or JSON"
        raise error(source, where, str(problem)) from None
    if data is None:
        raise error(source, "", "is empty")
    if not isinstance(data, dict):
        kind = type(data).__name__
        kind = {"list": "a list", "str": "a text", "int": "a number", "float": "a number"}.get(kind, kind)
        raise error(source, "(top level)", f"must be a mapping of fields, not {kind}")
    return data


def read_mapping(path: Path | str, error: type[ElementsError], source: str | None = None) -> dict[str, Any]:
    path = Path(path)
    label = source or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise error(label, "", "no such file") from None
    except IsADirectoryError:
        raise error(label, "", "is a folder, not a file") from None
    except OSError as exc:
        raise error(label, "", f"cannot be read ({exc.strerror})") from None
    return parse_mapping(raw, label, error)
