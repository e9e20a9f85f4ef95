"""Run `sekisho` with stderr on a pseudo-terminal, as a person at a terminal would see it."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from tests.support.servers import REPO_ROOT


def run_on_terminal(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> tuple[int, str]:
    """`sekisho ARGS` with stderr on a pty (stdout piped); returns (status, what the terminal showed)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from gateway.cli import main; main()", *args],
        stdout=subprocess.PIPE, stderr=follower, stdin=subprocess.DEVNULL, cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), **(env or {})},
    )  # fmt: skip
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        seen += chunk
    proc.communicate(timeout=timeout)
    os.close(leader)
    return proc.returncode, seen.decode("utf-8", "replace")
