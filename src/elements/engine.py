"""The rule engine: a pack compiled into a durable-rules ruleset, and evaluate().

All of durable-rules lives behind this module. What we design around (each one reproduced):
- It crashes the process when called from several threads at once, and Streamlit serves
  sessions from threads: every call goes through one process-wide lock.
- Its Host starts timer threads that call into the engine on their own: our Host has none.
- A ruleset keeps at most 1,024 live sessions and leaks the rest: each evaluation gets a
  session id of its own, deleted in `finally`.
- A fact that matches no rule raises MessageNotHandledException; asserting a fact twice
  raises MessageObservedException (we use that to draw each conclusion once).
- Registering a ruleset name twice raises, and registration consumes the rule dicts:
  each compiled ruleset gets a fresh name and a deep copy.
- An exception inside an action is swallowed into the session state: our actions catch
  their own and the evaluation re-raises it.

How a scenario reaches the engine: as one fact, holding the lists of facts that are true,
false and unknown, and the age. Every rule of the pack, and every caveat, becomes one
durable-rules rule per branch of its condition (see conditions.py). When a rule fires it
records itself in the trace and asserts its conclusion as a fact of its own, which the
rules that depend on it match. The trace is the explanation.
"""
from __future__ import annotations

import copy
import itertools
import threading
from dataclasses import dataclass, field
from typing import Any, Optional

from durable import engine as durable_engine

from .caveats import CaveatBook, caveat_book
from .conditions import ALL, Branch, Compiler, F, T, U
from .model import Result, Scenario
from .packs import Pack, get_pack
from .vocabulary import Vocabulary, vocabulary

_LOCK = threading.RLock()
_SESSION_IDS = itertools.count(1)
_RULESET_IDS = itertools.count(1)
SENTINEL = "_"  # durable-rules' $iall is false on an empty list: every list carries this


class _QuietHost(durable_engine.Host):
    """A durable-rules Host without the background dispatch threads."""

    def _run(self) -> None:  # noqa: D401 - overriding the thread starter
        return None


_HOST = _QuietHost()


@dataclass(frozen=True)
class Firing:
    kind: str  # "rule" or "caveat"
    id: str
    value: str  # T / F / U
    branch: Branch


@dataclass
class _Trace:
    firings: list[Firing] = field(default_factory=list)
    error: Optional[BaseException] = None


_current = threading.local()


def _atom_condition(atom: tuple) -> dict:
    kind = atom[0]
    if kind == "age":
        _, test, years = atom
        if test == "under":
            return {"$and": [{"$gte": {"age": 0}}, {"$lt": {"age": years}}]}
        if test == "at_least":
            return {"$gte": {"age": years}}
        return {"age": -1}
    _, array, ids = atom
    ids = sorted(ids)
    if kind == "some":
        inner = [{"$i": i} for i in ids]
        return {"$iany": {array: inner[0] if len(inner) == 1 else {"$or": inner}}}
    inner = [{"$neq": {"$i": i}} for i in ids]
    return {"$iall": {array: inner[0] if len(inner) == 1 else {"$and": inner}}}


def _node_condition(rule_id: str, values: frozenset) -> dict:
    tests: list[dict] = [{"kind": "node"}, {"node": rule_id}]
    if len(values) == 1:
        tests.append({"v": next(iter(values))})
    elif len(values) == 2:
        (missing,) = ALL - values
        tests.append({"$neq": {"v": missing}})
    return {"$and": tests}


def _patterns(branch: Branch) -> list[dict]:
    patterns: list[dict] = []
    if branch.atoms or not branch.nodes:
        tests = [{"kind": "scenario"}] + [_atom_condition(a) for a in sorted(branch.atoms, key=repr)]
        patterns.append({"m": tests[0] if len(tests) == 1 else {"$and": tests}})
    for index, (rule_id, values) in enumerate(branch.nodes):
        patterns.append({f"n{index}": _node_condition(rule_id, values)})
    return patterns


