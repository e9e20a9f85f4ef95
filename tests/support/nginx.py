"""A real nginx in front of gateway processes: round-robin on loopback, run in the foreground from a tmp dir."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.support.servers import LOOPBACK, free_port, stop_process

DEFAULT_BINARY = "/usr/sbin/nginx"

_CONF = """
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream sekisho {{
{servers}
        keepalive 16;
    }}
    server {{
        listen {host}:{port};
        client_max_body_size 8m;
        client_body_buffer_size 8m;  # bodies stay in memory: the temp dir may not be writable by the workers
        location / {{
            proxy_pass http://sekisho;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_buffering off;
            proxy_read_timeout 300s;
        }}
    }}
}}
"""


def find_nginx() -> str | None:
    if Path(DEFAULT_BINARY).is_file():
        return DEFAULT_BINARY
    return shutil.which("nginx")


@contextmanager
def run_nginx(backends: Sequence[str], binary: str | None = None, timeout_s: float = 20.0) -> Iterator[str]:
    """Serve `http://127.0.0.1:PORT` balancing round-robin over `backends` (base URLs); stop at the end."""
    binary = binary or find_nginx()
    if binary is None:
        raise FileNotFoundError("nginx not found (apt-get install nginx)")
    with tempfile.TemporaryDirectory(prefix="sekisho-nginx-") as workdir:
        port = free_port()
        servers = "\n".join(f"        server {b.split('://', 1)[1].rstrip('/')};" for b in backends)
        conf = Path(workdir) / "nginx.conf"
        conf.write_text(_CONF.format(dir=workdir, servers=servers, host=LOOPBACK, port=port), encoding="utf-8")
        cmd = [binary, "-p", workdir, "-c", str(conf), "-e", f"{workdir}/error.log", "-g", "daemon off;"]
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://{LOOPBACK}:{port}"
        try:
            deadline = time.monotonic() + timeout_s
            while True:
                if proc.poll() is not None:
                    log = (Path(workdir) / "error.log").read_text(errors="replace") if (Path(workdir) / "error.log").exists() else ""
                    raise RuntimeError(f"nginx exited with {proc.returncode}:\n{log[-2000:]}")
                try:
                    if httpx.get(url + "/healthz", timeout=1.0, trust_env=False).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise TimeoutError("nginx did not answer in time")
                time.sleep(0.05)
            yield url
        finally:
            stop_process(proc, grace_s=10)
