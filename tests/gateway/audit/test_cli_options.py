"""Options where the docs show them: --config, --tz and --progress after the sub-command; --json; progress only on a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.gateway.audit.cli import sekisho
from tests.support.terminal import run_on_terminal

KEY = {"SEKISHO_AUDIT_HMAC_KEY": "k" * 32}  # the key the test logs are written with, as tests/gateway/audit/cli.py gives it


@pytest.mark.parametrize(
    "args",
    [
        ("audit", "verify", "--no-progress", "{log}"),
        ("audit", "--no-progress", "verify", "{log}"),
        ("audit", "verify", "{log}", "--progress"),
    ],
)
def test_progress_flag_accepted_before_or_after_the_sub_command(small_log: Path, args: tuple[str, ...]) -> None:
    out = sekisho(*(a.format(log=small_log) for a in args))
    assert out.returncode == 0, out.stderr
    assert "6 intact record(s), 0 broken" in out.stdout


def test_tz_after_the_sub_command_shifts_and_labels_times(small_log: Path) -> None:
    utc = sekisho("audit", "search", str(small_log), "--tz", "+00:00", "--limit", "0")
    assert utc.returncode == 0, utc.stderr
    assert utc.stdout.splitlines()[0].startswith("time (UTC)")
    # The newest record: 2026-04-02T23:30Z is 08:30 on the 3rd in Japan.
    assert "2026-04-02 23:30:00" in utc.stdout.splitlines()[2]
    group_first = sekisho("audit", "--tz", "+00:00", "search", str(small_log))
    assert group_first.stdout == utc.stdout
    default = sekisho("audit", "search", str(small_log))
    assert default.stdout.splitlines()[0].startswith("time (JST)")
    assert "2026-04-03 08:30:00" in default.stdout.splitlines()[2]
    other = sekisho("audit", "search", str(small_log), "--tz", "-05:30")
    assert other.stdout.splitlines()[0].startswith("time (UTC-05:30)")


def test_stats_span_is_labelled_with_its_zone(small_log: Path) -> None:
    out = sekisho("audit", "stats", str(small_log), "--tz", "+09:00")
    assert out.stdout.splitlines()[0] == "total (2026-04-01 09:30:00 – 2026-04-03 08:30:00 JST)"


def test_config_after_the_sub_command_gives_the_default_path(small_log: Path) -> None:
    conf = small_log.parent / "sekisho.yaml"
    conf.write_text("models:\n  - {name: echo, zone: onprem, upstream: {type: echo}}\naudit:\n  dir: log\n", encoding="utf-8")
    for args in (("audit", "verify", "--config", str(conf)), ("audit", "--config", str(conf), "verify"),
                 ("audit", "stats", "--json", "--config", str(conf))):  # fmt: skip
        out = sekisho(*args)
        assert out.returncode == 0, (args, out.stderr)
    missing = sekisho("audit", "verify", "--config", str(small_log.parent / "nope.yaml"))
    assert missing.returncode == 1 and "nope.yaml: cannot read" in missing.stderr


def test_verify_json_reports_each_chain(small_log: Path) -> None:
    out = sekisho("audit", "verify", str(small_log), "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["ok"] is True and doc["intact_records"] == 6 and doc["broken_chains"] == 0
    (chain,) = doc["chains"]
    assert chain["chain"] == "host-1-small" and chain["head_seq"] == 5 and chain["first_break"] is None
    # Tamper one byte of the third record: the JSON names file and line, and the exit status is 1.
    path = next(small_log.glob("*.jsonl"))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace('"税務課"', '"総務課"', 1) if '"税務課"' in lines[2] else lines[2].replace('"ok"', '"no"', 1)
    path.write_text("".join(lines), encoding="utf-8")
    bad = sekisho("audit", "verify", str(small_log), "--json")
    assert bad.returncode == 1
    brk = json.loads(bad.stdout)["chains"][0]["first_break"]
    assert brk["file"] == str(path) and brk["line"] == 3


@pytest.mark.parametrize("command", ["verify", "export", "stats"])
def test_progress_bar_on_a_terminal_and_none_when_piped(small_log: Path, command: str) -> None:
    status, terminal = run_on_terminal("audit", command, str(small_log), env=KEY)
    assert status == 0, terminal
    assert f"\r{command} [########################] 100.0%" in terminal
    piped = sekisho("audit", command, str(small_log))
    assert piped.returncode == 0 and "[#" not in piped.stderr and "%" not in piped.stderr
    status, quiet = run_on_terminal("audit", command, str(small_log), "--no-progress", env=KEY)
    assert status == 0 and "[#" not in quiet
