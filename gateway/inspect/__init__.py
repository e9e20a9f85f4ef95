"""Whole-body inspection: every value of a request is declared as what it is, and every text found.

`chat_texts(body)` and `embedding_texts(body)` walk the body against the schema in
`gateway.inspect.openai`; the texts they return are scanned as one, transformed, and written back
with `write_back`, so the body sent upstream is the transformed one.
"""

from __future__ import annotations

import re
from typing import Any, Final, Literal

from gateway.errors import BadRequest
from gateway.inspect.fields import Obj, UnknownFields, Walker
from gateway.inspect.openai import CHAT, EMBEDDINGS
from gateway.inspect.refs import SEPARATOR, TextRef, joined, write_back

BidiControls = Literal["clean", "reject"]
# Embedding and override controls reorder what a reader sees (Trojan Source): a reviewer and a
# detector would read another text than the model.
_BIDI_RE: Final = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Tag characters spell ASCII invisibly, and models read them ("ASCII smuggling"): they are written
# out as the ASCII they stand for, so the detectors and the reviewer see what the model would.
_TAG_RE: Final = re.compile("[\U000e0000-\U000e007f]")
_TAGS_TO_ASCII: Final = {cp: (cp - 0xE0000 if 0xE0020 <= cp <= 0xE007E else None) for cp in range(0xE0000, 0xE0080)}


def chat_texts(body: dict[str, Any], unknown: UnknownFields = "scan", bidi: BidiControls = "clean") -> list[TextRef]:
    """Every text of a chat completions body; raises BadRequest on a value of the wrong kind."""
    return _texts(CHAT, body, unknown, bidi)


def embedding_texts(body: dict[str, Any], unknown: UnknownFields = "scan", bidi: BidiControls = "clean") -> list[TextRef]:
    """Every text of an embeddings body."""
    return _texts(EMBEDDINGS, body, unknown, bidi)


def _texts(schema: Obj, body: dict[str, Any], unknown: UnknownFields, bidi: BidiControls) -> list[TextRef]:
    w = Walker(unknown)
    schema.visit_dict(w, body, "", 0)
    for ref in w.refs:
        if _TAG_RE.search(ref.text) is not None:
            ref.text = ref.text.translate(_TAGS_TO_ASCII)
            ref.set(ref.text)
        if _BIDI_RE.search(ref.text) is None:
            continue
        if bidi == "reject":
            raise BadRequest(
                f"{ref.path}: 文字の表示順を入れ替える制御文字（双方向制御文字）が含まれているため送信できません。"
                "制御文字を取り除いてからもう一度お試しください。"
                " (text contains bidirectional override/isolate controls and is refused)",
                code="bidi_controls",
                param=ref.path,
            )
        ref.text = _BIDI_RE.sub("", ref.text)
        ref.set(ref.text)
    return w.refs


__all__ = ["SEPARATOR", "BidiControls", "TextRef", "chat_texts", "embedding_texts", "joined", "write_back"]
