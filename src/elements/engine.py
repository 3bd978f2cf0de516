"""The rule engine: a compiled pack (conditions.Program) registered as a durable-rules ruleset,
and run() on a scenario, which returns the trace of what fired. Reading the trace into a
result is findings.py's work; nothing here knows what a result looks like.

All of durable-rules lives behind this module. We drive its C engine (durable_rules_engine,
the module durable.engine itself wraps) with a small loop of our own instead of
durable.engine.Host, which is what makes an evaluation fast enough and sidesteps several of
its hazards. What we design around (each one reproduced in the tests):
- It crashes the process when called from several threads at once, and Streamlit serves
  sessions from threads: every call goes through one process-wide lock.
- durable.engine.Host starts timer threads that call into the engine on their own: we
  never create a Host.
- A ruleset keeps at most 1,024 live sessions and leaks the rest; creating one clears kilobytes
  of memory per rule node, more than an evaluation costs: each ruleset keeps one session, and
  each evaluation retracts what it asserted (a failed one deletes the session instead).
- A fact that matches no rule is refused ("not handled", code 1) and a fact asserted twice
  is refused as already observed (code 2); the Python layer turns both into exceptions.
  We read the codes: a conclusion no rule depends on is fine, and "observed" is how each
  conclusion is drawn once even when several branches of its rule match.
- Registering a ruleset name twice raises: each ruleset gets a fresh name.
- An exception inside a durable.engine action is swallowed into the session state: our
  loop runs no user code inside the engine, so nothing is swallowed.
- Deleting a session while an action is under way corrupts memory (a crash a few hundred
  evaluations later): an interrupted evaluation abandons its action before the delete.
- An `$or` directly inside `$iany` / `$iall` makes it read memory it never wrote and refuse
  the ruleset at random (error 102): a list test is a full-match regular expression instead.

How a scenario reaches the engine: as one fact, holding the lists of facts that are true,
false and unknown, and the age. Every branch of the program is one durable-rules rule. When
a rule fires we record it in the trace and, where another rule depends on it, assert its
conclusion as a fact of its own for that rule to match.
"""
from __future__ import annotations

import itertools
import json
import threading
from typing import Optional

import durable_rules_engine as _dre

from .conditions import ALL, AgeTest, Branch, F, Firing, Program, T, U
from .errors import EngineError
from .model import Scenario

_LOCK = threading.RLock()
_SESSION_IDS = itertools.count(1)
_RULESET_IDS = itertools.count(1)
SENTINEL = "_"  # durable-rules' $iall is false on an empty list: every list carries this
NOT_HANDLED, OBSERVED = 1, 2


def _atom_condition(atom, code: dict[str, str]) -> dict:
    if isinstance(atom, AgeTest):
        if atom.test == "under":
            return {"$and": [{"$gte": {"age": 0}}, {"$lt": {"age": atom.years}}]}
        if atom.test == "at_least":
            return {"$gte": {"age": atom.years}}
        return {"age": -1}
    ids = sorted(code[i] for i in atom.ids)
    if atom.quantifier == "some":
        # Several facts: one list test, so the rule fires once however many of them hold. It is
        # a full-match regular expression over the codes, never an `$or` inside `$iany`:
        # durable-rules 2.0.28 builds the node of an `$or` without setting its right-hand value
        # (rete.c, createForwardAlpha) and `$iany` then reads that uninitialised memory, refusing
        # the ruleset (error 102) whenever the leftover byte looks like an identifier. Codes are
        # letters and digits only, so the alternation needs no escaping.
        if len(ids) == 1:
            return {"$iany": {atom.value: {"$i": ids[0]}}}
        return {"$iany": {atom.value: {"$mt": {"$i": "|".join(ids)}}}}
    # `$and` inside `$iall` is safe: its node is the last comparison, whose value is set.
    inner = [{"$neq": {"$i": i}} for i in ids]
    return {"$iall": {atom.value: inner[0] if len(inner) == 1 else {"$and": inner}}}


def _node_condition(rule_id: str, values: frozenset) -> dict:
    tests: list[dict] = [{"kind": "node"}, {"node": rule_id}]
    if len(values) == 1:
        tests.append({"v": next(iter(values))})
    elif len(values) == 2:
        (missing,) = ALL - values
        tests.append({"$neq": {"v": missing}})
    return {"$and": tests}


def _patterns(branch: Branch, code: dict[str, str], shard: int) -> list[dict]:
    patterns: list[dict] = []
    if branch.atoms or not branch.nodes:
        tests = [{"kind": "scenario"}, {"p": shard}] + [_atom_condition(a, code) for a in branch.sorted_atoms()]
        patterns.append({"m": {"$and": tests}})
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


# durable-rules walks the nodes a fact matches with a fixed stack of 64 (error 303 past it, and
# memory it must not be trusted with after). Nodes that test a list (`$iany`, `$iall`) are never
# shared between rules, so a scenario that matches the first test of more than 64 rules at once
# overflows it: the US pack has 87 such rules. The scenario is therefore asserted once per shard
# of at most SHARD rules, each copy marked with its shard number, and each rule tests that number
# first (an equality test, shared): no copy can match more than SHARD list tests at one level.
SHARD = 40


