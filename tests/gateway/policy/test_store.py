"""Hot reload: a bad edit keeps the last good policy; swaps under load are atomic."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from detectors.model import Detection, Finding
from gateway.policy import Catalog, PolicyStore
from gateway.principal import Principal


def policy_text(rule_id: str, action: str, extra: str = "") -> str:
    message = "\n    message: 送れません。" if action == "block" else ""
    return (
        "version: 1\n"
        "levels: [{id: 機密性1}, {id: 機密性2}]\n"
        "classification:\n  rules: [{id: p, level: 機密性2, tags: [personal]}]\n"
        "rules:\n"
        f"  - id: {rule_id}\n    when: {{tags_any: [personal]}}\n    action: {action}{message}\n"
        f"  - id: rest-{rule_id}\n    action: allow\n{extra}"
    )


GOOD_A = policy_text("a-pseudonymize", "pseudonymize")
GOOD_B = policy_text("b-block", "block")
BAD_EDITS = {
    "unknown action": GOOD_B.replace("action: block", "action: blok"),
    "yaml syntax": GOOD_B.replace("tags_any: [personal]", "tags_any: [personal"),
    "duplicate id": GOOD_B.replace("rest-b-block", "b-block"),
    "unknown entity": GOOD_B.replace("tags_any: [personal]", "entities_any: [NAME]"),
    "unknown model": GOOD_B.replace("action: block\n    message: 送れません。", "action: reroute\n    reroute: {model: gpt-9}"),
    "wrong type": GOOD_B.replace("levels: [{id: 機密性1}, {id: 機密性2}]", "levels: 機密性1"),
    "empty file": "",
}
SCAN_TEXT = "山田太郎"
PROMPT = "山田太郎さんへの窓口予約の確認メールを作成してください。"


def scan():  # type: ignore[no-untyped-def]
    return Detection((Finding("PERSON", 0, 4, SCAN_TEXT, 0.9, "test"),), tags=frozenset({"personal"}))


def write_atomically(path: Path, text: str) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


@pytest.fixture
def policy_file(tmp_path: Path) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text(GOOD_A, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", list(BAD_EDITS))
def test_bad_edit_is_refused_and_the_last_good_policy_stays(
    policy_file: Path, catalog: Catalog, caplog: pytest.LogCaptureFixture, kind: str
) -> None:
    store = PolicyStore(policy_file, catalog, reload_interval_s=60)
    before = store.current()
    policy_file.write_text(BAD_EDITS[kind], encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="sekisho.policy"):
        assert store.reload() is False
    assert store.current() is before
    assert store.last_error is not None and store.last_error.startswith(f"{policy_file}:")
    assert any("policy reload refused" in r.getMessage() and str(policy_file) in r.getMessage() for r in caplog.records)
    # and the policy in force still decides as before
    d = store.current().decide(store.current().classify(scan()), Principal("u", "市民課"), catalog.models["gpt-4o"])
    assert (d.action, d.policy_version) == ("pseudonymize", before.version)
    # a corrected edit is then taken
    write_atomically(policy_file, GOOD_B)
    assert store.reload() is True
    assert store.last_error is None and store.current().rules[0].id == "b-block"


def test_unchanged_reload_keeps_the_same_object(policy_file: Path, catalog: Catalog) -> None:
    store = PolicyStore(policy_file, catalog)
    before = store.current()
    assert store.reload() is True
    assert store.current() is before and store.reloads == 0


def test_invalid_policy_at_start_is_fatal(tmp_path: Path, catalog: Catalog) -> None:
    from gateway.policy import PolicyError

    path = tmp_path / "policy.yaml"
    path.write_text(BAD_EDITS["unknown action"], encoding="utf-8")
    with pytest.raises(PolicyError, match=r"rules\[0\]\.action: 'blok' is not one of"):
        PolicyStore(path, catalog)


def wait_for(predicate, timeout: float = 5.0) -> float:  # type: ignore[no-untyped-def]
    t0 = time.monotonic()
    while not predicate():
        if time.monotonic() - t0 > timeout:
            raise AssertionError("timed out")
        time.sleep(0.02)
    return time.monotonic() - t0


def test_watcher_thread_picks_up_an_edit_within_seconds(policy_file: Path, catalog: Catalog) -> None:
    store = PolicyStore(policy_file, catalog, reload_interval_s=0.2)
    store.start()
    try:
        write_atomically(policy_file, GOOD_B)
        took = wait_for(lambda: store.current().rules[0].id == "b-block")
        assert took < 2.0
        policy_file.write_text(BAD_EDITS["yaml syntax"], encoding="utf-8")
        wait_for(lambda: store.last_error is not None)
        assert store.current().rules[0].id == "b-block"
    finally:
        store.stop()


def test_sighup_reloads_at_once(policy_file: Path, catalog: Catalog) -> None:
    store = PolicyStore(policy_file, catalog, reload_interval_s=60)
    previous = signal.getsignal(signal.SIGHUP)
    store.start()
    try:
        store.install_sighup()
        write_atomically(policy_file, GOOD_B)
        os.kill(os.getpid(), signal.SIGHUP)
        assert wait_for(lambda: store.current().rules[0].id == "b-block") < 2.0
    finally:
        store.stop()
        signal.signal(signal.SIGHUP, previous)


def test_async_watcher_picks_up_an_edit(policy_file: Path, catalog: Catalog) -> None:
    store = PolicyStore(policy_file, catalog, reload_interval_s=0.2)

    async def main() -> str:
        task = asyncio.create_task(store.run_watcher())
        try:
            write_atomically(policy_file, GOOD_B)
            for _ in range(100):
                await asyncio.sleep(0.05)
                if store.current().rules[0].id == "b-block":
                    break
            return store.current().rules[0].id
        finally:
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass

    assert asyncio.run(main()) == "b-block"


def test_dictionaries_are_part_of_the_watch_list_and_the_version(tmp_path: Path, catalog: Catalog) -> None:
    from gateway.policy.loader import load_policy

    words = tmp_path / "words.yaml"
    words.write_text("keywords:\n  入札: [予定価格]\n", encoding="utf-8")
    path = tmp_path / "policy.yaml"
    path.write_text(GOOD_A + "dictionaries: [words.yaml]\n", encoding="utf-8")
    first = load_policy(path, catalog, scanner=False)
    assert first.sources == (path, words.resolve())
    words.write_text("keywords:\n  入札: [予定価格, 最低制限価格]\n", encoding="utf-8")
    assert load_policy(path, catalog, scanner=False).version != first.version


def test_concurrent_reload_never_serves_a_half_loaded_policy(policy_file: Path, catalog: Catalog) -> None:
    """Many threads decide while the file flips between two policies and bad edits: every decision is
    consistent with the version it carries, and none fails."""
    from gateway.policy import load_policy

    # The version is the hash of the file's bytes, so each text has one known version.
    other = policy_file.with_name("b.yaml")
    other.write_text(GOOD_B, encoding="utf-8")
    rule_of = {
        load_policy(policy_file, catalog, scanner=False).version: "a-pseudonymize",
        load_policy(other, catalog, scanner=False).version: "b-block",
    }
    store = PolicyStore(policy_file, catalog, reload_interval_s=0.05)
    expected = {"a-pseudonymize": "pseudonymize", "b-block": "block"}
    errors: list[BaseException] = []
    seen: set[str] = set()
    count = [0]
    stop = threading.Event()
    detection = scan()
    gpt = catalog.models["gpt-4o"]

    def worker(use_scanner: bool) -> None:
        try:
            while not stop.is_set():
                policy = store.current()
                result = policy.scan(PROMPT) if use_scanner else policy.classify(detection)
                d = policy.decide(result, Principal("u", "市民課"), gpt)
                time.sleep(0)  # yield the GIL as a request handler would, so reloads are not starved
                assert d.policy_version == policy.version
                assert d.rule_id == rule_of[d.policy_version] == policy.rules[0].id
                assert d.action == expected[d.rule_id]
                seen.add(d.rule_id)
                count[0] += 1
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    # Half the workers run the real detectors of whichever policy they hold.
    threads = [threading.Thread(target=worker, args=(i % 2 == 0,)) for i in range(4)]
    for t in threads:
        t.start()
    store.start()
    try:
        for i in range(16):
            text = GOOD_B if i % 2 == 0 else GOOD_A
            if i % 5 == 0:
                policy_file.write_text(BAD_EDITS["duplicate id"], encoding="utf-8")
                if i % 10 == 0:
                    store.reload()
                else:
                    time.sleep(0.1)
            write_atomically(policy_file, text)
            if i % 3 == 0:
                assert store.reload() is True
            else:
                time.sleep(0.15)  # let the watcher take it
    finally:
        stop.set()
        for t in threads:
            t.join()
        store.stop()
    assert not errors, errors[0]
    assert seen == {"a-pseudonymize", "b-block"}
    assert count[0] > 100
    assert store.reloads >= 8


def test_a_broken_keyword_file_is_refused_like_a_broken_policy(tmp_path: Path, catalog: Catalog) -> None:
    words = tmp_path / "words.yaml"
    words.write_text("keywords:\n  入札: [予定価格]\n", encoding="utf-8")
    path = tmp_path / "policy.yaml"
    path.write_text(GOOD_A + "dictionaries: [words.yaml]\n", encoding="utf-8")
    store = PolicyStore(path, catalog, reload_interval_s=60)
    before = store.current()
    words.write_text("keyword:\n  入札: [予定価格]\n", encoding="utf-8")
    assert store.changed() and store.reload() is False
    assert store.current() is before
    assert store.last_error is not None and store.last_error.startswith(f"{words.resolve()}:1:1: keyword:")


def test_deleted_policy_file_keeps_the_last_good_policy(policy_file: Path, catalog: Catalog) -> None:
    store = PolicyStore(policy_file, catalog, reload_interval_s=60)
    before = store.current()
    policy_file.unlink()
    assert store.reload() is False
    assert store.current() is before and "cannot read" in (store.last_error or "")
