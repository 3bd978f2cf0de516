"""The one API the CLI and the app call. Neither holds any legal logic of its own.

An evaluation is three steps, each in a module of its own: the pack is compiled into branches
(conditions.py), the engine runs them on the scenario and returns what fired (engine.py), and
a reader turns that trace into the Result (findings.py). This module puts them together, once
per framework and rules folder.
"""
from __future__ import annotations

import difflib
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, Union

from pydantic import ValidationError

from .caveats import caveat_book
from .compare import COLUMNS, comparison_table, departures, differences
from .conditions import Program, compile_program
from .countries import countries as country_book
from .engine import Ruleset
from .errors import InputError, PackError, from_validation
from .findings import Reader
from .model import Referral, Result, Scenario
from .packs import Pack, default_framework, framework_ids, frameworks_reading, get_pack
from .referrals import directory, referrals_for
from .saved import is_saved, scenario_part, within
from .vocabulary import vocabulary
from .whatif import WhatIf, what_if as _what_if
from .yamlfile import load_json, parse_mapping, read_mapping, rules_dir, size_words

# A scenario file, an upload or a batch line: a few kilobytes; anything over this is not one.
MAX_SCENARIO_BYTES = 1024 * 1024


def validate_scenario(data: Any, source: str = "scenario") -> Scenario:
    """A mapping (from a file, an upload or a form) -> a Scenario, or InputError naming the field.
    A saved analysis (the app's JSON export) gives its scenario; its result is ignored."""
    if is_saved(data):
        return _saved_scenario(data, source)
    if not isinstance(data, dict):
        raise InputError(source, "(top level)", "must be a mapping of fields")
    facts = data.get("facts")
    if isinstance(facts, dict):  # an unknown id is the clearer message, so it goes first
        known = vocabulary().id_set
        for fact_id in facts:
            if fact_id not in known:
                raise InputError(source, f"facts.{fact_id}", "unknown fact id" + _hint(str(fact_id), known))
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc, source, InputError) from None


def _saved_scenario(data: dict, source: str) -> Scenario:
    part = scenario_part(data, source)
    if is_saved(part):  # an export inside an export is not a scenario
        raise InputError(source, "scenario.scenario", "is not a field this file may have")
    try:
        return validate_scenario(part, source)
    except InputError as exc:
        raise within(exc) from None


def _hint(fact_id: str, known: frozenset[str]) -> str:
    if fact_id == "person.age":
        return " (the age goes under person: age)"
    close = difflib.get_close_matches(fact_id, known, n=1)
    return f" (did you mean {close[0]}?)" if close else " (see rules/vocabulary.yaml)"


