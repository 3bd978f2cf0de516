"""Rule coverage: for every pack, which scenario exercises each rule with each value it can take
(true, false, unknown), and each caveat the pack can raise.

A rule value the compiled program cannot produce (a waiver that always holds is never false; a
`could_count` test is never true) is not counted: no scenario could exercise it. Everything
else should be exercised by some scenario of the library or some case of the legal tests, so
that a change to any rule shows up in a test. `make coverage` prints the report; a test fails
below 100%.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .api import compiled, evaluator
from .conditions import WORD
from .model import Scenario
from .packs import framework_ids

VALUES = ("true", "false", "unknown")


@dataclass
class Coverage:
    framework: str
    # (rule id, value) -> the names of the scenarios that produced it; an empty list is a gap
    rules: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    caveats: dict[str, list[str]] = field(default_factory=dict)

    @property
    def items(self) -> int:
        return len(self.rules) + len(self.caveats)

    @property
    def covered(self) -> int:
        return sum(1 for names in (*self.rules.values(), *self.caveats.values()) if names)

    def gaps(self) -> list[str]:
        out = [f"{rule} = {value}" for (rule, value), names in self.rules.items() if not names]
        return out + [f"caveat {cid}" for cid, names in self.caveats.items() if not names]


def _possible_values(program) -> dict[str, set[str]]:
    """The values each rule can take: a value is possible when one of its branches asks of every
    rule it depends on a value that rule can take (a waiver that always holds is never unknown,
    so nothing that needs it unknown can fire). Computed up from the rules that test only facts."""
    possible: dict[str, set[str]] = {}
    changed = True
    while changed:
        changed = False
        for (rule_id, value), branches in program.rules.items():
            if value in possible.get(rule_id, ()):
                continue
            if any(all(values & possible.get(dep, set()) for dep, values in b.nodes) for b in branches):
                possible.setdefault(rule_id, set()).add(value)
                changed = True
    return possible


def reachable(framework: str) -> Coverage:
    """Every rule value and caveat of a framework that some scenario could produce."""
    program = compiled(framework).program
    possible = _possible_values(program)
    cov = Coverage(framework)
    for (rule_id, value) in program.rules:
        if value in possible.get(rule_id, ()) and rule_id not in program.hidden:
            cov.rules[(f"{framework}.{rule_id}", WORD[value])] = []
    for caveat_id, branches in program.caveats.items():
        if any(all(values & possible.get(dep, set()) for dep, values in b.nodes) for b in branches):
            cov.caveats[caveat_id] = []
    return cov


def measure(named: Iterable[tuple[str, Scenario]], frameworks: list[str] | None = None) -> list[Coverage]:
    """Evaluate every named scenario under every framework and record what each exercised."""
    named = list(named)
    out = []
    for fw in frameworks or framework_ids():
        cov = reachable(fw)
        run = evaluator(fw)
        for name, scenario in named:
            result = run(scenario)
            for step in result.explanation:
                key = (step.rule, step.value)
                if key in cov.rules:
                    cov.rules[key].append(name)
            for caveat in result.caveats:
                if caveat.id in cov.caveats:
                    cov.caveats[caveat.id].append(name)
        out.append(cov)
    return out


def report(coverages: list[Coverage]) -> str:
    """The coverage in words: a line per framework, then every gap, then each item's first
    exercising scenario."""
    lines = ["Rule coverage: every rule x value (true / false / unknown) a pack can produce, and every caveat it can raise.", ""]
    total = sum(c.items for c in coverages)
    covered = sum(c.covered for c in coverages)
    for cov in coverages:
        lines.append(f"  {cov.framework:<8} {cov.covered:>4} of {cov.items:<4} ({100 * cov.covered / cov.items:5.1f}%)")
    lines += ["", f"  all      {covered:>4} of {total:<4} ({100 * covered / total:5.1f}%)", ""]
    gaps = [f"  {cov.framework}: {gap}" for cov in coverages for gap in cov.gaps()]
    lines += ["Not exercised:" if gaps else "Not exercised: nothing."] + gaps + [""]
    for cov in coverages:
        lines.append(f"{cov.framework}:")
        for (rule, value), names in cov.rules.items():
            lines.append(f"  {rule} = {value}: {names[0] if names else '-'}{f' (+{len(names) - 1})' if len(names) > 1 else ''}")
        for cid, names in cov.caveats.items():
            lines.append(f"  caveat {cid}: {names[0] if names else '-'}{f' (+{len(names) - 1})' if len(names) > 1 else ''}")
    return "\n".join(lines) + "\n"


__all__ = ["Coverage", "measure", "reachable", "report"]

