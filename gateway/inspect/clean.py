"""Characters that make the model read another text than a reviewer or a detector does: removed
before anything is scanned, so what is scanned is exactly what is sent."""

from __future__ import annotations

import re
from typing import Final, Literal

from detectors.normalize import bidi_controls, remove_bidi_controls
from gateway.errors import BadRequest

BidiControls = Literal["clean", "reject"]
# Tag characters spell ASCII invisibly, and models read them ("ASCII smuggling"). They are removed,
# not written out: one tag letter inside a phone number would otherwise become a visible letter that
# breaks the number for the detectors while the model still reads it.
_TAG_RE: Final = re.compile("[\U000e0000-\U000e007f]+")


def cleaned(text: str, path: str, bidi: BidiControls) -> str:
    """`text` without tag characters and bidi controls (or BadRequest when bidi controls are refused)."""
    if _TAG_RE.search(text) is not None:
        text = _TAG_RE.sub("", text)
    if not bidi_controls(text):
        return text
    if bidi == "reject":
        raise BadRequest(
            f"{path}: 文字の表示順を入れ替える制御文字（双方向制御文字）が含まれているため送信できません。"
            "制御文字を取り除いてからもう一度お試しください。"
            " (text contains bidirectional override/isolate controls and is refused)",
            code="bidi_controls",
            param=path,
        )
    return remove_bidi_controls(text)
