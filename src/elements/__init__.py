"""Elements: explains which elements of the legal definition of trafficking in persons a
described scenario touches, rule by rule, with the provision each rule rests on.

It teaches and explains. It never decides a case.
"""
from .api import evaluate, evaluate_all, frameworks, load_scenario, parse_scenario, validate_scenario
from .model import Result, Scenario

__all__ = [
    "Result",
    "Scenario",
    "evaluate",
    "evaluate_all",
    "frameworks",
    "load_scenario",
    "parse_scenario",
    "validate_scenario",
]
