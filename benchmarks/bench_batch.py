"""`elements batch` on 10,000 generated scenarios, whole process, against the plain-Python
oracle on the same file (goal: at most 6x the oracle's time), with the default --jobs (the
machine's cores) and with --jobs 1."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from scenarios import generate  # noqa: E402

HERE = Path(__file__).parent
BIN = Path(sys.executable).parent


def timed(command: list[str], runs: int = 3) -> tuple[float, int]:
    best, lines = float("inf"), 0
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.PIPE, check=True)
        best = min(best, time.perf_counter() - start)
        lines = done.stdout.count(b"\n")
    return best, lines


def main(count: int = 10_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scenarios.jsonl"
        path.write_text("".join(json.dumps(s) + "\n" for s in generate(count, seed=11)))
        command = [str(BIN / "elements"), "batch", str(path), "-f", "palermo"]
        engine, engine_lines = timed(command)
        single, single_lines = timed(command + ["--jobs", "1"])
        oracle, oracle_lines = timed([sys.executable, str(HERE / "oracle_batch.py"), str(path)])
    assert engine_lines == single_lines == oracle_lines == count, (engine_lines, single_lines, oracle_lines)
    print(f"batch of {count:,} scenarios, whole process, best of 3:")
    print(f"  elements batch -f palermo  {engine:6.2f} s  ({engine / count * 1e6:6.1f} us per scenario,"
          f" {os.cpu_count()} processes)")
    print(f"  the same with --jobs 1     {single:6.2f} s  ({single / count * 1e6:6.1f} us per scenario)")
    print(f"  plain-Python oracle        {oracle:6.2f} s  ({oracle / count * 1e6:6.1f} us per scenario)")
    print(f"  ratio {engine / oracle:.1f}x (goal: <= 6x); with --jobs 1 {single / oracle:.1f}x")


if __name__ == "__main__":
    main(int(os.environ.get("BENCH_COUNT", "10000")))