def scenario_from_json(raw: Union[str, bytes], source: str = "scenario") -> Scenario:
    """One JSON document (a line of a batch) -> a Scenario, or InputError naming the field."""
    if len(raw) > MAX_SCENARIO_BYTES:
        raise InputError(source, "", f"is larger than {size_words(MAX_SCENARIO_BYTES)}, the limit for one scenario")
    try:
        data = load_json(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(source, "", f"is not a JSON object ({getattr(exc, 'msg', 'not UTF-8')})") from None
    except RecursionError:
        raise InputError(source, "", "is nested too deeply to be a scenario") from None
    except ValueError as exc:  # a key given twice, NaN
        raise InputError(source, "", str(exc)) from None
    return validate_scenario(data, source)


def parse_scenario(text: Union[str, bytes], source: str = "scenario", as_json: Optional[bool] = None) -> Scenario:
    """A scenario file's text: JSON when source ends in .json (or as_json says so), else YAML 1.2."""
    return validate_scenario(parse_mapping(text, source, InputError, MAX_SCENARIO_BYTES, as_json), source)


def load_scenario(path: Union[str, Path]) -> Scenario:
    return validate_scenario(read_mapping(path, InputError, limit=MAX_SCENARIO_BYTES), str(path))


def scenario_files() -> list[Path]:
    """The training scenarios in rules/scenarios/ (YAML or JSON files)."""
    folder = rules_dir() / "scenarios"
    return sorted(p for p in folder.glob("*") if p.suffix in (".yaml", ".yml", ".json"))


def check_framework(framework: str) -> str:
    known = framework_ids()
    if framework not in known:  # noqa: SIM102 - the common case is one membership test
        raise InputError("--framework", framework, "is not a known framework (known: " + ", ".join(known) + ")")
    return framework


@dataclass(frozen=True)
class Compiled:
    """A framework ready to evaluate: its pack, the compiled program, the engine's ruleset
    and the reader of its traces."""

    pack: Pack
    program: Program
    ruleset: Ruleset
    reader: Reader

    def evaluate(self, scenario: Scenario) -> Result:
        return self.reader.read(scenario, self.ruleset.run(scenario))

    def conclusions(self, scenario: Scenario) -> dict[str, str]:
        """The elements' statuses and the outcome only (Reader.conclusions): the engine runs
        as for evaluate(), without building the whole Result."""
        return self.reader.conclusions(self.ruleset.run(scenario))


_COMPILED: dict[tuple[str, str], Compiled] = {}
_COMPILING = threading.Lock()


def compiled(framework: str) -> Compiled:
    """A framework compiled once per process and rules folder (a changed pack needs a restart,
    as a changed program would)."""
    key = (str(rules_dir()), framework)
    found = _COMPILED.get(key)
    if found is None:
        with _COMPILING:
            found = _COMPILED.get(key)
            if found is None:
                pack, caveats, vocab = get_pack(check_framework(framework)), caveat_book(), vocabulary()
                index = {fact_id: i for i, fact_id in enumerate(vocab.ids)}
                program = compile_program(pack, caveats.caveats, vocab.expand, index.__getitem__)
                found = _COMPILED[key] = Compiled(pack, program, Ruleset(program, vocab.ids),
                                                  Reader(pack, program, caveats, vocab))
    return found


def evaluate(scenario: Union[Scenario, dict], framework: Optional[str] = None) -> Result:
    if not isinstance(scenario, Scenario):
        scenario = validate_scenario(scenario)
    return evaluator(framework or default_framework())(scenario)


def evaluator(framework: str) -> Callable[[Scenario], Result]:
    """evaluate() for one framework, with the framework checked and compiled once (batch)."""
    return compiled(framework).evaluate


def evaluate_all(scenario: Union[Scenario, dict], frameworks_: list[str] | None = None) -> list[Result]:
    if not isinstance(scenario, Scenario):
        scenario = validate_scenario(scenario)
    return [evaluate(scenario, fw) for fw in (frameworks_ or framework_ids())]


def frameworks() -> list[Pack]:
    """Every framework pack in rules/, in rules/frameworks.yaml's order."""
    return [get_pack(fw) for fw in framework_ids()]


def element_facts(framework: str, role: str) -> list[str]:
    """The facts an element of a framework can rest on: those its rule tests, itself or through
    the sub-rules it names (in vocabulary order). What an exercise offers a trainee to pick."""
    pack = get_pack(check_framework(framework))
    rule = pack.role_rule(role)
    return pack.facts_read(vocabulary(), rule) if rule else []


def facts_read(framework: str) -> list[str]:
    """Every fact a framework's rules test, in vocabulary order."""
    return get_pack(check_framework(framework)).facts_read(vocabulary())


def countries() -> list[str]:
    """The countries rules/referrals.yaml lists services for (ISO 3166-1 alpha-2)."""
    return directory().countries()


def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> English short name (rules/countries/)."""
    return country_book().countries


def emergency(country: Optional[str]) -> Referral:
    """What to call in immediate danger: the first referral for a country (its emergency number,
    or, where our sources confirm none, the advice to call the local one)."""
    return referrals_for(country)[0]


def what_if(scenario: Union[Scenario, dict], framework: Optional[str] = None) -> WhatIf:
    """What would change it: the answers that, changed, change an element or the outcome,
    found by evaluating again with each (elements.whatif)."""
    if not isinstance(scenario, Scenario):
        scenario = validate_scenario(scenario)
    fw = compiled(framework or default_framework())
    return _what_if(fw.pack, fw.evaluate, fw.conclusions, scenario, facts_read(fw.pack.framework), vocabulary())


# What the views render with. The app (and any other front end) imports these from here, never
# from the modules that make them; each is loaded on first use, so the CLI does not pay for them.
_FOR_VIEWS = {
    # whole modules of words: every sentence a person reads (plain), and which questions can
    # still change an element, and why each is asked (interview)
    "plain": ("plain", None), "interview": ("interview", None),
    # the report's pieces: Markdown and the rows the app draws
    "render_markdown": "report", "Piece": "report", "question_for": "report", "referral_markdown": "report",
    "row_markdown": "report", "age_words": "report",
    # Markdown escaping for text the app did not write
    "markdown_escape": ("markdown", "escape"), "markdown_escape_lines": ("markdown", "escape_lines"),
    # the diagram of the rules that fired
    "justification_dot": "explain",
    # a saved analysis (the JSON export)
    "dump": "saved",
    # what would change it
    "AGE": "whatif", "Change": "whatif", "apply": "whatif",
    # phrases in a narrative proposed as facts
    "highlight": "highlight", "marks": "highlight", "age_candidates": "highlight", "propose_age": "highlight",
    "proposed_facts": "highlight",
    # the exercise's grading
    "MARK_WORDS": "exercise", "MARKS": "exercise", "TRAINEE_MAX": "exercise", "ElementAnswer": "exercise",
    "Feedback": "exercise", "fact_choices": "exercise", "grade": "exercise", "record": "exercise",
    "summarize": "exercise", "to_csv": "exercise",
    # a trainer's own scenarios: written in the editor (authoring), read from uploads (scenario_set)
    "build_scenario": "authoring", "complete": "authoring", "to_yaml": "authoring", "editable": "authoring",
    "expected_differences": "authoring", "ExpectedDifference": "authoring",
    "scenario_file_name": ("authoring", "file_name"), "read_uploads": "scenario_set", "SetRefused": "scenario_set",
}


def __getattr__(name: str) -> Any:
    home = _FOR_VIEWS.get(name)
    if home is None:
        raise AttributeError(f"module 'elements.api' has no attribute {name!r}")
    module, attribute = home if isinstance(home, tuple) else (home, name)
    from importlib import import_module

    value = import_module(f"elements.{module}")
    if attribute is not None:
        value = getattr(value, attribute)
    globals()[name] = value
    return value


__all__ = [
    "COLUMNS",
    "MAX_SCENARIO_BYTES",
    "InputError",
    "PackError",
    "check_framework",
    "comparison_table",
    "compiled",
    "countries",
    "country_names",
    "default_framework",
    "departures",
    "differences",
    "directory",
    "element_facts",
    "emergency",
    "evaluate",
    "evaluate_all",
    "evaluator",
    "facts_read",
    "framework_ids",
    "frameworks",
    "frameworks_reading",
    "get_pack",
    "load_scenario",
    "parse_scenario",
    "scenario_files",
    "scenario_from_json",
    "validate_scenario",
    "vocabulary",
    "what_if",
    "WhatIf",
    *_FOR_VIEWS,
]
