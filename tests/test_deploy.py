"""deploy/: the shipped config loads strictly, compose has what the guide promises, nginx accepts its configs."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from gateway.config import load_config
from tests.support.nginx import find_nginx

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


@pytest.mark.parametrize("redis", ["redis://redis:6379", "redis://127.0.0.1:6379"])
def test_the_replica_config_loads_and_shares_everything_through_redis(tmp_path: Path, redis: str) -> None:
    text = (DEPLOY / "sekisho.yaml").read_text(encoding="utf-8").replace("redis://redis:6379", redis)
    (tmp_path / "sekisho.yaml").write_text(text, encoding="utf-8")
    cfg, _ = load_config(tmp_path / "sekisho.yaml")
    assert cfg.vault.redis_url == cfg.limits.redis_url == cfg.audit.redis_url == redis + "/0"
    assert not cfg.allow_demo_key and cfg.server.host == "0.0.0.0"
    local = cfg.model("local-llm")
    assert local is not None and len(local.deployments) == 2
    assert cfg.limits.departments["税務課"].budget_yen == 30000


def test_compose_runs_two_replicas_redis_with_persistence_and_nginx() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"gateway-1", "gateway-2", "redis", "nginx"} <= set(services)
    g1, g2 = services["gateway-1"], services["gateway-2"]
    assert g1["command"] == g2["command"] and g1["command"][:2] == ["sekisho", "serve"]
    assert {v.split(":")[0] for v in g1["volumes"]} ^ {v.split(":")[0] for v in g2["volumes"]} == {"audit-1", "audit-2"}
    assert "--appendonly" in services["redis"]["command"] and "yes" in services["redis"]["command"]
    assert services["nginx"]["ports"] == ["8080:80"]
    upstreams = re.findall(r"server (gateway-\d):8000", (DEPLOY / "nginx.conf").read_text(encoding="utf-8"))
    assert upstreams == ["gateway-1", "gateway-2"]


def test_the_systemd_unit_runs_sekisho_serve_on_its_instance_port() -> None:
    unit = (DEPLOY / "sekisho@.service").read_text(encoding="utf-8")
    exec_start = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    assert "sekisho serve --config /etc/sekisho/sekisho.yaml --host 127.0.0.1 --port %i" in exec_start
    ports = re.findall(r"server 127\.0\.0\.1:(\d+)", (DEPLOY / "nginx-vm.conf").read_text(encoding="utf-8"))
    assert ports == ["8001", "8002"]


@pytest.mark.parametrize("name", ["nginx.conf", "nginx-vm.conf"])
def test_nginx_accepts_the_configs(tmp_path: Path, name: str) -> None:
    binary = find_nginx()
    if binary is None:
        pytest.skip("nginx is not installed")
    text = (DEPLOY / name).read_text(encoding="utf-8")
    if name == "nginx.conf":  # the compose host names resolve only on the compose network
        conf = text.replace("gateway-1:8000", "127.0.0.1:8001").replace("gateway-2:8000", "127.0.0.1:8002")
    else:
        (tmp_path / "site.conf").write_text(text, encoding="utf-8")
        conf = f"events {{}}\nhttp {{ include {tmp_path}/site.conf; }}\n"
    (tmp_path / "nginx.conf").write_text(conf, encoding="utf-8")
    out = subprocess.run([binary, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "error.log"),
                          "-g", f"pid {tmp_path}/nginx.pid;"], capture_output=True, text=True, timeout=30)  # fmt: skip
    assert out.returncode == 0, out.stderr
