"""evaluate() in-process: p50 and p99 per framework (explanation included), and resident
memory before and after 100,000 evaluations (it should stay flat)."""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from elements import evaluate, validate_scenario  # noqa: E402
from elements.packs import framework_ids  # noqa: E402
from scenarios import generate  # noqa: E402


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return samples[len(samples) // 2] * 1e6, samples[int(len(samples) * 0.99)] * 1e6


def main() -> None:
    scenarios = [validate_scenario(s) for s in generate(5000)]
    print(f"evaluate() in-process, {len(scenarios)} generated scenarios each (goal, issue 12: p50 <= 100 us)")
    for framework in framework_ids():
        for s in scenarios[:300]:
            evaluate(s, framework)  # warm up: compile once, fill caches
        times = []
        for s in scenarios:
            start = time.perf_counter()
            evaluate(s, framework)
            times.append(time.perf_counter() - start)
        p50, p99 = percentiles(times)
        print(f"  {framework:<8} p50 {p50:7.1f} us   p99 {p99:7.1f} us")

    total = 100_000
    before = rss_mib()
    start = time.perf_counter()
    for index in range(total):
        evaluate(scenarios[index % len(scenarios)], "palermo")
        if index == total // 2:
            middle = rss_mib()
    after = rss_mib()
    elapsed = time.perf_counter() - start
    print(f"resident memory over {total:,} evaluations (palermo): before {before:.1f} MiB, "
          f"halfway {middle:.1f} MiB, after {after:.1f} MiB (growth {after - before:+.1f} MiB; "
          f"{total / elapsed:,.0f} evaluations/s)")


if __name__ == "__main__":
    main()
