"""The image, its documented `docker run` and examples/docker/sekisho.yaml agree on paths and mounts.

Docker is not installed where the tests run, so the paths are checked here the way the gateway resolves
them: the config is read from $SEKISHO_CONFIG, relative paths resolve next to it (a read-only mount),
and everything the gateway writes must land on the image's volume.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path, PurePosixPath

from gateway.config import load_config, resolve_path
from gateway.preflight import _secrets
from tests.support.servers import REPO_ROOT
from tests.test_docs_commands import COMMANDS

DOCKERFILE = (REPO_ROOT / "Dockerfile").read_text(encoding="utf-8")


def _dockerfile() -> dict[str, object]:
    env = dict(re.findall(r"\b(SEKISHO_CONFIG)=(\S+)", DOCKERFILE))
    volumes = re.findall(r'^VOLUME \["([^"]+)"\]', DOCKERFILE, re.M)
    workdirs = re.findall(r"^WORKDIR (\S+)", DOCKERFILE, re.M)
    cmd = re.search(r"^CMD (\[.*\])", DOCKERFILE, re.M)
    assert cmd is not None
    return {"config": env["SEKISHO_CONFIG"], "volumes": volumes, "workdir": workdirs[-1], "cmd": cmd.group(1)}


def _mounts(command: str) -> tuple[dict[str, tuple[str, bool]], list[str]]:
    """(container path -> (source, read-only), -e names) of a `docker run` line."""
    words = shlex.split(command.replace('"$PWD', '"/PWD'))
    mounts, env = {}, []
    for flag, value in zip(words, words[1:]):
        if flag == "-v":
            source, target, *mode = value.split(":")
            mounts[target] = (source, mode == ["ro"])
        elif flag == "-e":
            env.append(value.split("=")[0])
    return mounts, env


def test_documented_docker_run_matches_the_image_and_the_example_config() -> None:
    image = _dockerfile()
    runs = [c.text for c in COMMANDS if c.text.startswith("docker run")]
    assert len(runs) == 1, "one documented docker run"
    mounts, env = _mounts(runs[0])

    # The Dockerfile's own comment shows the same command.
    comment = " ".join(line.lstrip("# ").rstrip("\\ ") for line in DOCKERFILE.splitlines() if "docker run" in line or line.startswith("#       -e"))
    assert _mounts(comment) == (mounts, env)

    config_at = PurePosixPath(str(image["config"]))
    source, read_only = mounts[str(config_at.parent)]
    assert read_only and source == "/PWD/examples/docker"
    host_config = REPO_ROOT / "examples" / "docker" / config_at.name
    config, _ = load_config(host_config)

    container_config = Path(str(config_at))
    audit = resolve_path(container_config, config.audit.dir)
    assert audit is not None and audit.is_absolute()
    volume = next(v for v in image["volumes"] if str(audit).startswith(str(v) + "/"))  # type: ignore[attr-defined]
    assert volume in mounts and not mounts[volume][1], "the volume the gateway writes to is mounted read-write"
    assert image["workdir"] == volume
    assert re.search(rf"chown sekisho:sekisho {re.escape(volume)}", DOCKERFILE)

    # What the gateway reads resolves inside the read-only config mount.
    assert config.keys_file and (container_config.parent / config.keys_file).parent == container_config.parent
    if config.policy.path:
        assert str(resolve_path(container_config, config.policy.path)).startswith(str(config_at.parent) + "/")

    # CMD binds every interface, which the demo key forbids: the mounted config must turn it off.
    assert '"--host", "0.0.0.0"' in str(image["cmd"]) and not config.allow_demo_key
    # Every secret the config names is passed in with -e (none is unset inside the container).
    problems = _secrets(config)
    missing = {p.message.split()[0].lstrip("$") for p in problems}
    assert missing <= set(env), (missing, env)


def test_a_relative_audit_dir_would_land_on_the_read_only_config_mount() -> None:
    """Why the example gives audit.dir as an absolute path: relative paths follow the config file."""
    image = _dockerfile()
    container_config = Path(str(image["config"]))
    assert resolve_path(container_config, "var/audit") == container_config.parent / "var" / "audit"
    assert resolve_path(container_config, "/var/lib/sekisho/audit") == Path("/var/lib/sekisho/audit")
