"""A saved analysis: the app's JSON export, {"scenario": ..., "result": ...}, so that a
caseworker can stop and come back. Nothing is stored on the server: the file goes to the
person's device, and comes back from it.

On loading, only the scenario counts. It is validated as any scenario is (an error names the
field, under `scenario.`), and the result part is ignored: it is never trusted, since the
result is worked out again from the answers.
"""
from __future__ import annotations

from typing import Any

from .errors import InputError
from .model import Result, Scenario

KEYS = ("scenario", "result")


def dump(result: Result, scenario: Scenario) -> dict[str, Any]:
    """The export: the scenario as given (defaults left out) and the Result of the contract."""
    return {
        "scenario": scenario.model_dump(mode="json", exclude_defaults=True),
        "result": result.model_dump(mode="json"),
    }


def is_saved(data: Any) -> bool:
    """A mapping with a `scenario` key is an export (a scenario file has no such field)."""
    return isinstance(data, dict) and "scenario" in data


def scenario_part(data: dict, source: str) -> Any:
    """The scenario of an export, once the export has exactly the export's shape."""
    for key in data:
        if key not in KEYS:
            raise InputError(source, str(key), "is not a field of a saved analysis (it holds scenario and result)")
    if "result" not in data:
        raise InputError(source, "result", "is required in a saved analysis (it is ignored on loading)")
    return data["scenario"]


def within(error: InputError) -> InputError:
    """An error in an export's scenario, naming its field as the export holds it."""
    field = "scenario" if error.field in ("", "(top level)") else f"scenario.{error.field}"
    return InputError(error.source, field, error.message)
