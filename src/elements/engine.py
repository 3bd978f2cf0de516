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
  the ruleset at random (error 102): we emit neither; a fact test is a full-match regular
  expression over one string of values.

How a scenario reaches the engine: as one fact, holding the values of the facts the rules test
as one string (a letter T, F or U per fact) and the age. Every branch of the program is one durable-rules rule. When
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
NOT_HANDLED, OBSERVED = 1, 2


def _runs(pattern: list[str]) -> str:
    """['.', '.', '[TU]', '.'] -> '.{2}[TU].': runs of "any value" written as one interval."""
    out, dots = [], 0
    for part in pattern + ["$"]:
        if part == ".":
            dots += 1
            continue
        while dots:  # durable-rules refuses an interval over 100 (regex.c, MAX_INTERVAL)
            run = min(dots, 100)
            out.append("." if run == 1 else f".{{{run}}}")
            dots -= run
        if part != "$":
            out.append(part)
    return "".join(out)


def _atom_condition(atom, place: dict[str, int]) -> dict:
    """One atom as a test on the scenario fact. The facts' values are one string, "s", a letter
    (T, F or U) per fact at the fact's place, so every fact test is one full-match regular
    expression over that string: "some of these is T" is "T at one of these places", "none of
    these is F" is "T or U at each of these places". A string test costs the engine one pass
    of a compiled automaton over a few dozen letters; a test over lists (`$iany`) costs it a
    parse of every item, and an `$or` inside `$iany` made it read memory it never wrote
    (rete.c, createForwardAlpha: error 102 at random)."""
    if isinstance(atom, AgeTest):
        if atom.test == "under":
            return {"$and": [{"$gte": {"age": 0}}, {"$lt": {"age": atom.years}}]}
        if atom.test == "at_least":
            return {"$gte": {"age": atom.years}}
        return {"age": -1}
    places = sorted(place[i] for i in atom.ids)
    if atom.quantifier == "some":
        one_of = [_runs(["."] * p + [atom.value]) for p in places]
        regex = one_of[0] if len(one_of) == 1 else "(" + "|".join(one_of) + ")"
    else:
        others = "[" + "".join(v for v in (T, F, U) if v != atom.value) + "]"
        pattern = ["."] * (places[-1] + 1)
        for p in places:
            pattern[p] = others
        regex = _runs(pattern)
    return {"$mt": {"s": regex + ".*"}}


def _node_condition(rule_id: str, values: frozenset) -> dict:
    tests: list[dict] = [{"kind": "node"}, {"node": rule_id}]
    if len(values) == 1:
        tests.append({"v": next(iter(values))})
    elif len(values) == 2:
        (missing,) = ALL - values
        tests.append({"$neq": {"v": missing}})
    return {"$and": tests}


def _patterns(branch: Branch, place: dict[str, int], shard: int) -> list[dict]:
    patterns: list[dict] = []
    if branch.atoms or not branch.nodes:
        tests = [{"kind": "scenario"}, {"p": shard}] + [_atom_condition(a, place) for a in branch.sorted_atoms()]
        patterns.append({"m": {"$and": tests}})
    for index, (rule_id, values) in enumerate(branch.nodes):
        patterns.append({f"n{index}": _node_condition(rule_id, values)})
    return patterns


# durable-rules walks the nodes a fact matches with a fixed stack of 64 (error 303 past it, and
# memory it must not be trusted with after). Two rules share a node only where their tests are
# the same, so a scenario that matches the first fact test of more than 64 rules at once
# overflows it: the US pack has 87 such rules. The scenario is therefore asserted once per shard
# of at most SHARD rules, each copy marked with its shard number, and each rule tests that number
# first (an equality test, shared): no copy can match more than SHARD fact tests at one level.
SHARD = 40


class Ruleset:
    """One compiled pack (with the caveats) registered as one durable-rules ruleset."""

    def __init__(self, program: Program, fact_order: list[str]):
        self.framework = program.framework
        self.name = f"elements_{program.framework}_{next(_RULESET_IDS)}"
        # The one session, reused (see run). A session id need only be unique in its ruleset, and
        # a short one keeps every message the engine parses short.
        self._sid = str(next(_SESSION_IDS))
        # The state of an evaluation under way, until it has ended cleanly: if it is still set
        # when the next one starts, that one was cut short even in its own cleanup (an interrupt
        # can land there too), and its session is dropped before anything else is asserted.
        self._unfinished: Optional[tuple] = None
        # Inside the engine a fact is a place in one string of values (see _atom_condition):
        # the facts some branch tests, in vocabulary order.
        tested = program.fact_ids()
        self._tested = [fact_id for fact_id in fact_order if fact_id in tested]
        place = {fact_id: index for index, fact_id in enumerate(self._tested)}
        definition: dict[str, dict] = {}
        self._firings: dict[str, Firing] = {}  # durable-rules rule name -> what it concludes
        on_scenario = 0  # the rules whose first pattern is on the scenario, so far
        for number, firing in enumerate(program.firings()):
            rule_name = f"{firing.kind}:{firing.id}:{firing.value}:{number}"
            shard = on_scenario // SHARD
            on_scenario += bool(firing.branch.atoms or not firing.branch.nodes)
            definition[rule_name] = {"all": _patterns(firing.branch, place, shard)}
            self._firings[rule_name] = firing
        self._shards = max(1, -(-on_scenario // SHARD))
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
        "p"): the values of the facts the rules test as one string, a letter per fact (T
        true, F false, U unknown), and the age (-1: unknown). Built as JSON text directly,
        since it runs once per evaluation."""
        facts = scenario.facts
        values = "".join(U if (v := facts.get(fact_id)) is None else T if v else F for fact_id in self._tested)
        age = scenario.person.age
        return f'{{"sid":"{sid}","kind":"scenario","p":%d,"s":"{values}","age":{-1 if age is None else age}}}'

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
            drawn: set[str] = set()
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
                    # A conclusion is drawn once, however many branches of its rule match: a
                    # second assert would only be refused as observed (code 2).
                    if firing.kind == "rule" and firing.id in self._depended_on and firing.id not in drawn:
                        drawn.add(firing.id)
                        conclusion = f'{{"sid":"{sid}","kind":"node","node":"{firing.id}","v":"{firing.value}"}}'
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
            self._sid = str(next(_SESSION_IDS))
        self._unfinished = None
