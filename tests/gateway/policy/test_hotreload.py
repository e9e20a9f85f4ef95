"""`HotReload`, the watcher behind the policy and the use-case taxonomy, over a file of its own kind."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest

from gateway.policy.errors import PolicyError, PolicyIssue
from gateway.policy.hotreload import HotReload


class Limit(HotReload[int]):
    """A file holding one whole number (a stand-in for a rule file: parsed, validated, versioned)."""

    noun = "limit"
    thread_name = "sekisho-limit-watch"

    def __init__(self, path: Path, reload_interval_s: float, told: list[tuple[str, str]]) -> None:
        super().__init__(path, reload_interval_s, logging.getLogger("sekisho.test.limit"), lambda r, v: told.append((r, v)))

    def _load(self) -> int:
        text = self.path.read_text(encoding="utf-8").strip()
        if not text.isdigit():
            raise PolicyError([PolicyIssue(str(self.path), 1, 1, "<root>", "expected a whole number")])
        return int(text)

    def _version(self, value: int) -> str:
        return str(value)


def _write_later(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_the_first_load_must_succeed(tmp_path: Path) -> None:
    path = tmp_path / "limit.txt"
    path.write_text("many", encoding="utf-8")
    with pytest.raises(PolicyError):
        Limit(path, 60, [])


def test_a_refused_edit_keeps_the_last_good_value_and_says_why(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "limit.txt"
    path.write_text("5", encoding="utf-8")
    told: list[tuple[str, str]] = []
    store = Limit(path, 60, told)
    _write_later(path, "7")
    assert store.poll() is True and store.current() == 7 and store.reloads == 1
    _write_later(path, "seven")
    with caplog.at_level(logging.ERROR, logger="sekisho.test.limit"):
        assert store.poll() is False
    assert store.current() == 7  # the last good value stays in force
    assert store.last_error is not None and f"{path}:1:1: <root>: expected a whole number" in store.last_error
    assert store.last_error_count == 1
    assert any("limit reload refused" in r.getMessage() and "keeping version 7" in r.getMessage() for r in caplog.records)
    assert store.poll() is None  # nothing changed since the refused attempt
    assert told == [("ok", "7"), ("rejected", "7")]


def test_a_requested_reload_does_not_wait_for_the_interval(tmp_path: Path) -> None:
    path = tmp_path / "limit.txt"
    path.write_text("5", encoding="utf-8")
    store = Limit(path, 3600, [])
    store.start()
    try:
        _write_later(path, "9")
        store.request_reload()
        deadline = time.monotonic() + 10
        while store.current() != 9:
            assert time.monotonic() < deadline, "the requested reload did not happen"
            time.sleep(0.02)
    finally:
        store.stop()
