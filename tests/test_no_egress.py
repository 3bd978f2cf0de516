"""Nothing leaves the machine: `make run` serves on the loopback only, and the server makes no
outgoing connection or name lookup that is not to the loopback, from start-up through pages
loaded in a browser.

The server runs under an audit hook (a sitecustomize.py on its PYTHONPATH) that records every
socket.connect, sendto, getaddrinfo, gethostbyname and gethostbyaddr whose destination is not
the loopback, and refuses it, so even a failing run sends nothing. Streamlit, left to itself,
asks checkip.amazonaws.com for the machine's address at start-up (for an "External URL" line)
and "connects" a UDP socket to 8.8.8.8 to learn its own address.
"""
from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from browser_support import settle
from ui_server import REPO, _healthy, chromium_path, free_port, launch_chromium, stop_group

import playwright.sync_api as playwright_api  # noqa: E402 - a test dependency: missing is a failure

if chromium_path() is None:
    pytest.fail("chromium is not installed: run `make browser` (make test does)", pytrace=False)

HOOK = textwrap.dedent('''
    import ipaddress, json, os, sys

    _LOG = os.environ["ELEMENTS_EGRESS_LOG"]
    _EVENTS = {"socket.connect", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
               "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr"}

    def _local(host):
        if host is None or host in ("localhost", "ip6-localhost"):
            return True  # getaddrinfo(None, port): the passive address, no lookup
        try:
            return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
        except ValueError:
            return False

    def _hook(event, args):
        if event not in _EVENTS:
            return
        if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
            address = args[-1] if event != "socket.sendmsg" else args[1]
            if not isinstance(address, tuple):
                return  # a Unix socket, or none
            host = address[0]
        else:
            host = args[0]
        if isinstance(host, bytes):
            host = host.decode("ascii", "replace")
        if not _local(host):
            with open(_LOG, "a") as log:
                log.write(json.dumps([event, str(host)]) + "\\n")
            raise OSError(f"test_no_egress: {event} to {host} refused")

    sys.addaudithook(_hook)
''')


def _listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on port (from /proc/net/tcp and tcp6)."""
    found = set()
    for name, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        with contextlib.suppress(FileNotFoundError), open(name) as table:
            for row in list(table)[1:]:
                local, state = row.split()[1], row.split()[3]
                address, port_hex = local.split(":")
                if state == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
                    raw = bytes.fromhex(address)
                    # /proc writes each 32-bit word in host (little-endian) order
                    words = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
                    found.add(socket.inet_ntop(socket.AF_INET if width == 8 else socket.AF_INET6, words))
    return found


@contextlib.contextmanager
def make_run(tmp_path: Path):
    """`make run` as the README says, on a free PORT, under the audit hook. STAMP= skips the
    install step (this Python's venv is the one `make test` installed)."""
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir()
    (hook_dir / "sitecustomize.py").write_text(HOOK)
    log = tmp_path / "egress.jsonl"
    log.touch()
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(hook_dir), "ELEMENTS_EGRESS_LOG": str(log)}
    server_log = REPO / "test-artifacts" / "streamlit-egress.log"
    server_log.parent.mkdir(parents=True, exist_ok=True)
    with open(server_log, "wb") as output:
        process = subprocess.Popen(["make", "--no-print-directory", "run", f"PORT={port}", f"PY={sys.executable}", "STAMP="],
                                   cwd=REPO, env=env, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 90
            while not _healthy(url):
                assert process.poll() is None, f"make run exited with {process.returncode}; see {server_log}"
                assert time.monotonic() < deadline, f"the app was not up after 90 s; see {server_log}"
                time.sleep(0.2)
            yield url, port, log
        finally:
            stop_group(process, timeout=15)  # make and the server it started


def _websocket_from_another_site(port: int) -> str:
    """Open the app's websocket as a page of another site would (its Origin header)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall((f"GET /_stcore/stream HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                      "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      "Sec-WebSocket-Version: 13\r\nOrigin: https://another-site.example\r\n\r\n").encode())
        return conn.recv(200).decode(errors="replace")


def test_make_run_serves_the_loopback_only_and_sends_nothing_out(tmp_path):
    with make_run(tmp_path) as (url, port, log):
        assert _listening_addresses(port) <= {"127.0.0.1", "::1"}, _listening_addresses(port)
        assert _listening_addresses(port), "nothing listens on the PORT make run was given"
        with playwright_api.sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                page = browser.new_page()
                for address in (url, f"http://localhost:{port}"):
                    page.goto(address)
                    page.get_by_role("heading", name="Elements", exact=False).first.wait_for()  # the start page
                    settle(page)
                page.get_by_role("button", name="Start the walkthrough").click()
                settle(page)
                page.get_by_role("button", name="Next: ", exact=False).first.click()
                settle(page)
                for title in ("Result", "Compare frameworks", "Load a scenario", "Definitions, limits and privacy"):
                    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
                    page.get_by_role("heading", name=title.split(",")[0], exact=False).first.wait_for()
                    settle(page)
            finally:
                browser.close()
        # A page from any other site can open a websocket to the app: Streamlit then checks the
        # origin against this machine's addresses, which it looked up outside unless told not to.
        _websocket_from_another_site(port)
        time.sleep(1)  # anything the last page started
        banner = (REPO / "test-artifacts" / "streamlit-egress.log").read_text(errors="replace")
        assert f"URL: http://127.0.0.1:{port}" in banner and "External URL" not in banner, banner
    attempts = [json.loads(line) for line in log.read_text().splitlines()]
    assert attempts == [], f"the server tried to reach: {attempts}"


def test_the_hook_sees_and_refuses_a_lookup(tmp_path):
    """The audit hook itself: a process under it cannot look up or reach a name outside."""
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir()
    (hook_dir / "sitecustomize.py").write_text(HOOK)
    log = tmp_path / "egress.jsonl"
    code = textwrap.dedent("""
        import socket
        for call in (lambda: socket.getaddrinfo("checkip.amazonaws.com", 80),
                     lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).connect(("8.8.8.8", 1)),
                     lambda: socket.gethostbyname("example.org")):
            try:
                call()
            except OSError as exc:
                assert "refused" in str(exc), exc
        socket.getaddrinfo("127.0.0.1", 80)
        socket.getaddrinfo("localhost", 80)
    """)
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(hook_dir),
                                                              "ELEMENTS_EGRESS_LOG": str(log)}, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line) for line in log.read_text().splitlines()] == [
        ["socket.getaddrinfo", "checkip.amazonaws.com"], ["socket.connect", "8.8.8.8"], ["socket.gethostbyname", "example.org"]]
