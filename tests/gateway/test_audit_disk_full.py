"""Audit first, on a real full disk: a small tmpfs as the audit directory of a real gateway process.

Nothing goes upstream unless its write-ahead record is on disk; an answer (whole or streamed) is not
delivered as complete unless its final record is; and once space is back, a restarted gateway works
and the log verifies. Skipped where a tmpfs cannot be mounted (not root, no CAP_SYS_ADMIN).
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.gateway.conftest import STAFF_KEY, base_config
from tests.support.servers import REPO_ROOT, free_port, run_gateway_process
from tests.support.upstream import UpstreamServer

AUDIT_KEY = "disk-full-test-audit-key-0123456789"
ENV = {"TEST_UPSTREAM_KEY": "k", "SEKISHO_AUDIT_HMAC_KEY": AUDIT_KEY, "SEKISHO_AUDIT_CONTENT_KEY": "22" * 32}
AUTH = {"authorization": f"Bearer {STAFF_KEY}"}
# Long, with content kept (encrypted) in the final record: a final record is then larger than a
# page, so on a full tmpfs it never fits in the slack of the file's last page, and the test is exact.
PROMPT = "窓口の受付時間と必要な持ち物を教えてください。" * 150


def _chat(stream: bool = False) -> dict[str, Any]:
    return {"model": "local-llm", "messages": [{"role": "user", "content": PROMPT}], "stream": stream}


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KiB tmpfs mounted for the test, unmounted after it."""
    mount = tmp_path / "audit"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", str(mount)],
                            capture_output=True, text=True, timeout=30)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip() or result.returncode}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, timeout=30)


def _fill(mount: Path) -> Path:
    """Write a filler file until the disk refuses another byte."""
    filler = mount / "filler"
    with filler.open("wb", buffering=0) as fh:
        for size in (65536, 4096, 256, 1):
            while True:
                try:
                    fh.write(b"\0" * size)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    break
    return filler


def _sekisho(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **ENV, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.run([sys.executable, "-m", "gateway.cli", "audit", "--config", str(config), *args],
                          capture_output=True, text=True, timeout=120, env=env, cwd=config.parent)


def _stream_events(client: httpx.Client, on_first: Callable[[], None] | None = None) -> tuple[int, list[str]]:
    events = []
    with client.stream("POST", "/v1/chat/completions", json=_chat(stream=True), headers=AUTH) as response:
        if response.status_code != 200:
            response.read()
            return response.status_code, [response.text]
        for line in response.iter_lines():
            if line.startswith("data: "):
                events.append(line[6:])
                if len(events) == 1 and on_first is not None:
                    on_first()
    return 200, events


def test_a_full_audit_disk_stops_requests_before_the_upstream_and_recovers(
    small_disk: Path, upstream: UpstreamServer, tmp_config: Callable[..., Path]
) -> None:
    config = tmp_config(base_config(upstream, audit={"dir": str(small_disk), "keep_content": True}))
    with run_gateway_process(config, ENV, port=free_port()) as gw, httpx.Client(base_url=gw.base_url, timeout=30) as client:
        # 1. Full before the request: the write-ahead record fails, nothing is sent, 503.
        filler = _fill(small_disk)
        refused = [
            client.post("/v1/chat/completions", json=_chat(), headers=AUTH),
            client.post("/v1/embeddings", json={"model": "local-llm", "input": PROMPT}, headers=AUTH),
            client.post("/v1/responses", json={"model": "local-llm", "input": PROMPT}, headers=AUTH),
            client.post("/v1/responses", json={"model": "local-llm", "input": PROMPT, "stream": True}, headers=AUTH),
        ]
        status, body = _stream_events(client)
        for response in refused:
            assert response.status_code == 503, response.text
            assert response.json()["error"]["code"] == "audit_unavailable"
        assert status == 503 and json.loads(body[0])["error"]["code"] == "audit_unavailable"
        assert upstream.requests == []  # not one byte went upstream
        filler.unlink()

        # 2. Full while the upstream answers: the answer is not delivered, as a 503.
        upstream.behave(slow=1.0)
        answer: list[httpx.Response] = []
        sender = threading.Thread(target=lambda: answer.append(client.post("/v1/chat/completions", json=_chat(), headers=AUTH)))
        sender.start()
        deadline = time.monotonic() + 20
        while not upstream.requests:  # the upstream has it: its pending record is on disk
            assert time.monotonic() < deadline
            time.sleep(0.01)
        filler = _fill(small_disk)
        sender.join(timeout=30)
        assert answer[0].status_code == 503 and answer[0].json()["error"]["code"] == "audit_unavailable"
        unfinished = [answer[0].headers["x-sekisho-request-id"]]
        filler.unlink()

        # 3. Full while a stream runs: it ends in an error event, never in [DONE].
        upstream.behave(slow=0.0, gap=0.3, chunk=500)
        fillers: list[Path] = []
        status, events = _stream_events(client, on_first=lambda: fillers.append(_fill(small_disk)))
        assert status == 200 and events[-1] != "[DONE]" and "[DONE]" not in events
        assert json.loads(events[-1])["error"]["code"] == "audit_unavailable"
        assert "".join(json.loads(e)["choices"][0]["delta"].get("content", "") for e in events[:-1] if "choices" in e) == PROMPT
        fillers[0].unlink()
        upstream.reset()
        log = gw.log()
    assert "Traceback" not in log, log
    assert log.count("ended with audit_unavailable") == 1, log  # one line for the stream

    # Space is back; a restarted gateway works and the whole log verifies.
    with run_gateway_process(config, ENV, port=free_port()) as gw:
        ok = httpx.post(gw.base_url + "/v1/chat/completions", json=_chat(), headers=AUTH, timeout=30)
        streamed = _stream_events(httpx.Client(base_url=gw.base_url, timeout=30))
        assert "Traceback" not in gw.log()
    assert ok.status_code == 200 and ok.json()["choices"][0]["message"]["content"] == PROMPT
    assert streamed[0] == 200 and streamed[1][-1] == "[DONE]"
    verify = _sekisho(config, "verify", str(small_disk))
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "0 broken" in verify.stdout and "TORN" not in verify.stdout and "BROKEN" not in verify.stdout
    # The two answers whose final record could not be written: sent, never completed.
    found = _sekisho(config, "search", str(small_disk), "--outcome", "incomplete", "--json")
    assert found.returncode == 0, found.stderr
    incomplete = [json.loads(line) for line in found.stdout.splitlines()]
    assert len(incomplete) == 2 and unfinished[0] in {r["request_id"] for r in incomplete}
    assert all(r["phase"] == "pending" for r in incomplete)
