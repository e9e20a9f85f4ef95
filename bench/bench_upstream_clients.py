"""Per-call CPU and wall cost of the gateway's two upstream paths: pooled httpx vs litellm's SDK.

Run from the repository root:  .venv/bin/python -m bench.bench_upstream_clients [--n 200]

Each upstream (the recording servers the tests use) runs in its own process, so `time.process_time`
here counts only the client side; the server's CPU is read from /proc and shown separately.
Loopback only: an audit hook refuses any other connection.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gateway import offline  # noqa: E402  (sets the closed-network defaults before litellm is imported)
from tests.support import servers  # noqa: E402

_refused: list[str] = []


def _loopback_only(event: str, args: tuple[Any, ...]) -> None:
    # Mirrors tests/conftest.py: a benchmark that reached the internet would measure the wrong thing.
    if event == "socket.getaddrinfo":
        host = args[0]
    elif event == "socket.connect" and isinstance(args[1], tuple):
        host = args[1][0]
    else:
        return
    text = host.decode() if isinstance(host, bytes) else str(host)
    if text in ("127.0.0.1", "::1", "localhost", "None"):
        return
    _refused.append(f"{event} {text}")
    raise OSError(f"bench runs on loopback only: {event} to {text!r} refused")


def install_network_guard() -> None:
    """Refuse every non-loopback connection or DNS lookup made by this process."""
    sys.addaudithook(_loopback_only)


def refused() -> list[str]:
    """Connections the guard refused so far (should stay empty)."""
    return sorted(set(_refused))


# The same recording apps the tests use. By default uvicorn binds the port itself, as `sekisho serve`
# does, so asyncio sets TCP_NODELAY on accepted sockets. `tests.support.servers.serve_app` binds a
# socket created with proto=0, which asyncio's _set_nodelay skips: responses written in two pieces
# (h11 sends headers, then body) then wait ~40 ms for the client's delayed ACK. `--tests-socket`
# serves through `start_upstream` / `start_anthropic_upstream` unchanged, to show that cost.
_SERVER_CODE = """
import sys, threading, time
sys.path.insert(0, {root!r})
import uvicorn
from tests.support.servers import free_port
from tests.support.{module} import {cls}, {factory}
if {tests_socket!r}:
    with {factory}() as server:
        print(server.url, flush=True)
        sys.stdin.read()  # serve until the parent closes our stdin
else:
    server = {cls}()
    port = free_port()
    server.url = f"http://127.0.0.1:{{port}}"
    config = uvicorn.Config(server.app, host="127.0.0.1", port=port, log_level="warning", access_log=False, ws="none")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    while not uv.started:
        time.sleep(0.01)
    print(server.url, flush=True)
    sys.stdin.read()
    uv.should_exit = True
    thread.join(10)
"""
SERVERS = {
    "openai": ("upstream", "UpstreamServer", "start_upstream"),
    "anthropic": ("anthropic_upstream", "AnthropicServer", "start_anthropic_upstream"),
}


@dataclass(frozen=True)
class ServerProcess:
    """A recording upstream running in its own Python process."""

    url: str
    pid: int

    def cpu_s(self) -> float:
        """User + system CPU seconds the process has used so far (from /proc)."""
        return proc_cpu_s(self.pid)


def proc_cpu_s(pid: int) -> float:
    """User + system CPU seconds of another process (Linux /proc; tick resolution, 10 ms)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def upstream_process(kind: str, *, tests_socket: bool = False) -> Iterator[ServerProcess]:
    """Start the `openai` or `anthropic` recording upstream in a child process; stop it at the end."""
    module, cls, factory = SERVERS[kind]
    code = _SERVER_CODE.format(root=str(ROOT), module=module, cls=cls, factory=factory, tests_socket=tests_socket)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        if not url.startswith("http://127.0.0.1:"):
            raise RuntimeError(f"{kind} upstream did not start (exit code {proc.poll()})")
        yield ServerProcess(url=url, pid=proc.pid)
    finally:
        stop_process(proc)


def stop_process(proc: subprocess.Popen[Any]) -> None:
    """Close the child's stdin (its signal to stop), then terminate or kill it if it lingers."""
    if proc.stdin is not None:
        try:
            proc.stdin.close()
        except OSError:
            pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        servers.stop_process(proc, grace_s=5)


@dataclass(frozen=True)
class Result:
    name: str
    n: int
    wall_ms: list[float]
    cpu_ms_per_call: float
    server_cpu_ms_per_call: float

    def row(self) -> str:
        w = sorted(self.wall_ms)
        p95 = w[min(len(w) - 1, int(round(0.95 * (len(w) - 1))))]
        return (
            f"{self.name:<34} {self.n:>5} {statistics.fmean(w):>8.2f} {statistics.median(w):>8.2f} {p95:>8.2f}"
            f" {self.cpu_ms_per_call:>10.2f} {self.server_cpu_ms_per_call:>11.2f}"
        )


