"""The one API the CLI and the app call. Neither holds any legal logic of its own."""
from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, Union

from pydantic import ValidationError

from . import engine
from .errors import InputError, PackError, from_validation
from .model import Result, Scenario
from .packs import Pack, framework_ids, get_pack
from .vocabulary import vocabulary
from .yamlfile import parse_mapping, read_mapping


def validate_scenario(data: Any, source: str = "scenario") -> Scenario:
    """A mapping (from a file, an upload or a form) -> a Scenario, or InputError naming the field."""
    if not isinstance(data, dict):
        raise InputError(source, "(top level)", "must be a mapping of fields")
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc, source, InputError) from None
    known = set(vocabulary().ids)
    for fact_id in scenario.facts:
        if fact_id not in known:
            close = difflib.get_close_matches(fact_id, known, n=1)
            hint = f" (did you mean {close[0]}?)" if close else " (see rules/vocabulary.yaml)"
            if fact_id == "person.age":
                hint = " (the age goes under person: age)"
            raise InputError(source, f"facts.{fact_id}", "unknown fact id" + hint)
    return scenario


def parse_scenario(text: Union[str, bytes], source: str = "scenario") -> Scenario:
    return validate_scenario(parse_mapping(text, source, InputError), source)


def load_scenario(path: Union[str, Path]) -> Scenario:
    return validate_scenario(read_mapping(path, InputError), str(path))


def check_framework(framework: str) -> str:
    known = framework_ids()
    if framework not in known:  # noqa: SIM102 - the common case is one membership test
        raise InputError("--framework", framework, "is not a known framework (known: " + ", ".join(known) + ")")
    return framework


def evaluate(scenario: Union[Scenario, dict], framework: str = "palermo") -> Result:
    if not isinstance(scenario, Scenario):
        scenario = validate_scenario(scenario)
    return engine.evaluate(scenario, check_framework(framework))


def evaluate_all(scenario: Union[Scenario, dict], frameworks_: list[str] | None = None) -> list[Result]:
    if not isinstance(scenario, Scenario):
        scenario = validate_scenario(scenario)
    return [evaluate(scenario, fw) for fw in (frameworks_ or framework_ids())]


def frameworks() -> list[Pack]:
    """Every framework pack in rules/, in the contract's order."""
    return [get_pack(fw) for fw in framework_ids()]


__all__ = [
    "InputError",
    "PackError",
    "check_framework",
    "evaluate",
    "evaluate_all",
    "frameworks",
    "load_scenario",
    "parse_scenario",
    "validate_scenario",
]
