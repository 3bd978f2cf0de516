"""How well narrative highlighting proposes the facts a scenario states.

For every scenario in rules/scenarios/, the phrases in its narrative are highlighted and the
proposed facts (negated phrases left out) are compared with the facts the scenario states as
true. A proposed fact the scenario does not state as true counts as a false positive, whether the
scenario says false or leaves it unknown; a true fact with no proposal is a false negative.

    .venv/bin/python benchmarks/bench_highlight.py            # the numbers
    .venv/bin/python benchmarks/bench_highlight.py --facts    # per fact as well
    .venv/bin/python benchmarks/bench_highlight.py --errors dev   # misses and false alarms, dev half

The library's narratives and the lexicon were written by the same team, so these are not
numbers for unseen text. To keep them honest the scenarios are split in two by a hash of their id:
tune the lexicon on "dev" only, and read "test" as the closer estimate.
"""
from __future__ import annotations

import argparse
import sys
import time
import zlib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from elements import load_scenario  # noqa: E402
from elements.highlight import highlight, propose_age, proposed_facts  # noqa: E402


def split_of(scenario_id: str) -> str:
    return "dev" if zlib.crc32(scenario_id.encode()) % 2 == 0 else "test"


def kind_of(tags: list[str]) -> str:
    for kind in ("meets_definition", "contrast", "open", "buyer"):
        if kind in tags:
            return kind
    return "other"


def group_of(fact_id: str) -> str:
    prefix = fact_id.split(".")[0]
    return "context" if prefix in ("consent", "movement") else prefix


class Tally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, proposed: set[str], gold: set[str]) -> None:
        self.tp += len(proposed & gold)
        self.fp += len(proposed - gold)
        self.fn += len(gold - proposed)

    def scores(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def row(self, name: str) -> str:
        p, r, f = self.scores()
        return f"{name:<28} {p:>9.3f} {r:>7.3f} {f:>7.3f} {self.tp:>5} {self.fp:>5} {self.fn:>5}"


HEADER = f"{'':<28} {'precision':>9} {'recall':>7} {'F1':>7} {'TP':>5} {'FP':>5} {'FN':>5}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--facts", action="store_true", help="also print the scores of each fact")
    parser.add_argument("--errors", choices=["dev", "test", "all"], help="list misses and false alarms")
    parser.add_argument("--scenarios", type=Path, default=ROOT / "rules" / "scenarios")
    args = parser.parse_args(argv)

    paths = sorted(args.scenarios.glob("*.yaml"))
    if not paths:
        print(f"no scenarios in {args.scenarios}", file=sys.stderr)
        return 2
    overall = Tally()
    by: dict[str, Tally] = defaultdict(Tally)
    facts_seen: dict[str, Tally] = defaultdict(Tally)
    false_kinds = Counter()
    ages = Counter()
    errors: list[str] = []
    started = time.perf_counter()
    for path in paths:
        s = load_scenario(path)
        split = split_of(s.id or path.stem)
        kind = kind_of(s.tags)
        suggestions = highlight(s.narrative or "")
        proposed = set(proposed_facts(suggestions))
        gold = {k for k, v in s.facts.items() if v is True}
        for name in ("all", f"split:{split}", f"kind:{kind}"):
            (overall if name == "all" else by[name]).add(proposed, gold)
        for group in ("action", "means", "purpose", "context"):
            by[f"group:{group}"].add({f for f in proposed if group_of(f) == group}, {f for f in gold if group_of(f) == group})
        for fact_id in proposed | gold:
            facts_seen[fact_id].add(proposed & {fact_id}, gold & {fact_id})
        for fact_id in proposed - gold:
            false_kinds["stated false" if s.facts.get(fact_id) is False else "not stated or unknown"] += 1
        age = propose_age(s.narrative or "")
        if s.person.age is None:
            ages["age unknown: none proposed" if age is None else "age unknown: one proposed"] += 1
        else:
            ages["correct" if age == s.person.age else "none proposed" if age is None else "wrong"] += 1
        if args.errors in (split, "all"):
            for fact_id in sorted(gold - proposed):
                errors.append(f"{s.id}: MISSED {fact_id}")
            for fact_id in sorted(proposed - gold):
                texts = [x.text for x in suggestions if x.fact == fact_id and not x.negated]
                errors.append(f"{s.id}: FALSE {fact_id} <- {texts} (scenario says {s.facts.get(fact_id, 'nothing')})")
            if s.person.age != age:
                errors.append(f"{s.id}: AGE proposed {age}, scenario says {s.person.age}")
    elapsed = time.perf_counter() - started

    print(f"Narrative highlighting against {len(paths)} scenarios ({elapsed:.1f}s)")
    print("Proposed facts vs the facts each scenario states as true (micro-averaged)")
    print(HEADER)
    print(overall.row("all (micro)"))
    for name in sorted(by):
        print(by[name].row(name))
    print()
    print("False positives: " + ", ".join(f"{k} {v}" for k, v in sorted(false_kinds.items())))
    with_age = sum(v for k, v in ages.items() if not k.startswith("age unknown"))
    print(f"Age (propose_age vs person.age): {ages['correct']}/{with_age} correct, {ages['wrong']} wrong, "
          f"{ages['none proposed']} none proposed; age unknown in {sum(v for k, v in ages.items() if k.startswith('age unknown'))} "
          f"({ages['age unknown: one proposed']} with an age proposed)")
    if args.facts:
        print()
        print(HEADER)
        for fact_id in sorted(facts_seen):
            print(facts_seen[fact_id].row(fact_id))
    if errors:
        print()
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
