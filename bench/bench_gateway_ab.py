"""Gateway CPU per request, source tree against source tree, interleaved: an A/B for a noisy machine.

Run from the repository root:
    git worktree add /tmp/before <the commit before the change>
    .venv/bin/python -m bench.bench_gateway_ab /tmp/before . [--procs 3 --rounds 12 --n 50]

Each gateway imports everything (gateway, detectors, policies) from its own tree: the trees should
differ only in what is being compared.

One recording upstream; `--procs` gateways (`sekisho serve`) per tree, each with PYTHONPATH set to
its tree, all running at once. Each round sends `--n` sequential requests to every gateway in turn
(the order reversed every other round), so drift on the machine falls on every tree alike. CPU is
the gateway process's run time summed over its threads (/proc/<pid>/task/*/schedstat, ns), divided
by the requests. Process-to-process differences of the same tree reach ~0.4 ms here: compare trees
over several processes, not one.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import yaml  # noqa: E402

from bench.bench_gateway import KEY, PERSONAL, PUBLIC, config  # noqa: E402
from bench.bench_upstream_clients import install_network_guard, upstream_process  # noqa: E402
from tests.support.servers import free_port, stop_process  # noqa: E402


def cpu_s(pid: int) -> float:
    """Run time of every thread of a process, in seconds (ns resolution, unlike utime's 10 ms ticks)."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            total += int(Path(f"/proc/{pid}/task/{task}/schedstat").read_text().split()[0])
        except (OSError, ValueError):
            pass  # a thread that ended between listdir and read
    return total / 1e9


@contextmanager
def gateway(tree: Path, workdir: Path, upstream_v1: str) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    workdir.mkdir(parents=True)
    path = workdir / "sekisho.yaml"
    path.write_text(yaml.safe_dump(config(upstream_v1), allow_unicode=True), encoding="utf-8")
    port = free_port()
    env = {**os.environ, "BENCH_UPSTREAM_KEY": "bench-not-a-secret", "PYTHONPATH": str(tree), "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "gateway.cli", "serve", "--config", str(path), "--port", str(port), "--log-level", "warning"]
    with (workdir / "gateway.log").open("wb") as log:
        proc = subprocess.Popen(cmd, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/healthz", trust_env=False).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gateway from {tree} did not start; see {workdir / 'gateway.log'}")
            time.sleep(0.1)
        yield proc, url
    finally:
        stop_process(proc)


async def send(client: httpx.AsyncClient, url: str, prompt: str, n: int) -> list[float]:
    """Send `n` requests one after another; their wall times in ms."""
    body = {"model": "gpt-overseas", "messages": [{"role": "user", "content": prompt}]}
    walls = []
    for _ in range(n):
        t0 = time.perf_counter()
        r = await client.post(url + "/v1/chat/completions", json=body, headers={"authorization": f"Bearer {KEY}"})
        walls.append((time.perf_counter() - t0) * 1000)
        r.raise_for_status()
        if r.json()["choices"][0]["message"]["content"] != prompt:
            raise RuntimeError("the answer is not the prompt restored")
    return walls


async def measure(
    gateways: list[tuple[int, subprocess.Popen[bytes], str]], prompt: str, n: int, rounds: int
) -> tuple[dict[int, list[float]], dict[int, list[float]]]:
    """CPU ms per request, and the median wall time of a request (ms), per gateway and round."""
    out: dict[int, list[float]] = {i: [] for i in range(len(gateways))}
    walls: dict[int, list[float]] = {i: [] for i in range(len(gateways))}
    async with httpx.AsyncClient(trust_env=False, timeout=30) as client:
        for _, _, url in gateways:
            await send(client, url, prompt, 20)
        for r in range(rounds):
            order = list(range(len(gateways)))
            for i in order if r % 2 == 0 else reversed(order):
                _, proc, url = gateways[i]
                before = cpu_s(proc.pid)
                walls[i].append(statistics.median(await send(client, url, prompt, n)))
                out[i].append((cpu_s(proc.pid) - before) * 1000 / n)
    return out, walls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "trees", nargs="*", type=Path, help="source trees, the first the baseline (default: this tree twice, the noise floor)"
    )
    parser.add_argument("--procs", type=int, default=3, help="gateway processes per tree (default 3)")
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--n", type=int, default=50, help="requests per gateway per round (default 50)")
    parser.add_argument("--case", choices=("allow", "pseudonymise"), default="allow")
    args = parser.parse_args()
    install_network_guard()
    prompt = PUBLIC if args.case == "allow" else PERSONAL
    trees = [t.resolve() for t in args.trees] or [ROOT, ROOT]
    print(f"loadavg at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="sekisho-ab-") as tmp, upstream_process("openai") as up, ExitStack() as stack:
        gateways = []
        for p in range(args.procs):
            for t, tree in enumerate(trees):
                proc, url = stack.enter_context(gateway(tree, Path(tmp) / f"t{t}-p{p}", up.url + "/v1"))
                gateways.append((t, proc, url))
        per_gateway, wall_gateway = asyncio.run(measure(gateways, prompt, args.n, args.rounds))
    per_tree: dict[int, list[float]] = {t: [] for t in range(len(trees))}
    wall_tree: dict[int, list[float]] = {t: [] for t in range(len(trees))}
    for i, (t, _, _) in enumerate(gateways):
        per_tree[t].extend(per_gateway[i])
        wall_tree[t].extend(wall_gateway[i])
    base = statistics.fmean(per_tree[0])
    print(f"{args.case}: {args.procs} process(es) x {args.rounds} rounds x {args.n} requests per tree; gateway CPU ms per request")
    for t, tree in enumerate(trees):
        v = per_tree[t]
        print(f"  {str(tree):40s} mean {statistics.fmean(v):6.3f} ({statistics.fmean(v) - base:+.3f})"
              f"  median {statistics.median(v):6.3f}  min {min(v):6.3f}")  # fmt: skip
    wall_base = statistics.median(wall_tree[0])
    print("wall time of a request (client to gateway to upstream and back), median of the rounds' medians, ms")
    for t, tree in enumerate(trees):
        w = statistics.median(wall_tree[t])
        print(f"  {tree!s:40s} {w:6.3f} ({w - wall_base:+.3f})")
    print(f"loadavg at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
