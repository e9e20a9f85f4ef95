"""Characters that make the model read another text than a reviewer or a detector does: written out or
removed before anything is scanned, so what is scanned is exactly what is sent."""

from __future__ import annotations

import re
from typing import Final, Literal

from gateway.errors import BadRequest

BidiControls = Literal["clean", "reject"]
# Embedding and override controls reorder what a reader sees (Trojan Source).
_BIDI_RE: Final = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Tag characters spell ASCII invisibly, and models read them ("ASCII smuggling"): they are written
# out as the ASCII they stand for, so the detectors and the reviewer see what the model would.
_TAG_RE: Final = re.compile("[\U000e0000-\U000e007f]")
_TAGS_TO_ASCII: Final = {cp: (cp - 0xE0000 if 0xE0020 <= cp <= 0xE007E else None) for cp in range(0xE0000, 0xE0080)}


def cleaned(text: str, path: str, bidi: BidiControls) -> str:
    """`text` with tag characters written out and bidi controls removed (or BadRequest when refused)."""
    if _TAG_RE.search(text) is not None:
        text = text.translate(_TAGS_TO_ASCII)
    if _BIDI_RE.search(text) is None:
        return text
    if bidi == "reject":
        raise BadRequest(
            f"{path}: 文字の表示順を入れ替える制御文字（双方向制御文字）が含まれているため送信できません。"
            "制御文字を取り除いてからもう一度お試しください。"
            " (text contains bidirectional override/isolate controls and is refused)",
            code="bidi_controls",
            param=path,
        )
    return _BIDI_RE.sub("", text)
