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
# libyaml's loader when PyYAML was built with it: the same safe subset, several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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
