"""Elements: explains which elements of the legal definition of trafficking in persons a
described scenario touches, rule by rule, with the provision each rule rests on.

It teaches and explains. It never decides a case.

The names below are imported on first use, so that `elements.cli` starts without loading
the engine and can take charge of Ctrl-C first.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_HOME = {
    "Result": "model",
    "Scenario": "model",
    "evaluate": "api",
    "evaluate_all": "api",
    "frameworks": "api",
    "load_scenario": "api",
    "parse_scenario": "api",
    "validate_scenario": "api",
}

__all__ = list(_HOME)


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'elements' has no attribute {name!r}")
    value = getattr(import_module(f".{_HOME[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
