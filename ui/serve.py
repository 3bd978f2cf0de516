"""`make run`: Streamlit, with its two network look-ups replaced by the loopback.

Streamlit looks up the machine's external address (an HTTP request to checkip.amazonaws.com)
to print an "External URL", and again whenever a page from another site opens a websocket to
the app, to decide whether that origin is this machine. Elements promises that nothing leaves
the machine: here both answers are the loopback's, so no look-up happens at all (the server
listens on 127.0.0.1 only, .streamlit/config.toml). Everything else is `streamlit run`.
"""
from __future__ import annotations

import sys

from streamlit import net_util
from streamlit.web import cli


def _loopback() -> str:
    return "127.0.0.1"


def _no_external_address() -> None:
    return None


def main() -> int:
    net_util.get_internal_ip = _loopback
    net_util.get_external_ip = _no_external_address
    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
