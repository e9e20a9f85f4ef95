"""What the gateway builds at start is frozen out of the garbage collector's way, once per process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.servers import REPO_ROOT

_CODE = """
import gc, os
from starlette.testclient import TestClient
from gateway.app import create_app
from gateway.config import load_config

os.chdir({tmp!r})
config, path = load_config()
before = gc.get_freeze_count()
with TestClient(create_app(config, path)) as client:
    assert client.get("/healthz").status_code == 200
    print(before, gc.get_freeze_count())
"""


def test_the_objects_built_at_start_are_frozen(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", _CODE.format(tmp=str(tmp_path))],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False,
        env={"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr[-2000:]
    before, after = (int(x) for x in out.stdout.split())
    # The dictionaries, detectors and policy alone are tens of thousands of objects.
    assert before == 0 and after > 20_000
