"""Generated scenarios for the benchmarks: reproducible (seeded), mixed answers and ages."""
from __future__ import annotations

import random

from elements.vocabulary import vocabulary


def generate(count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    ids = vocabulary().ids
    out = []
    for index in range(count):
        facts = {}
        for fact_id in rng.sample(ids, rng.randint(0, 16)):
            facts[fact_id] = rng.choice([True, False, None])
        age = rng.choice([None, rng.randint(5, 17), rng.randint(18, 70), 18])
        out.append({"id": f"gen-{index}", "jurisdiction": rng.choice([None, "US", "GB", "CA", "FR"]),
                    "person": {"age": age}, "facts": facts})
    return out