HEADER = (
    f"{'client -> server':<34} {'n':>5} {'mean ms':>8} {'p50 ms':>8} {'p95 ms':>8}"
    f" {'client CPU':>10} {'server CPU':>11}"
)

BODY = {
    "model": "echo",
    "messages": [{"role": "user", "content": "市民課の窓口案内を三行で書いてください。"}],
    "max_tokens": 64,
}


async def measure(
    name: str, call: Callable[[dict[str, Any]], Awaitable[Any]], server: ServerProcess, n: int, warmup: int
) -> Result:
    """`warmup` calls, then `n` timed sequential calls; client CPU from process_time, server CPU from /proc."""
    for _ in range(warmup):
        await call(dict(BODY))
    walls: list[float] = []
    server0, cpu0 = server.cpu_s(), time.process_time()
    for _ in range(n):
        t0 = time.perf_counter()
        answer = await call(dict(BODY))
        walls.append((time.perf_counter() - t0) * 1000)
        if not answer.get("choices"):
            raise RuntimeError(f"{name}: answer without choices")
    cpu = (time.process_time() - cpu0) * 1000 / n
    server_cpu = (server.cpu_s() - server0) * 1000 / n
    return Result(name, n, walls, cpu, server_cpu)


async def run_all(n: int, warmup: int, tests_socket: bool = False) -> list[Result]:
    from gateway.config import LiteLLMUpstream, OpenAIUpstream
    from gateway.upstream.http import new_clients
    from gateway.upstream.litellm_client import LiteLLM
    from gateway.upstream.openai_compat import OpenAICompatible

    os.environ["BENCH_UPSTREAM_KEY"] = "bench-not-a-secret"
    key = "env:BENCH_UPSTREAM_KEY"
    results = []
    openai_up, anthropic_up = upstream_process("openai", tests_socket=tests_socket), upstream_process(
        "anthropic", tests_socket=tests_socket
    )
    with openai_up as oa, anthropic_up as an:
        async with new_clients() as client:
            direct = OpenAICompatible(OpenAIUpstream(base_url=oa.url + "/v1", api_key=key), client)
            results.append(await measure("(a) OpenAICompatible -> openai", direct.chat, oa, n, warmup))
        via_litellm = LiteLLM(
            LiteLLMUpstream(type="litellm", model="openai/echo", api_key=key, params={"api_base": oa.url + "/v1"})
        )
        results.append(await measure("(b) LiteLLM openai/ -> openai", via_litellm.chat, oa, n, warmup))
        claude = LiteLLM(
            LiteLLMUpstream(
                type="litellm", model="anthropic/claude-3-5-sonnet-20241022", api_key=key, params={"api_base": an.url}
            )
        )
        results.append(await measure("(c) LiteLLM anthropic/ -> anthropic", claude.chat, an, n, warmup))
    return results


_IMPORT_CODE = """
import sys, time
sys.path.insert(0, {root!r})
from gateway import offline
offline.apply()
w, c = time.perf_counter(), time.process_time()
import {module}
print((time.perf_counter() - w) * 1000, (time.process_time() - c) * 1000)
"""


def import_cost(module: str) -> tuple[float, float]:
    """Wall and CPU ms to import `module` in a fresh interpreter (after the gateway's offline defaults)."""
    out = subprocess.run(
        [sys.executable, "-c", _IMPORT_CODE.format(root=str(ROOT), module=module)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    wall, cpu = out.stdout.split()
    return float(wall), float(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="timed calls per client (default 200)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed calls first (default 20)")
    parser.add_argument("--tests-socket", action="store_true", help="serve the upstreams exactly as the tests do")
    args = parser.parse_args()
    offline.apply()
    install_network_guard()
    print("$ .venv/bin/python -m bench.bench_upstream_clients " + shlex.join(sys.argv[1:]))
    print(f"cpus={os.cpu_count()} loadavg(1,5,15 min) at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    print("import cost in a fresh interpreter (wall ms / CPU ms, one run each):")
    for module in ("httpx", "litellm"):
        wall, cpu = import_cost(module)
        print(f"  import {module:<8} {wall:>8.0f} ms wall {cpu:>8.0f} ms CPU")
    print()
    results = asyncio.run(run_all(args.n, args.warmup, args.tests_socket))
    print(f"{args.n} sequential chat calls per row after {args.warmup} warm-up calls; per call:")
    print("  wall = perf_counter around the call; client CPU = this process's process_time / n;")
    print("  server CPU = the upstream process's utime+stime / n (separate process, /proc, 10 ms ticks)")
    print(HEADER)
    for r in results:
        print(r.row())
    base = results[0].cpu_ms_per_call
    print()
    for r in results[1:]:
        extra = r.cpu_ms_per_call - base
        print(f"  {r.name}: {extra:+.2f} ms client CPU per call vs (a), {r.cpu_ms_per_call / base:.1f}x")
    print(f"loadavg at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if refused():
        print(f"WARNING: non-loopback connections were refused: {refused()}")


if __name__ == "__main__":
    main()
