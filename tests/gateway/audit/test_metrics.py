from __future__ import annotations

from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from gateway.audit import AuditLog, Metrics
from tests.gateway.audit.factory import CASES, build


def samples(m: Metrics) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    body, content_type = m.render()
    assert content_type.startswith("text/plain; version=")
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for fam in text_string_to_metric_families(body.decode())
        for s in fam.samples
    }


def test_metrics_count_requests_and_latencies_per_instance() -> None:
    log = AuditLog(Path("/nonexistent"), hmac_key=b"k" * 32)
    m, other = Metrics(), Metrics()
    for n, case in enumerate(CASES):
        m.observe(build(log, case, n))
    m.observe(build(log, CASES[1], 9).model_dump())  # a plain dict (as read back from the log) works too
    got = samples(m)
    key = lambda **lb: ("sekisho_requests_total", tuple(sorted(lb.items())))  # noqa: E731
    assert got[key(action="mask", level="機密性2", model="gpt-4o", zone="overseas", outcome="ok")] == 2
    assert got[key(action="block", level="機密性3", model="gpt-4o", zone="none", outcome="blocked")] == 1
    assert got[key(action="reroute", level="機密性2", model="onprem-llm", zone="onprem", outcome="ok")] == 1
    assert got[("sekisho_gateway_overhead_seconds_count", ())] == 7
    assert got[("sekisho_gateway_overhead_seconds_bucket", (("le", "0.005"),))] == 7  # 4.2 ms each
    assert got[("sekisho_detector_seconds_count", ())] == 7
    # Blocked requests have no upstream latency.
    assert got[("sekisho_upstream_latency_seconds_count", (("model", "gpt-4o"),))] == 5
    assert got[("sekisho_entities_detected_total", (("type", "PERSON"),))] == 6
    assert not any(name.startswith("sekisho_requests_total") for name, _ in samples(other) if _)
