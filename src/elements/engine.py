"""The rule engine: a pack compiled into a durable-rules ruleset, and evaluate().

All of durable-rules lives behind this module. We drive its C engine
(durable_rules_engine, the module durable.engine itself wraps) with a small loop of our
own instead of durable.engine.Host, which is what makes an evaluation fast enough and
sidesteps several of its hazards. What we design around (each one reproduced here):
- It crashes the process when called from several threads at once, and Streamlit serves
  sessions from threads: every call goes through one process-wide lock.
- durable.engine.Host starts timer threads that call into the engine on their own: we
  never create a Host.
- A ruleset keeps at most 1,024 live sessions and leaks the rest: each evaluation gets a
  session id of its own, deleted in `finally`.
- A fact that matches no rule is refused ("not handled", code 1) and a fact asserted twice
  is refused as already observed (code 2); the Python layer turns both into exceptions.
  We read the codes: a conclusion no rule depends on is fine, and "observed" is how each
  conclusion is drawn once even when several branches of its rule match.
- Registering a ruleset name twice raises, and durable.engine's registration consumes the
  rule dicts: each compiled ruleset gets a fresh name, from JSON we keep.
- An exception inside a durable.engine action is swallowed into the session state: our
  loop runs no user code inside the engine, so nothing is swallowed.
- Deleting a session while an action is under way corrupts memory (a crash a few hundred
  evaluations later): an interrupted evaluation abandons its action before the delete.

How a scenario reaches the engine: as one fact, holding the lists of facts that are true,
false and unknown, and the age. Every rule of the pack, and every caveat, becomes one
durable-rules rule per branch of its condition (see conditions.py). When a rule fires we
record it in the trace and assert its conclusion as a fact of its own, which the rules
that depend on it match. The trace is the explanation.
"""
from __future__ import annotations

import itertools
import json
import threading
from typing import Callable
from dataclasses import dataclass

import durable_rules_engine as _dre

from .caveats import CaveatBook, caveat_book
from .errors import EngineError
from .conditions import ALL, Branch, Compiler, F, T, U, hoist
from .model import Caveat, Result, Scenario
from .packs import Pack, get_pack
from .vocabulary import Vocabulary, vocabulary
from .yamlfile import rules_dir

_LOCK = threading.RLock()
_SESSION_IDS = itertools.count(1)
_RULESET_IDS = itertools.count(1)
SENTINEL = "_"  # durable-rules' $iall is false on an empty list: every list carries this
NOT_HANDLED, OBSERVED = 1, 2


@dataclass(frozen=True)
class Firing:
    kind: str  # "rule" or "caveat"
    id: str
    value: str  # T / F / U
    branch: Branch


def _atom_condition(atom: tuple, code: dict[str, str]) -> dict:
    kind = atom[0]
    if kind == "age":
        _, test, years = atom
        if test == "under":
            return {"$and": [{"$gte": {"age": 0}}, {"$lt": {"age": years}}]}
        if test == "at_least":
            return {"$gte": {"age": years}}
        return {"age": -1}
    _, array, ids = atom
    ids = sorted(code[i] for i in ids)
    if kind == "some":
        # Several facts: one list test, so the rule fires once however many of them hold. It is
        # a full-match regular expression over the codes, never an `$or` inside `$iany`:
        # durable-rules 2.0.28 builds the node of an `$or` without setting its right-hand value
        # (rete.c, createForwardAlpha) and `$iany` then reads that uninitialised memory, refusing
        # the ruleset (error 102) whenever the leftover byte looks like an identifier. Codes are
        # letters and digits only, so the alternation needs no escaping.
        if len(ids) == 1:
            return {"$iany": {array: {"$i": ids[0]}}}
        return {"$iany": {array: {"$mt": {"$i": "|".join(ids)}}}}
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


def _patterns(branch: Branch, code: dict[str, str]) -> list[dict]:
    patterns: list[dict] = []
    if branch.atoms or not branch.nodes:
        tests = [{"kind": "scenario"}] + [_atom_condition(a, code) for a in sorted(branch.atoms, key=repr)]
        patterns.append({"m": tests[0] if len(tests) == 1 else {"$and": tests}})
    for index, (rule_id, values) in enumerate(branch.nodes):
        patterns.append({f"n{index}": _node_condition(rule_id, values)})
    return patterns


