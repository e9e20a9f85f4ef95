"""Run the real `sekisho` command in a child process, as an auditor would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def sekisho(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`sekisho ARGS…` with this checkout on the path; output captured as text.

    The audit key the tests write with is in the environment, as the gateway's would be for an auditor.
    """
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "SEKISHO_AUDIT_HMAC_KEY": "k" * 32, **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", "from gateway.cli import main; main()", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        cwd=ROOT,
    )
