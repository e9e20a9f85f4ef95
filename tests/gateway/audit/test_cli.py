from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from gateway.audit.textable import ProgressLine, render, width
from tests.gateway.audit.cli import ROOT, sekisho


def test_audit_cli_loads_neither_litellm_nor_the_web_stack() -> None:
    code = (
        "import sys; from gateway.cli import main\n"
        "try:\n    main(['audit', '--help'])\nexcept SystemExit:\n    pass\n"
        "bad = sorted({m.split('.')[0] for m in sys.modules} & {'litellm', 'fastapi', 'starlette', 'presidio_analyzer', 'sudachipy'})\n"
        "print('LOADED', bad)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )
    assert "LOADED []" in out.stdout, out.stdout + out.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_shows_share_of_bytes() -> None:
    out = _Terminal()
    bar = ProgressLine("verify", total=4_000_000, out=out)
    bar(1_000_000)
    bar.finish()
    drawn = out.getvalue()
    assert drawn.startswith("\rverify [######..................]  25.0% 1.0 / 4.0 MB"), drawn
    assert drawn.endswith(" s\n") and drawn.count("\r") == 2  # redrawn in place, one line at the end


def test_progress_bar_counts_items_when_not_bytes() -> None:
    out = _Terminal()
    bar = ProgressLine("eval", total=243, out=out, unit="texts")
    bar(243)
    bar.finish()
    assert "100.0% 243 / 243 texts" in out.getvalue()


def test_no_progress_when_piped_or_switched_off() -> None:
    for out, enabled in ((io.StringIO(), True), (_Terminal(), False)):
        bar = ProgressLine("stats", total=10, out=out, enabled=enabled)
        bar(5)
        bar.finish()
        assert out.getvalue() == ""


def test_tables_align_japanese_text() -> None:
    text = render(["部署", "件数"], [["総務課", 2], ["IT", 10]])
    lines = text.splitlines()
    assert width("総務課") == 6
    assert {width(line) for line in (lines[0], lines[2], lines[3])} == {width(lines[1])}
    assert lines[2].endswith(" 2") and lines[3].endswith("10")


def test_default_path_is_the_configs_audit_dir_relative_to_the_config_file(small_log: Path) -> None:

    conf = small_log.parent / "sekisho.yaml"
    conf.write_text(
        "models:\n  - name: echo\n    zone: onprem\n    upstream: {type: echo}\naudit:\n  dir: log\n", encoding="utf-8"
    )
    out = sekisho("audit", "--config", str(conf), "verify")
    assert out.returncode == 0, out.stderr
    assert "6 records" in out.stdout
