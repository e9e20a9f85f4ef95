"""Where a text sits in the request body, and how a transformed value is written back there."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from gateway.errors import BadRequest

# Texts of different fields are joined by a blank line for the one scan; parts of one message by
# nothing at all, so a value split across two parts is read as the one value it is.
SEPARATOR = "\n\n"


@dataclass(slots=True)
class TextRef:
    """One text of the request: a string value, a key, or a number read as text."""

    path: str
    text: str
    set: Callable[[str], None]
    glued: bool = False  # continues the text before it with no separator (parts of one message)
    is_key: bool = False  # written back after every value, so values are set under their old keys
    entity: str | None = None  # the whole value is this entity, whatever the detectors find (a participant's name)


def value_ref(container: Any, key: Any, path: str, *, glued: bool = False) -> TextRef:
    """A string value; a JSON document written with ASCII escapes is scanned, and sent, written out."""

    def setter(value: str) -> None:
        container[key] = value

    text = container[key]
    unescaped = _unescaped_json(text)
    if unescaped is not None:
        container[key] = text = unescaped
    return TextRef(path, text, setter, glued)


# A mobile or IP-phone number written as a JSON integer loses its leading 0 (090-1234-5678 becomes
# 9012345678): ten digits, 70/80/90/50 then a non-zero digit, as the numbering plan allocates them.
# Landline numbers (nine digits once the 0 is gone) are too close to ordinary counts to be read so.
_PHONE_WITHOUT_ZERO = re.compile(r"[5789]0[1-9][0-9]{7}")


def number_ref(container: Any, key: Any, path: str) -> TextRef:
    """A number in a free-form place, read as its digits; a transformed one is sent as a string."""

    def setter(value: str) -> None:
        if value != text:
            container[key] = value

    text = json.dumps(container[key])
    phone = isinstance(container[key], int) and _PHONE_WITHOUT_ZERO.fullmatch(text) is not None
    return TextRef(path, text, setter, entity="PHONE_NUMBER" if phone else None)


def key_ref(mapping: dict[str, Any], key: str, path: str) -> TextRef:
    """A dictionary key: renamed in place, keeping the order of the other keys."""

    current = [key]

    def setter(value: str) -> None:
        old = current[0]
        if value == old:
            return
        if value in mapping:
            raise BadRequest(
                f"{path}: 置き換えたキーが他のキーと重なるため送信できません。 (a masked key collides with another key)",
                param=path,
            )
        items = [(value if k == old else k, v) for k, v in mapping.items()]
        mapping.clear()
        mapping.update(items)
        current[0] = value

    return TextRef(path + "{key}", key, setter, is_key=True)


def _unescaped_json(text: str) -> str | None:
    if "\\u" not in text or text[:1] not in "[{\"":
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return json.dumps(value, ensure_ascii=False)


def joined(refs: Sequence[TextRef]) -> tuple[str, list[int]]:
    """All texts as one, so one scan sees the whole request; with each text's offset in it."""
    pieces: list[str] = []
    offsets: list[int] = []
    pos = 0
    for i, ref in enumerate(refs):
        if i and not ref.glued:
            pieces.append(SEPARATOR)
            pos += len(SEPARATOR)
        offsets.append(pos)
        pieces.append(ref.text)
        pos += len(ref.text)
    return "".join(pieces), offsets


_ITEM_RE = re.compile(r"(?:messages|input)\[\d+\]")


def segments(refs: Sequence[TextRef]) -> list[tuple[int, int]]:
    """[start, end) ranges of `refs`, one per message (and one per run of other fields): the unit a
    detection is cached by. Ranges start at a separator, so their texts joined make `joined(refs)`."""
    out: list[tuple[int, int]] = []
    group = None
    for i, ref in enumerate(refs):
        m = _ITEM_RE.match(ref.path)
        g = m.group() if m else ""
        if i == 0 or (g != group and not ref.glued):
            out.append((i, i + 1))
        else:
            out[-1] = (out[-1][0], i + 1)
        group = g
    return out


def write_back(refs: Sequence[TextRef], texts: Sequence[str]) -> None:
    """Set each transformed text where it came from: values first, then keys."""
    pairs = list(zip(refs, texts, strict=True))
    for ref, text in pairs:
        if not ref.is_key and text != ref.text:
            ref.set(text)
    for ref, text in pairs:
        if ref.is_key and text != ref.text:
            ref.set(text)
