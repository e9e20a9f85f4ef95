"""Every shell command in README.md and docs/*.md runs as written, against the embedded default.

Code blocks marked sh/shell/bash are run line by line (a trailing `# exit N` says the status the docs
promise); ```console blocks are `$ command` followed by its exact output, compared after the policy
version, rule line numbers and timings are normalised. A command may hide in no other block. Commands
that need a running gateway (curl) or Redis run in `test_commands_that_need_the_server` against a real
`sekisho serve` of the embedded default; those that need a long time or a tool this machine lacks are in
`NOT_RUN`, each with the reason and the test that covers it instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.support.redis_server import flushall
from tests.support.servers import REPO_ROOT, free_port

DOCS = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]
SHELL = {"sh", "shell", "bash"}
# A line starting with one of these in a non-shell block would be a command nobody runs.
COMMANDISH = re.compile(r"^\s*(\$ |sekisho |\.venv/|curl |make |docker |export |SEKISHO_\w+=|python3? |kill )")

# prefix -> why it is not run here, and what covers it instead.
NOT_RUN = {
    "make run": "serves until stopped: `sekisho serve` of the embedded default runs in test_commands_that_need_the_server",
    "make test": "the whole suite, which contains this test",
    "make bench": "benchmarks, minutes long (bench/README.md)",
    ".venv/bin/python bench/": "benchmarks, minutes long; bench/README.md holds their figures",
    "SEKISHO_FUZZ_EXAMPLES=": "a 2,000-example fuzz run; the default run is part of make test",
    "docker ": "docker is not installed here; tests/gateway/test_docker_paths.py checks the image's paths and mounts",
    "python3 -m venv /tmp/litellm-venv": "installs LiteLLM's proxy from the package index for the optional side-by-side benchmark",
    "SEKISHO_BENCH_LITELLM=": "the side-by-side benchmark with LiteLLM's proxy, minutes long",
}
NEEDS_SERVER = ("curl ", "sekisho audit collect ")
DEMO_PORT = "127.0.0.1:8000"
DEMO_REDIS = "redis://127.0.0.1:6379/0"


@dataclass(frozen=True)
class Command:
    doc: str
    line: int
    text: str
    status: int = 0
    output: str | None = None  # from a ```console block: the exact output the docs show

    @property
    def id(self) -> str:
        return f"{self.doc}:{self.line}"


def _blocks(path: Path) -> Iterator[tuple[str, int, list[str]]]:
    lang, start, body = None, 0, []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            if lang is None:
                lang, start, body = line[3:].strip().split(" ")[0], n, []
            else:
                yield lang, start, body
                lang = None
        elif lang is not None:
            body.append(line)


def _shell_commands(doc: str, start: int, body: list[str]) -> Iterator[Command]:
    pending, first = "", 0
    for offset, line in enumerate(body, 1):
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if not pending:
            first = start + offset
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        text = pending + line
        pending = ""
        status = re.search(r"#\s*exit (\d+)\s*$", text)
        yield Command(doc, first, text.strip(), int(status.group(1)) if status else 0)


def _console_commands(doc: str, start: int, body: list[str]) -> Iterator[Command]:
    current: tuple[int, str] | None = None
    output: list[str] = []
    for offset, line in enumerate(body, 1):
        if line.startswith("$ "):
            if current:
                yield Command(doc, current[0], current[1], output="\n".join(output))
            current, output = (start + offset, line[2:]), []
        elif current and current[1].endswith("\\"):
            current = (current[0], current[1][:-1] + " " + line.strip())
        else:
            output.append(line)
    if current:
        yield Command(doc, current[0], current[1], output="\n".join(output))


def extract() -> tuple[list[Command], list[str]]:
    """(every command, every command-like line found outside a shell block)."""
    commands, hidden = [], []
    for path in DOCS:
        doc = str(path.relative_to(REPO_ROOT))
        for lang, start, body in _blocks(path):
            if lang in SHELL:
                commands += _shell_commands(doc, start, body)
            elif lang == "console":
                commands += _console_commands(doc, start, body)
            elif lang in ("", "text"):
                hidden += [f"{doc}:{start + i}: {line}" for i, line in enumerate(body, 1) if COMMANDISH.match(line)]
    return commands, hidden


COMMANDS, HIDDEN = extract()


def _not_run(cmd: Command) -> str | None:
    return next((why for prefix, why in NOT_RUN.items() if cmd.text.startswith(prefix)), None)


def _needs_server(cmd: Command) -> bool:
    return cmd.text.startswith(NEEDS_SERVER)


LOCAL = [c for c in COMMANDS if not _not_run(c) and not _needs_server(c)]
SERVER = [c for c in COMMANDS if _needs_server(c)]


def test_commands_are_found_and_none_hides_outside_a_shell_block() -> None:
    assert not HIDDEN, "label these blocks sh (runnable) or move the syntax into prose:\n" + "\n".join(HIDDEN)
    docs = {c.doc for c in COMMANDS}
    assert {"README.md", "docs/policies.md", "docs/audit.md"} <= docs
    assert len(LOCAL) >= 20 and SERVER


@dataclass
class Sandbox:
    root: Path
    env: dict[str, str]
    port: int


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory, redis_url: str) -> Iterator[Sandbox]:
    """A checkout as a new user has it (examples copied: `keys add` writes there), with the demo gateway serving."""
    root = tmp_path_factory.mktemp("docs")
    for name in ("policies", "eval", "bench", "docs", "detectors", "gateway", "tests", ".venv", "Makefile", "pyproject.toml"):
        (root / name).symlink_to(REPO_ROOT / name)
    shutil.copytree(REPO_ROOT / "examples", root / "examples")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEKISHO_")}
    env.update(PATH=f"{REPO_ROOT / '.venv' / 'bin'}{os.pathsep}{env.get('PATH', '')}", PYTHONUNBUFFERED="1")
    port = free_port()
    log = (root / "serve.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "gateway.cli", "serve", "--port", str(port)], cwd=root, env=env,
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, (root / "serve.log").read_text()
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the demo gateway did not start"
            time.sleep(0.2)
        box = Sandbox(root, env, port)
        # The docs' audit commands read the demo's log: the README's own requests write it first.
        for cmd in SERVER:
            if cmd.doc == "README.md":
                _run(box, cmd, redis_url)
        yield box
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def _run(box: Sandbox, cmd: Command, redis_url: str = "") -> subprocess.CompletedProcess[str]:
    text = cmd.text.replace(DEMO_PORT, f"127.0.0.1:{box.port}")
    if redis_url:
        text = text.replace(DEMO_REDIS, redis_url)
    result = subprocess.run(["bash", "-c", text], cwd=box.root, env=box.env, capture_output=True, text=True,
                            timeout=300, stdin=subprocess.DEVNULL)  # fmt: skip
    assert result.returncode == cmd.status, f"{cmd.id}: {cmd.text}\nexit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def _normalise(text: str) -> str:
    text = text.replace(str(REPO_ROOT) + "/", "")
    text = re.sub(r"version [0-9a-f]{20}", "version <version>", text)
    text = re.sub(r"\bline \d+\b", "line <n>", text)
    text = re.sub(r"\b\d+\.\d+ ?s\b", "<seconds>", text)
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


@pytest.mark.parametrize("cmd", LOCAL, ids=[c.id for c in LOCAL])
def test_command_runs_as_written(sandbox: Sandbox, cmd: Command) -> None:
    result = _run(sandbox, cmd)
    if cmd.output is not None:
        assert _normalise(result.stdout) == _normalise(cmd.output), f"{cmd.id}: the sample output is stale"


@pytest.mark.parametrize("cmd", SERVER, ids=[c.id for c in SERVER])
def test_commands_that_need_the_server(sandbox: Sandbox, cmd: Command, redis_url: str) -> None:
    if "audit collect" in cmd.text:
        # The session's Redis may hold other tests' audit streams, signed with other keys.
        flushall(redis_url)
    result = _run(sandbox, cmd, redis_url)
    if cmd.text.startswith("curl "):
        assert '"choices"' in result.stdout, result.stdout


def test_readme_python_example_runs_against_the_server(sandbox: Sandbox) -> None:
    code = next(
        "\n".join(body) for lang, _, body in _blocks(REPO_ROOT / "README.md") if lang == "python" and "OpenAI(" in "\n".join(body)
    )
    code = code.replace(DEMO_PORT, f"127.0.0.1:{sandbox.port}")
    result = subprocess.run([sys.executable, "-c", code], cwd=sandbox.root, env=sandbox.env, capture_output=True,
                            text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "市民課の窓口案内を三行で" in result.stdout and "こんにちは" in result.stdout


def test_readme_config_is_the_starter_file() -> None:
    """The README's sekisho.yaml is examples/sekisho.yaml, which loads and starts (tests/examples)."""
    block = next(
        "\n".join(body) for lang, _, body in _blocks(REPO_ROOT / "README.md") if lang == "yaml" and "models:" in "\n".join(body)
    )
    starter = (REPO_ROOT / "examples" / "sekisho.yaml").read_text(encoding="utf-8")
    body = starter[starter.index("server:"):]
    assert block.strip() == body.strip()


def test_every_skipped_command_says_why() -> None:
    skipped = [c for c in COMMANDS if _not_run(c)]
    assert all(_not_run(c) for c in skipped)
    unused = [p for p in NOT_RUN if not any(c.text.startswith(p) for c in COMMANDS)]
    assert not unused, f"NOT_RUN entries that match no command any more: {unused}"
