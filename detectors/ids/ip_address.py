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
                if m and not _VERSION_BEFORE_RE.search(norm, max(0, m.start() - 12), m.start()):
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
