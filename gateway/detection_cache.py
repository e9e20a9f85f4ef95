"""Detection results per message, cached: a conversation's turn N costs its new message, not all N.

Keyed by an HMAC of (detector fingerprint, policy version, message text), so a changed message, a
reloaded policy or an upgraded detector never reuses a result. Kept in an in-process LRU and, when
Redis is configured, shared across workers with a TTL. What is stored holds no text: entity types,
offsets, scores, marking labels and keyword-list names; a finding's text is cut from the message
again on the way out. Entries in Redis carry an HMAC of their own, so a tampered one is ignored.
Redis being away only costs speed: the message is scanned again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from detectors.model import Detection, Finding, Marking

if TYPE_CHECKING:
    from redis.asyncio import Redis

log = logging.getLogger("sekisho.detection_cache")

Detect = Callable[[Sequence[str]], Awaitable[list[Detection]]]


@cache
def detector_fingerprint() -> str:
    """A hash of the detectors package's code and data: results from other code are never reused."""
    h = hashlib.sha256()
    root = resources.files("detectors")
    stack = [root]
    files = []
    while stack:
        node = stack.pop()
        for child in node.iterdir():
            if child.is_dir():
                if child.name != "__pycache__":
                    stack.append(child)
            elif child.name.endswith((".py", ".yaml", ".txt", ".csv", ".json")):
                files.append(child)
    base = str(root)
    # Paths relative to the package: replicas installed in different places share results.
    for f in sorted(files, key=lambda p: str(p)):
        h.update(str(f)[len(base) :].encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


def _encode(d: Detection) -> bytes:
    payload = {
        "f": [[f.entity, f.start, f.end, f.score, f.detector] for f in d.findings],
        "m": [[m.label, m.start, m.end] for m in d.markings],
        "t": sorted(d.tags),
        "k": sorted(d.keywords),
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _decode(raw: bytes, text: str) -> Detection:
    return _rebuild(json.loads(raw), text)


def _rebuild(p: Any, text: str) -> Detection:
    """A detection from its stored form (no text in it) and the message it was found in."""
    return _assemble(_parsed(p), text)


# An entry ready to assemble: findings (type, start, end, score, detector), markings (label, start, end), tags, keywords.
_Entry = tuple[
    tuple[tuple[str, int, int, float, str], ...], tuple[tuple[str, int, int], ...], frozenset[str], frozenset[str]
]


def _parsed(p: Any) -> _Entry:
    """The stored form made ready to assemble: tuples and frozensets, built once per entry, no text."""
    return (
        tuple((e, s, t, float(sc), det) for e, s, t, sc, det in p["f"]),
        tuple((label, s, t) for label, s, t in p["m"]),
        frozenset(p["t"]),
        frozenset(p["k"]),
    )


def _assemble(p: _Entry, text: str) -> Detection:
    findings, markings, tags, keywords = p
    return Detection(
        findings=tuple([Finding(e, s, t, text[s:t], sc, det) for e, s, t, sc, det in findings]),
        markings=tuple([Marking(label, s, t, text[s:t]) for label, s, t in markings]) if markings else (),
        tags=tags,
        keywords=keywords,
    )


class DetectionCache:
    """In-process LRU of per-text detections, backed by Redis when one is given."""

    def __init__(self, key: bytes, *, max_entries: int = 20_000, redis: Redis | None = None, ttl_s: int = 3600) -> None:
        self._key = key
        self._max = max_entries
        # The stored bytes (for Redis) and their parsed form, so a hit costs no JSON parse. Neither holds text.
        self._lru: OrderedDict[str, tuple[bytes, _Entry]] = OrderedDict()
        # Per scope, the HMAC with its prefix (detector fingerprint, scope) already absorbed: a key costs
        # one copy and one update instead of keying the HMAC again for every message of every turn.
        self._prefixed: dict[str, Any] = {}
        self._redis = redis
        self._ttl = ttl_s
        self.hits = 0
        self.misses = 0

    def _id(self, scope: str, text: str) -> str:
        base = self._prefixed.get(scope)
        if base is None:
            if len(self._prefixed) >= 16:  # policy versions come and go: keep a few
                self._prefixed.clear()
            base = self._prefixed[scope] = hmac.new(
                self._key, f"{detector_fingerprint()}\0{scope}\0".encode(), "sha256"
            )
        h = base.copy()
        h.update(text.encode("utf-8", "surrogatepass"))
        return str(h.hexdigest())

    def _seal(self, ident: str, raw: bytes) -> bytes:
        return hmac.digest(self._key, ident.encode() + raw, "sha256").hex().encode() + b":" + raw

    def _open(self, ident: str, sealed: bytes) -> bytes | None:
        tag, _, raw = sealed.partition(b":")
        good = hmac.digest(self._key, ident.encode() + raw, "sha256").hex().encode()
        return raw if hmac.compare_digest(tag, good) else None

    async def detect(self, scope: str, texts: Sequence[str], run: Detect) -> list[Detection]:
        """The detections of `texts` under `scope` (the policy version): cached ones, and `run` for the rest."""
        ids = [self._id(scope, t) for t in texts]
        found: dict[int, Detection] = {}
        for i, ident in enumerate(ids):
            entry = self._lru.get(ident)
            if entry is not None:
                self._lru.move_to_end(ident)
                found[i] = _assemble(entry[1], texts[i])
        if self._redis is not None and len(found) < len(texts):
            await self._from_redis(ids, texts, found)
        missing = [i for i in range(len(texts)) if i not in found]
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        if missing:
            fresh = await run([texts[i] for i in missing])
            new: dict[str, bytes] = {}
            for i, d in zip(missing, fresh, strict=True):
                found[i] = d
                new[ids[i]] = _encode(d)
            for ident, raw in new.items():
                self._remember(ident, raw)
            if self._redis is not None:
                await self._to_redis(new)
        return [found[i] for i in range(len(texts))]

    def _remember(self, ident: str, raw: bytes) -> None:
        self._lru[ident] = (raw, _parsed(json.loads(raw)))
        self._lru.move_to_end(ident)
        while len(self._lru) > self._max:
            self._lru.popitem(last=False)

    async def _from_redis(self, ids: list[str], texts: Sequence[str], found: dict[int, Detection]) -> None:
        from redis.exceptions import RedisError

        redis = self._redis
        if redis is None:
            return
        want = [i for i in range(len(ids)) if i not in found]
        try:
            values = await redis.mget([f"sekisho:det:{ids[i]}" for i in want])
        except (RedisError, OSError) as exc:
            log.warning("detection cache: Redis unavailable (%s); scanning", type(exc).__name__)
            return
        for i, sealed in zip(want, values, strict=True):
            # The client answers bytes (no decode_responses); anything else is a miss.
            raw = self._open(ids[i], sealed) if isinstance(sealed, bytes) and sealed else None
            if raw is not None:
                try:
                    found[i] = _decode(raw, texts[i])
                except (ValueError, KeyError, TypeError):
                    continue
                self._remember(ids[i], raw)

    async def _to_redis(self, new: dict[str, bytes]) -> None:
        from redis.exceptions import RedisError

        redis = self._redis
        if redis is None:
            return
        try:
            async with redis.pipeline(transaction=False) as pipe:
                for ident, raw in new.items():
                    pipe.set(f"sekisho:det:{ident}", self._seal(ident, raw), ex=self._ttl)
                await pipe.execute()
        except (RedisError, OSError) as exc:
            log.warning("detection cache: Redis unavailable (%s); not shared", type(exc).__name__)

    async def aclose(self) -> None:
        if self._redis is not None:
            await self._redis.aclose()

    def stats(self) -> dict[str, Any]:
        return {"entries": len(self._lru), "hits": self.hits, "misses": self.misses}
