"""Prometheus metrics derived from audit records, in a registry of their own (no global state)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from gateway.audit.record import AuditRecord

_LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120)
_OVERHEAD_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)


class Metrics:
    """Request counters and latency histograms; `observe` one record, `render` for /metrics."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "sekisho_requests",
            "Requests handled, by policy action, level, model, zone and outcome.",
            ("action", "level", "model", "zone", "outcome"),
            registry=self.registry,
        )
        self.overhead = Histogram(
            "sekisho_gateway_overhead_seconds",
            "Time the gateway itself added to a request (everything but the upstream call).",
            buckets=_OVERHEAD_BUCKETS,
            registry=self.registry,
        )
        self.upstream = Histogram(
            "sekisho_upstream_latency_seconds",
            "Upstream model latency.",
            ("model",),
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.detector = Histogram(
            "sekisho_detector_seconds",
            "Time spent detecting personal data and classifying the level.",
            buckets=_OVERHEAD_BUCKETS,
            registry=self.registry,
        )
        self.entities = Counter(
            "sekisho_entities_detected",
            "Entities found in prompts, by type.",
            ("type",),
            registry=self.registry,
        )
        self.audit_failures = Counter(
            "sekisho_audit_write_failures",
            "Audit records that could not be written (or published), by sink.",
            ("sink",),
            registry=self.registry,
        )

        self.policy_reloads = Counter(
            "sekisho_policy_reload",
            "Policy reload attempts: ok (the file on disk is in force) or rejected (refused; the previous policy stays).",
            ("result",),
            registry=self.registry,
        )
        self.policy_rejected = Gauge(
            "sekisho_policy_file_rejected",
            "1 while the policy file on disk is refused and an older version is in force, else 0.",
            registry=self.registry,
        )
        self.policy_version = Info("sekisho_policy", "The policy version in force.", registry=self.registry)
        # Each labelled series of the per-request metrics, once looked up (`labels()` checks its
        # arguments and takes a lock every call; a series, once made, lives as long as its metric).
        self._children: dict[tuple[object, tuple[str, ...]], Any] = {}

    def policy_loaded(self, version: str) -> None:
        """The first load at start: the version in force, nothing rejected."""
        self.policy_version.info({"version": version})
        self.policy_rejected.set(0)

    def policy_reloaded(self, result: str, version: str) -> None:
        """One reload attempt (`PolicyStore.on_reload`)."""
        self.policy_reloads.labels(result=result).inc()
        self.policy_rejected.set(1 if result == "rejected" else 0)
        self.policy_version.info({"version": version})

    def observe(self, record: AuditRecord | Mapping[str, Any]) -> None:
        """Count one request from its audit record."""
        r = vars(record) if isinstance(record, AuditRecord) else record  # its fields, without a dump
        model = r.get("model_actual") or r.get("model_requested") or "none"
        labels = (r.get("action") or "none", r.get("level") or "none", model, r.get("zone") or "none", r["outcome"])
        _child(self._children, self.requests, labels).inc()
        self.overhead.observe(float(r.get("overhead_ms") or 0.0) / 1000)
        self.detector.observe(float(r.get("detector_ms") or 0.0) / 1000)
        if r.get("upstream_ms") is not None:
            _child(self._children, self.upstream, (model,)).observe(float(r["upstream_ms"]) / 1000)
        for etype, count in (r.get("entities") or {}).items():
            _child(self._children, self.entities, (etype,)).inc(count)

    def audit_failed(self, sink: str) -> None:
        """Count a record that did not reach `sink` ("file" or "stream")."""
        self.audit_failures.labels(sink=sink).inc()

    def render(self) -> tuple[bytes, str]:
        """The exposition body and its content type."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


def _child(children: dict[tuple[object, tuple[str, ...]], Any], metric: Counter | Histogram, labels: tuple[str, ...]) -> Any:
    """`metric.labels(*labels)`, looked up once per series."""
    key = (metric, labels)
    child = children.get(key)
    if child is None:
        child = children[key] = metric.labels(*labels)
    return child
