"""Start the app with `streamlit run` on a free port, and Debian's chromium for Playwright.

Shared by the browser tests and benchmarks/bench_app.py. Nothing is downloaded: the
browser is the system's /usr/bin/chromium, never `playwright install`.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("ELEMENTS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str | None:
    if Path(CHROMIUM).is_file():
        return CHROMIUM
    return shutil.which("chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def stop_group(process: subprocess.Popen, timeout: float = 10) -> None:
    """Stop a process started with start_new_session=True, and its children, by its group id."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextlib.contextmanager
def running_app(log_path: Path | None = None, timeout: float = 60, script: str = "ui/app.py") -> Iterator[str]:
    """The app (or another script) served on 127.0.0.1 at a free port; yields its base URL,
    stops it after."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    if log_path:
        log_path.parent.mkdir(parents=True, exist_ok=True)  # a fresh clone has no test-artifacts/
    log = open(log_path, "wb") if log_path else subprocess.DEVNULL
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=REPO, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: stopped below by its id
    )
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(url):
            if process.poll() is not None:
                raise RuntimeError(f"streamlit exited with code {process.returncode}; see {log_path}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit was not healthy after {timeout}s; see {log_path}")
            time.sleep(0.1)
        yield url
    finally:
        stop_group(process)
        if log_path:
            log.close()


# For many sessions at once: pages not in front keep running at full speed.
UNTHROTTLED_ARGS = [
    "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]


def launch_chromium(playwright, extra_args: list[str] | None = None):
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS + (extra_args or []))