class Ruleset:
    """One compiled pack (with the caveats) registered as one durable-rules ruleset."""

    def __init__(self, program: Program, fact_order: list[str]):
        self.framework = program.framework
        self.name = f"elements_{program.framework}_{next(_RULESET_IDS)}"
        self._sid = f"{self.name}:{next(_SESSION_IDS)}"  # the one session, reused (see run)
        # The state of an evaluation under way, until it has ended cleanly: if it is still set
        # when the next one starts, that one was cut short even in its own cleanup (an interrupt
        # can land there too), and its session is dropped before anything else is asserted.
        self._unfinished: Optional[tuple] = None
        # Inside the engine a fact is a short code: the messages it parses stay small.
        code = {fact_id: _short_code(index) for index, fact_id in enumerate(fact_order)}
        definition: dict[str, dict] = {}
        self._firings: dict[str, Firing] = {}  # durable-rules rule name -> what it concludes
        on_scenario = 0  # the rules whose first pattern is on the scenario, so far
        for number, firing in enumerate(program.firings()):
            rule_name = f"{firing.kind}:{firing.id}:{firing.value}:{number}"
            shard = on_scenario // SHARD
            on_scenario += bool(firing.branch.atoms or not firing.branch.nodes)
            definition[rule_name] = {"all": _patterns(firing.branch, code, shard)}
            self._firings[rule_name] = firing
        self._shards = max(1, -(-on_scenario // SHARD))
        tested = program.fact_ids()
        self._message_codes = [(fact_id, code[fact_id]) for fact_id in fact_order if fact_id in tested]
        # Conclusions that some rule matches; the others need not be asserted at all.
        self._depended_on = {rule_id for f in self._firings.values() for rule_id, _ in f.branch.nodes}
        self.definition_text = json.dumps(definition, ensure_ascii=False)
        with _LOCK:
            try:
                self._handle = _dre.create_ruleset(self.name, self.definition_text)
            except _dre.error as exc:
                raise EngineError(
                    f"framework {program.framework}", "",
                    f"the rule engine could not build its rules ({exc}); please report this",
                ) from None

    def message(self, scenario: Scenario, sid: str) -> str:
        """The scenario as the fact the engine sees (one copy per shard, with its number in
        "p"): the codes of the facts that are true, false and unknown, and the age (-1:
        unknown). Built as JSON text directly, since it runs once per evaluation."""
        lists: dict[str, list[str]] = {T: [SENTINEL], F: [SENTINEL], U: [SENTINEL]}
        facts = scenario.facts
        for fact_id, code in self._message_codes:
            value = facts.get(fact_id)
            lists[U if value is None else T if value else F].append(code)
        age = scenario.person.age
        arrays = ",".join(f'"{v}":["' + '","'.join(codes) + '"]' for v, codes in lists.items())
        return f'{{"sid":"{sid}","kind":"scenario","p":%d,{arrays},"age":{-1 if age is None else age}}}'

    def run(self, scenario: Scenario) -> list[Firing]:
        """Assert the scenario; return the rules that fired, in order.

        Every evaluation runs in the ruleset's one session and leaves it empty: what it asserted
        is retracted at the end. Creating a session costs durable-rules more than the whole
        evaluation (it clears several kilobytes per rule node), so the session is reused; any
        evaluation that does not end cleanly deletes it instead, and the next starts afresh."""
        trace: list[Firing] = []
        with _LOCK:
            if self._unfinished is not None:
                self._drop(*self._unfinished)
            sid = self._sid
            self._unfinished = (sid, None)
            template = self.message(scenario, sid)
            asserted: list[str] = []
            matched, clean, state = None, False, None
            try:
                for shard in range(self._shards):
                    copy = template % shard  # the only "%" in the text is the shard's place
                    code, offset = _dre.assert_fact(self._handle, copy)
                    if code != NOT_HANDLED:  # a copy that no rule takes is not kept
                        asserted.append(copy)
                        state = offset
                        self._unfinished = (sid, state)
                if not asserted:  # nothing was asserted: the session is as it was
                    clean = True
                    raise EngineError(f"framework {self.framework}", "", "no rule matched the scenario; please report this")
                started = _dre.start_action_for_state(self._handle, state)
                matched = started[1] if started else None
                while matched:
                    # The match arrives as '{"<rule name>":{...facts...}}'; the name is all we need.
                    firing = self._firings[matched[2:matched.index('"', 2)]]
                    trace.append(firing)
                    if firing.kind == "rule" and firing.id in self._depended_on:
                        conclusion = f'{{"sid":"{sid}","kind":"node","node":"{firing.id}","v":"{firing.value}"}}'
                        # OBSERVED (code 2) means another branch drew it already: drawn once.
                        if _dre.assert_fact(self._handle, conclusion)[0] != OBSERVED:
                            asserted.append(conclusion)
                    matched = _dre.complete_and_start_action(self._handle, state)
                _dre.retract_facts(self._handle, "[" + ",".join(asserted) + "]")
                leftover = _dre.start_action_for_state(self._handle, state)
                clean = not (leftover and leftover[1])
                matched = leftover[1] if leftover else None
            except _dre.error as exc:  # refused mid-evaluation: one line for the person, never a traceback
                raise EngineError(f"framework {self.framework}", "",
                                  f"the rule engine could not evaluate the scenario ({exc}); please report this") from None
            finally:
                if not clean:
                    self._drop(sid, state)
            self._unfinished = None
        return trace

    def _drop(self, sid: str, state) -> None:
        """Delete a session an evaluation left unfinished, and start the next in a new one.
        Each step marks that it is done, so if this is cut short in turn, the next run goes on
        from there (and never hands back an action or deletes a session twice)."""
        self._unfinished = (sid, state)
        if state is not None:
            # Interrupted, perhaps mid-action (an interrupt can land between the engine's call
            # and our reading of its answer): deleting a session with an action under way
            # corrupts durable-rules' memory, so hand back any action first (harmless when
            # there is none).
            _dre.abandon_action(self._handle, state)
            self._unfinished = (sid, None)
        if self._sid == sid:
            try:
                _dre.delete_state(self._handle, sid)
            except _dre.error:  # none to delete (error 309): it was never made, or is gone already
                pass
            self._sid = f"{self.name}:{next(_SESSION_IDS)}"
        self._unfinished = None
