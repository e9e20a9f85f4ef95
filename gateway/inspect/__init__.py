"""Whole-body inspection: every value of a request is declared as what it is, and every text found.

`chat_texts(body)` and `embedding_texts(body)` walk the body against the schema in
`gateway.inspect.openai`; the texts they return are scanned as one, transformed, and written back
with `write_back`, so the body sent upstream is the transformed one.
"""

from __future__ import annotations

from typing import Any

from gateway.inspect.clean import BidiControls
from gateway.inspect.fields import Obj, UnknownFields, Walker
from gateway.inspect.openai import CHAT, EMBEDDINGS
from gateway.inspect.openai_responses import RESPONSES
from gateway.inspect.refs import SEPARATOR, TextRef, joined, segments, write_back


def chat_texts(body: dict[str, Any], unknown: UnknownFields = "scan", bidi: BidiControls = "clean") -> list[TextRef]:
    """Every text of a chat completions body; raises BadRequest on a value of the wrong kind."""
    return _texts(CHAT, body, unknown, bidi)


def chat_texts_from(
    body: dict[str, Any], first: int, unknown: UnknownFields = "scan", bidi: BidiControls = "clean"
) -> tuple[list[TextRef], int, int]:
    """`chat_texts` with the messages before `first` left unread (known from an earlier turn), and the
    [start, end) of the refs of the messages read."""
    w = Walker(unknown, bidi, ("messages", first))
    CHAT.visit_dict(w, body, "", 0)
    return w.refs, *w.resumed


def embedding_texts(body: dict[str, Any], unknown: UnknownFields = "scan", bidi: BidiControls = "clean") -> list[TextRef]:
    """Every text of an embeddings body."""
    return _texts(EMBEDDINGS, body, unknown, bidi)


def responses_texts(body: dict[str, Any], unknown: UnknownFields = "scan", bidi: BidiControls = "clean") -> list[TextRef]:
    """Every text of a Responses API body."""
    return _texts(RESPONSES, body, unknown, bidi)


def _texts(schema: Obj, body: dict[str, Any], unknown: UnknownFields, bidi: BidiControls) -> list[TextRef]:
    w = Walker(unknown, bidi)
    schema.visit_dict(w, body, "", 0)
    return w.refs


__all__ = ["SEPARATOR", "BidiControls", "TextRef", "chat_texts", "chat_texts_from", "embedding_texts", "joined", "responses_texts", "segments", "write_back"]
