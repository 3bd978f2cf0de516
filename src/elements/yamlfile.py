"""Reading YAML/JSON documents with errors that name the file, never a traceback.

YAML is read with YAML 1.2 semantics (its core schema), not PyYAML's YAML 1.1: only
true/false are booleans, so `NO` is Norway and `yes` is text, and there are no octal,
sexagesimal (`1:05`) or date scalars. An integer is decimal without a leading zero; a
scalar such as `020` or `0x10` stays text, so a field that wants a number refuses it
instead of reading 020 as 16 (1.1) or 20 (1.2). A `.json` file is read as JSON.
"""
from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, Optional

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import BaseResolver

from .errors import ElementsError

# Anything the reader is given is read at most this far: a rule or scenario file is tens of
# kilobytes, and /dev/zero never ends. Callers pass a smaller limit for a scenario.
MAX_FILE_BYTES = 16 * 1024 * 1024


def size_words(limit: int) -> str:
    """1048576 -> '1 MB', 16384 -> '16 KB'."""
    if limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} MB"
    return f"{limit // 1024} KB" if limit % 1024 == 0 else f"{limit} bytes"


class LongNumber:
    """An integer with more digits than Python converts (4,300 by default): kept as its length,
    so the schema refuses it with the field named instead of int() raising a traceback."""

    __slots__ = ("digits",)

    def __init__(self, text: str):
        self.digits = len(text.lstrip("+-"))

    def __repr__(self) -> str:
        return f"<a number of {self.digits} digits>"


def _integer(text: str) -> int | LongNumber:
    try:
        return int(text)
    except ValueError:  # too many digits to convert
        return LongNumber(text)


class _Resolver12(BaseResolver):
    """The implicit types of the YAML 1.2 core schema, with integers decimal only."""


_Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
_Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))
_Resolver12.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])

_BOOLEANS = {"true": True, "false": False}
_INTEGER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


class _Constructor12(SafeConstructor):
    """SafeConstructor with the 1.2 meanings, also for an explicit tag (`!!bool yes` is refused),
    refusing a key given twice: `action.recruitment: true` followed by `action.recruitment:
    false` is a contradiction to report, not a last answer to keep."""

    def construct_yaml_bool(self, node):
        value = self.construct_scalar(node)
        if value.lower() not in _BOOLEANS:
            raise ConstructorError(None, None, f"{value} is not true or false", node.start_mark)
        return _BOOLEANS[value.lower()]

    def construct_yaml_int(self, node):
        value = self.construct_scalar(node)
        if not _INTEGER.fullmatch(value):
            raise ConstructorError(None, None, f"{value} is not a decimal whole number", node.start_mark)
        return _integer(value)

    def construct_yaml_float(self, node):
        value = self.construct_scalar(node).lower()
        if value.endswith((".inf", ".nan")):
            return float(value.replace(".", ""))
        try:
            return float(value)
        except ValueError:
            raise ConstructorError(None, None, f"{value} is not a number", node.start_mark) from None

    def construct_unique_mapping(self, node, deep=False):
        seen: set = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:  # an unhashable key: the schema rejects it later
                continue
            if duplicate:
                raise ConstructorError(None, None, f"{key} is given twice", key_node.start_mark)
        return self.construct_mapping(node, deep=deep)


_Constructor12.add_constructor("tag:yaml.org,2002:bool", _Constructor12.construct_yaml_bool)
_Constructor12.add_constructor("tag:yaml.org,2002:int", _Constructor12.construct_yaml_int)
_Constructor12.add_constructor("tag:yaml.org,2002:float", _Constructor12.construct_yaml_float)
_Constructor12.add_constructor(BaseResolver.DEFAULT_MAPPING_TAG, _Constructor12.construct_unique_mapping)

try:  # libyaml's parser when PyYAML is built with it: several times faster
    from yaml.cyaml import CParser as _CParser
except ImportError:  # pragma: no cover - PyYAML without libyaml
    _CParser = None

if _CParser is not None:

    class _Loader(_CParser, _Constructor12, _Resolver12):
        def __init__(self, stream):
            _CParser.__init__(self, stream)
            _Constructor12.__init__(self)
            _Resolver12.__init__(self)
else:  # pragma: no cover - PyYAML without libyaml

    class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,
                  _Constructor12, _Resolver12):
        def __init__(self, stream):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _Constructor12.__init__(self)
            _Resolver12.__init__(self)


def load_yaml(text: str) -> Any:
    """One YAML document with 1.2 semantics (raises yaml.YAMLError)."""
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json.loads(..., object_pairs_hook=unique_pairs): the same refusal for JSON."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"{key} is given twice")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


# Deeper than this is not a scenario (which nests four deep). Python's own limit depends on its
# version (3.11's JSON parser raises RecursionError at about 1,000, 3.13's goes much further).
MAX_JSON_DEPTH = 100


