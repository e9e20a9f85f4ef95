"""IP_ADDRESS: IPv4 dotted quads and IPv6 addresses."""

from __future__ import annotations

import ipaddress
import re
from typing import Final

from detectors.detector import Artifacts
from detectors.ids.base import finding
from detectors.model import Finding

_OCTET: Final = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
_V4_RE: Final = re.compile(rf"(?<![0-9.])(?:{_OCTET}\.){{3}}{_OCTET}(?:/(?:3[0-2]|[12]?[0-9]))?(?![0-9]|\.[0-9])")
# "バージョン 10.2.3.4", "ver.1.2.3.4": dotted version numbers are not addresses.
_VERSION_BEFORE_RE: Final = re.compile(r"(?:バージョン|[Vv]ersion|[Vv]er\.?|[Vv]\.?|リリース)[ \t:：]*$")
# A software update from one dotted version to the next (4.12.0.33 から 4.12.1.2 に更新): both are versions,
# unless the line speaks of addresses (IPアドレスを 10.0.0.1 から 10.0.0.2 に更新).
_STEP_RE: Final = re.compile(r"[ \t]*(?:から|→|->|⇒|to)[ \t]*[0-9]+(?:\.[0-9]+){2,}|(?:から|→|->|⇒|to)[ \t]*$")
_UPDATE_RE: Final = re.compile(r"更新|アップデート|アップグレード|バージョンアップ|[Uu]pdate|[Uu]pgrade")
_ADDRESS_WORD_RE: Final = re.compile(r"IP|ＩＰ|アドレス|[Aa]ddress|サブネット|ゲートウェイ|[Gg]ateway")
# Cheap first pass: sre skips ahead to digits; the exact pattern then checks octets and edges.
_V4_CANDIDATE_RE: Final = re.compile(r"[0-9][0-9]{0,2}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}")
# Opens with a hex digit (the look-behind follows it) so sre can skip ahead; a bare "::1" is not sought.
_V6_RE: Final = re.compile(
    r"[0-9A-Fa-f](?<![0-9A-Za-z:][0-9A-Fa-f])[0-9A-Fa-f]{0,3}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\.[0-9.]+)?(?![0-9A-Za-z:])"
)


class IpAddressDetector:
    """IPv4 (optionally with a /prefix) and IPv6, validated by the ipaddress module."""

    id = "ids.ip_address"
    entities = ("IP_ADDRESS",)

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        norm = artifacts.normalized.text
        out: list[Finding] = []
        if "." in norm:
            for c in _V4_CANDIDATE_RE.finditer(norm):
                m = _V4_RE.match(norm, c.start())
                if m and not _VERSION_BEFORE_RE.search(norm, max(0, m.start() - 12), m.start()) and not _updated(norm, m.start(), m.end()):
                    out.append(finding(artifacts, "IP_ADDRESS", m.start(), m.end(), 0.85, self.id))
        if ":" in norm:
            for m in _V6_RE.finditer(norm):
                candidate = m.group()
                # "std::abs" or a bare "::1" in code is not worth a finding; real addresses have hex groups.
                groups = [g for g in candidate.split(":") if g]
                if len(groups) < 2 or sum(len(g) for g in groups) < 5:
                    continue
                try:
                    ipaddress.IPv6Address(candidate)
                except ValueError:
                    continue
                out.append(finding(artifacts, "IP_ADDRESS", m.start(), m.end(), 0.85, self.id))
        return out


def _updated(text: str, s: int, e: int) -> bool:
    """A version in a step of an update: `X から Y` (or →) with an update word in the line, and no word for addresses."""
    a = text.rfind("\n", 0, s) + 1
    b = text.find("\n", e)
    line = text[a : b if b >= 0 else len(text)]
    if not _UPDATE_RE.search(line) or _ADDRESS_WORD_RE.search(line):
        return False
    return _STEP_RE.match(text, e) is not None or _STEP_RE.search(text, max(a, s - 6), s) is not None
