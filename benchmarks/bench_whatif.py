"""What would change it (api.what_if), server side: its time per scenario and framework, as a
ratio against one evaluate() of the same scenarios measured in the same run (the machine is
shared and noisy; the ratio is what stays put). Goal: <= 50 ms for a full scenario.

Three kinds of scenario per framework:
- full: a library scenario with every fact the framework reads answered (the unanswered ones
  as no) and the age known: what a caseworker has at the end of the walkthrough;
- library: the training scenarios as they are (some answers left open);
- empty: nothing answered, every fact tried as yes and as no (the most single answers).
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from elements import api  # noqa: E402
from elements.whatif import MAX_PAIRS  # noqa: E402

GOAL_MS = 50.0
ROUNDS = 5


def full(scenario, facts: list[str]):
    answered = {fact_id: scenario.facts.get(fact_id) is True for fact_id in facts}
    age = scenario.person.age if scenario.person.age is not None else 30
    return scenario.model_copy(update={"facts": answered, "person": scenario.person.model_copy(update={"age": age})})


def timed(scenarios, framework: str) -> tuple[list[float], list[float], list[float]]:
    """what_if and one evaluate() of each scenario, one right after the other, so that both see
    the same load: their times (ms) and, per scenario, the ratio of the two."""
    changes, once, ratios = [], [], []
    for _ in range(ROUNDS):
        for scenario in scenarios:
            start = time.perf_counter()
            api.evaluate(scenario, framework)
            middle = time.perf_counter()
            api.what_if(scenario, framework)
            end = time.perf_counter()
            once.append((middle - start) * 1000)
            changes.append((end - middle) * 1000)
            ratios.append((end - middle) / (middle - start))
    return changes, once, ratios


def main() -> int:
    library = [api.load_scenario(path) for path in api.scenario_files()]
    print(f"what would change it (api.what_if) against one evaluate(), {ROUNDS} rounds; goal <= {GOAL_MS:.0f} ms; "
          f"pairs bounded at {MAX_PAIRS} evaluations")
    worst = 0.0
    for framework in api.framework_ids():
        facts = api.facts_read(framework)
        kinds = {
            "full": [full(s, facts) for s in library],
            "library": library,
            "empty": [api.validate_scenario({})],
        }
        for scenario in library[:5]:  # warm up: compile, fill the step caches
            api.what_if(scenario, framework)
        for kind, scenarios in kinds.items():
            changes, once, ratios = timed(scenarios, framework)
            evaluations = [api.what_if(s, framework).evaluations for s in scenarios]
            p50, p90 = statistics.median(changes), sorted(changes)[int(len(changes) * 0.9)]
            if kind == "full":
                worst = max(worst, p90)
            print(f"  {framework:<8} {kind:<8} what_if p50 {p50:6.1f} ms  p90 {p90:6.1f} ms   "
                  f"evaluate p50 {statistics.median(once) * 1000:5.0f} us   "
                  f"ratio p50 {statistics.median(ratios):5.1f}x   evaluations {min(evaluations)}-{max(evaluations)}")
    print(f"worst p90 for a full scenario: {worst:.1f} ms ({'within' if worst <= GOAL_MS else 'OVER'} the {GOAL_MS:.0f} ms goal)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