def _too_deep(text: str | bytes) -> bool:
    opening = (b"[", b"{") if isinstance(text, bytes) else ("[", "{")
    if text.count(opening[0]) + text.count(opening[1]) <= MAX_JSON_DEPTH:
        return False  # the usual case, counted at C speed
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            escaped, in_string = (False, True) if escaped else (char == "\\", char != '"')
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        elif char in "]}":
            depth -= 1
    return False


def load_json(text: str | bytes) -> Any:
    """One JSON document; raises json.JSONDecodeError, ValueError (a key given twice, NaN)
    or RecursionError (nested deeper than MAX_JSON_DEPTH)."""
    if _too_deep(text):
        raise RecursionError(f"nested deeper than {MAX_JSON_DEPTH}")
    return json.loads(text, object_pairs_hook=unique_pairs, parse_int=_integer, parse_constant=_no_constant)


_DEFAULT_RULES = Path(__file__).resolve().parents[2] / "rules"


def rules_dir() -> Path:
    # The law as data lives at the top of the repository; ELEMENTS_RULES points elsewhere
    # (tests use it to load packs from a temporary folder).
    return _as_path(os.environ.get("ELEMENTS_RULES", ""))


@lru_cache(maxsize=16)
def _as_path(name: str) -> Path:
    return Path(name) if name else _DEFAULT_RULES


def is_json_name(source: str) -> bool:
    return source.lower().endswith(".json")


def parse_mapping(text: str | bytes, source: str, error: type[ElementsError], limit: int = MAX_FILE_BYTES,
                  as_json: Optional[bool] = None) -> dict[str, Any]:
    """Parse a document whose top level must be a mapping: JSON when the source's name ends
    in .json (or as_json says so), YAML 1.2 otherwise."""
    if len(text) > limit:
        raise error(source, "", f"is larger than {size_words(limit)}, the limit for this file")
    if isinstance(text, bytes):
        if b"\x00" in text:
            raise error(source, "", "is binary, not a YAML or JSON text file")
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise error(source, "", "is not UTF-8 text (is it a YAML or JSON file?)") from None
    if "\x00" in text:
        raise error(source, "", "is binary, not a YAML or JSON text file")
    if text.startswith("\ufeff"):  # a byte-order mark some editors write
        text = text[1:]
    if not text.strip():
        raise error(source, "", "is empty")
    data = _parse_json(text, source, error) if (is_json_name(source) if as_json is None else as_json) \
        else _parse_yaml(text, source, error)
    if data is None:
        raise error(source, "", "is empty")
    if not isinstance(data, dict):
        kind = type(data).__name__
        kind = {"list": "a list", "str": "a text", "int": "a number", "float": "a number", "bool": "true or false",
                "LongNumber": "a number"}.get(kind, kind)
        raise error(source, "(top level)", f"must be a mapping of fields, not {kind}")
    return data


def _parse_yaml(text: str, source: str, error: type[ElementsError]) -> Any:
    try:
        return load_yaml(text)
    except yaml.reader.ReaderError as exc:  # a control character: no mark, a position
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise error(source, f"line {line}, column {column}",
                    f"character U+{exc.character:04X} is not allowed in YAML (a control character)") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(parse)"
        problem = getattr(exc, "problem", None) or "is not valid YAML or JSON"
        raise error(source, where, str(problem)) from None
    except RecursionError:
        raise error(source, "", "is nested too deeply to be a scenario or rule file") from None


def _parse_json(text: str, source: str, error: type[ElementsError]) -> Any:
    try:
        return load_json(text)
    except json.JSONDecodeError as exc:
        raise error(source, f"line {exc.lineno}, column {exc.colno}", f"is not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise error(source, "", "is nested too deeply to be a scenario or rule file") from None
    except ValueError as exc:  # a key given twice, NaN
        raise error(source, "", str(exc)) from None


def open_input(path: Path | str, error: type[ElementsError], label: str) -> BinaryIO:
    """The file opened for reading, or error naming why not (missing, a folder, a symlink
    loop, permission, a name too long, ...)."""
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise error(label, "", "no such file") from None
    except IsADirectoryError:
        raise error(label, "", "is a folder, not a file") from None
    except OSError as exc:
        raise error(label, "", f"cannot be read ({exc.strerror or exc})") from None


def read_bytes(path: Path | str, error: type[ElementsError], label: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """A file's bytes, at most limit + 1 of them (parse_mapping refuses more), or error."""
    with open_input(path, error, label) as stream:
        try:
            return stream.read(limit + 1)
        except OSError as exc:
            raise error(label, "", f"cannot be read ({exc.strerror or exc})") from None


def read_mapping(path: Path | str, error: type[ElementsError], source: str | None = None,
                 limit: int = MAX_FILE_BYTES) -> dict[str, Any]:
    label = source or str(path)
    return parse_mapping(read_bytes(path, error, label, limit), label, error, limit)