_CODE_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def _short_code(index: int) -> str:
    """0 -> 'a', 61 -> '9', 62 -> 'aa': the engine parses every list on every evaluation."""
    code = ""
    while True:
        index, digit = divmod(index, len(_CODE_CHARS))
        code = _CODE_CHARS[digit] + code
        if index == 0:
            return code
        index -= 1


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
        self.firings: dict[str, Firing] = {}  # durable-rules rule name -> what it concludes
        # Inside the engine a fact is a short code: the messages it parses stay small.
        self.code = {fact_id: _short_code(index) for index, fact_id in enumerate(vocab.ids)}

        rules = Compiler(pack, vocab.expand)
        # Parts of large tests, split off as rules of their own (conditions.hoist); they are
        # internal: findings.py folds them into the rule they came from.
        self.hidden: dict[str, object] = {}
        tests = {rule.id: hoist(rules, rule.id, rule.test, self.hidden) for rule in pack.rules}
        for node_id, test in {**self.hidden, **tests}.items():
            for value in (T, F, U):
                self._add("rule", node_id, value, rules.branches(test, frozenset({value})))
        self.rule_fact_ids = set(self.fact_ids)
        roles = {r.role: r.id for r in pack.rules if r.role}
        caveat_compiler = Compiler(pack, vocab.expand, resolve=roles.get)
        for caveat in caveats.caveats:
            self._add("caveat", caveat.id, T, caveat_compiler.branches(caveat.when, frozenset({T})))

        self._message_codes = [(fact_id, self.code[fact_id]) for fact_id in sorted(self.fact_ids)]
        # Conclusions that some rule matches; the others need not be asserted at all.
        self._depended_on = {rule_id for f in self.firings.values() for rule_id, _ in f.branch.nodes}
        # For findings.py: lookups it would otherwise repeat on every evaluation.
        self.rule_by_id = {rule.id: rule for rule in pack.rules}
        self.citation_of = {rule.id: pack.citation(rule) for rule in pack.rules}
        self.step_cache: dict[tuple, object] = {}  # findings.py: explanation steps by what they say
        self.says_age = {r.id for r in pack.rules if any("{age}" in t for t in (r.says.true, r.says.false, r.says.unknown))}
        self.role_id = {rule.role: rule.id for rule in pack.rules if rule.role}
        self.waiver_of = {rule.waives: rule for rule in pack.rules if rule.waives}
        self.group_facts: dict[str, set[str]] = {}
        for fact_id in self.rule_fact_ids:
            self.group_facts.setdefault(fact_id.split(".", 1)[0], set()).add(fact_id)
        self.caveat_models = [Caveat(id=c.id, text=c.text, sources=c.sources) for c in caveats.caveats]

        self.definition_text = json.dumps(self.definition, ensure_ascii=False)
        with _LOCK:
            try:
                self._handle = _dre.create_ruleset(self.name, self.definition_text)
            except _dre.error as exc:
                raise EngineError(
                    f"framework {pack.framework}", "",
                    f"the rule engine could not build its rules ({exc}); please report this",
                ) from None

    def _add(self, kind: str, node_id: str, value: str, branches: list[Branch]) -> None:
        self.branches[(node_id, value)] = branches
        for index, branch in enumerate(branches):
            rule_name = f"{kind}:{node_id}:{value}:{index}"
            self.definition[rule_name] = {"all": _patterns(branch, self.code)}
            self.firings[rule_name] = Firing(kind, node_id, value, branch.ordered())
            for atom in branch.atoms:
                if atom[0] in ("some", "none"):
                    self.fact_ids |= set(atom[2])

    def message(self, scenario: Scenario, sid: str) -> str:
        """The scenario as the one fact the engine sees: the codes of the facts that are
        true, false and unknown, and the age (-1: unknown). Built as JSON text directly,
        since it runs once per evaluation."""
        lists: dict[str, list[str]] = {T: [SENTINEL], F: [SENTINEL], U: [SENTINEL]}
        facts = scenario.facts
        for fact_id, code in self._message_codes:
            value = facts.get(fact_id)
            value = U if value is None else T if value else F
            lists[value].append(code)
        age = scenario.person.age
        arrays = ",".join(f'"{v}":["' + '","'.join(codes) + '"]' for v, codes in lists.items())
        return f'{{"sid":"{sid}","kind":"scenario",{arrays},"age":{-1 if age is None else age}}}'

    def run(self, scenario: Scenario) -> list[Firing]:
        """Assert the scenario in a session of its own; return the rules that fired, in order."""
        trace: list[Firing] = []
        with _LOCK:
            sid = str(next(_SESSION_IDS))
            state, matched = None, None
            try:
                code, state = _dre.assert_fact(self._handle, self.message(scenario, sid))
                if code == NOT_HANDLED:
                    raise RuntimeError(f"{self.name}: no rule matched the scenario")
                started = _dre.start_action_for_state(self._handle, state)
                matched = started[1] if started else None
                while matched:
                    # The match arrives as '{"<rule name>":{...facts...}}'; the name is all we need.
                    firing = self.firings[matched[2:matched.index('"', 2)]]
                    trace.append(firing)
                    if firing.id in self._depended_on and firing.kind == "rule":
                        conclusion = f'{{"sid":"{sid}","kind":"node","node":"{firing.id}","v":"{firing.value}"}}'
                        # OBSERVED (code 2) means another branch drew it already: drawn once.
                        _dre.assert_fact(self._handle, conclusion)
                    matched = _dre.complete_and_start_action(self._handle, state)
            finally:
                if matched and state is not None:
                    # Interrupted mid-action: deleting a session with an action under way
                    # corrupts durable-rules' memory, so hand the action back first.
                    _dre.abandon_action(self._handle, state)
                _dre.delete_state(self._handle, sid)
        return trace


_COMPILED: dict[tuple[str, str], CompiledPack] = {}


def compiled(framework: str) -> CompiledPack:
    """The compiled ruleset for a framework: compiled once per process and rules folder
    (a changed pack needs a restart, as a changed program would)."""
    key = (str(rules_dir()), framework)
    found = _COMPILED.get(key)
    if found is None:
        with _LOCK:
            found = _COMPILED.get(key)
            if found is None:
                found = _COMPILED[key] = CompiledPack(get_pack(framework), caveat_book(), vocabulary())
    return found


def ruleset_definition(framework: str) -> str:
    """The JSON text registered with durable-rules for a framework (for structural tests)."""
    return compiled(framework).definition_text


def evaluator(framework: str) -> Callable[[Scenario], Result]:
    """A function that evaluates validated scenarios under one framework."""
    from .findings import build_result  # findings reads the trace; it needs no durable-rules

    ruleset = compiled(framework)
    return lambda scenario: build_result(ruleset, scenario, ruleset.run(scenario))