def _action(firing: Firing):
    def run(c: Any) -> None:
        trace: _Trace = _current.trace
        try:
            trace.firings.append(firing)
            if firing.kind == "rule":
                try:
                    c.assert_fact({"kind": "node", "node": firing.id, "v": firing.value})
                except durable_engine.MessageObservedException:
                    pass  # another branch of the same rule drew this conclusion already
                except durable_engine.MessageNotHandledException:
                    pass  # no rule depends on this conclusion
        except BaseException as exc:  # durable-rules would swallow it
            trace.error = exc

    return run


class CompiledPack:
    """One pack (with the caveats) registered as one durable-rules ruleset."""

    def __init__(self, pack: Pack, caveats: CaveatBook, vocab: Vocabulary):
        self.pack = pack
        self.caveats = caveats
        self.vocab = vocab
        self.name = f"elements_{pack.framework}_{next(_RULESET_IDS)}"
        self.definition: dict[str, dict] = {}
        self.branches: dict[tuple[str, str], list[Branch]] = {}
        self.fact_ids: set[str] = set()  # every fact a rule or caveat tests
        self.rule_fact_ids: set[str] = set()  # the facts the pack's own rules test
        actions: dict[str, Any] = {}

        rules = Compiler(pack, vocab.expand)
        for rule in pack.rules:
            for value in (T, F, U):
                self._add("rule", rule.id, value, rules.branches(rule.test, frozenset({value})), actions)
        self.rule_fact_ids = set(self.fact_ids)
        roles = {r.role: r.id for r in pack.rules if r.role}
        caveat_compiler = Compiler(pack, vocab.expand, resolve=roles.get)
        for caveat in caveats.caveats:
            self._add("caveat", caveat.id, T, caveat_compiler.branches(caveat.when, frozenset({T})), actions)

        definition = copy.deepcopy(self.definition)  # registration consumes the dicts
        for name, action in actions.items():
            definition[name]["run"] = action
        with _LOCK:
            _HOST.register_rulesets({self.name: definition})

    def _add(self, kind: str, node_id: str, value: str, branches: list[Branch], actions: dict) -> None:
        self.branches[(node_id, value)] = branches
        for index, branch in enumerate(branches):
            rule_name = f"{kind}:{node_id}:{value}:{index}"
            self.definition[rule_name] = {"all": _patterns(branch)}
            actions[rule_name] = _action(Firing(kind, node_id, value, branch))
            for atom in branch.atoms:
                if atom[0] in ("some", "none"):
                    self.fact_ids |= set(atom[2])

    def message(self, scenario: Scenario, sid: str) -> dict:
        lists: dict[str, list[str]] = {T: [SENTINEL], F: [SENTINEL], U: [SENTINEL]}
        for fact_id in sorted(self.fact_ids):
            value = scenario.facts.get(fact_id)
            lists[U if value is None else T if value else F].append(fact_id)
        age = scenario.person.age
        return {"sid": sid, "kind": "scenario", **lists, "age": -1 if age is None else age}

    def run(self, scenario: Scenario) -> list[Firing]:
        """Assert the scenario in a session of its own; return the rules that fired, in order."""
        with _LOCK:
            sid = str(next(_SESSION_IDS))
            trace = _Trace()
            _current.trace = trace
            try:
                _HOST.assert_fact(self.name, self.message(scenario, sid))
            finally:
                _current.trace = None
                try:
                    _HOST.delete_state(self.name, sid)
                except Exception:  # noqa: BLE001 - a session that never started
                    pass
        if trace.error is not None:
            raise RuntimeError(f"rule action failed in {self.name}") from trace.error
        return trace.firings


_COMPILED: dict[tuple, CompiledPack] = {}


def compiled(framework: str) -> CompiledPack:
    """The compiled ruleset for a framework: compiled once per process (per pack version)."""
    pack = get_pack(framework)
    book = caveat_book()
    vocab = vocabulary()
    key = (id(pack), id(book), id(vocab))
    with _LOCK:
        if key not in _COMPILED:
            _COMPILED[key] = CompiledPack(pack, book, vocab)
        return _COMPILED[key]


def evaluate(scenario: Scenario, framework: str = "palermo") -> Result:
    """Evaluate one validated scenario under one framework."""
    from .findings import build_result  # findings reads the trace; it needs no durable-rules

    ruleset = compiled(framework)
    return build_result(ruleset, scenario, ruleset.run(scenario))
