"""The kinds a request field can be, and the walk that applies them to a body.

Every value the body holds is reached through exactly one kind: it is scanned text, a checked enum,
a checked identifier (also scanned), a checked number or boolean, a container whose children are
declared, or free-form (keys, strings and numbers all scanned). Anything undeclared is free-form
or refused, as configured: there is no path by which a value is forwarded unread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from gateway.errors import BadRequest
from gateway.inspect.clean import BidiControls, cleaned
from gateway.inspect.refs import TextRef, key_ref, number_ref, value_ref

UnknownFields = Literal["scan", "reject"]
MAX_DEPTH = 64
# Integers this large can carry an identifier (a マイナンバー has 12 digits): they are read as text.
_SCANNED_INT = 100_000


class Walker:
    """Collects the texts of one body and raises BadRequest at the first value of the wrong kind.

    Texts are cleaned (see `clean.py`) as they are reached, in the body itself, before any ref to
    them or below them is taken: a renamed key is renamed before its value is visited.
    """

    __slots__ = ("_glue", "bidi", "refs", "resume", "resumed", "unknown")

    def __init__(self, unknown: UnknownFields, bidi: BidiControls = "clean", resume: tuple[str, int] | None = None) -> None:
        self.refs: list[TextRef] = []
        self.unknown = unknown
        self.bidi = bidi
        self._glue = False
        # (path of an array, first item to visit): its earlier items are known already and left unread;
        # `resumed` is then the [start, end) of the refs of the items visited.
        self.resume = resume
        self.resumed = (0, 0)

    def add(self, ref: TextRef) -> None:
        ref.glued, self._glue = self._glue, False
        self.refs.append(ref)

    def value(self, container: Any, key: Any, path: str, entity: str | None = None) -> None:
        text = container[key]
        clean = cleaned(text, path, self.bidi)
        if clean is not text:
            container[key] = clean
        ref = value_ref(container, key, path)
        ref.entity = entity
        self.add(ref)

    def key(self, mapping: dict[str, Any], name: str, path: str) -> str:
        """Add a key as text; returns its name after cleaning (the one to visit its value under)."""
        clean = cleaned(name, path, self.bidi)
        if clean is not name:
            key_ref(mapping, name, path).set(clean)
        self.add(key_ref(mapping, clean, path))
        return clean

    def glue_next(self, on: bool) -> None:
        self._glue = on

    def undeclared(self, container: dict[str, Any], key: str, path: str, depth: int) -> None:
        if self.unknown == "reject":
            raise BadRequest(
                f"{path}: 未対応の項目のため送信できません（設定 inspection.unknown_fields: reject）。"
                f" (unknown field `{path}` is refused)",
                code="unknown_field",
                param=path,
            )
        FREE.visit(self, container, self.key(container, key, path), path, depth + 1)


class Kind(Protocol):
    def visit(self, w: Walker, container: Any, key: Any, path: str, depth: int) -> None: ...

    def schema(self) -> dict[str, Any] | None:
        """The JSON Schema of what this kind accepts (None: nothing is accepted), for /openapi.json."""
        ...


def _bad(path: str, ja: str, en: str) -> BadRequest:
    return BadRequest(f"{path}: {ja} ({en})", param=path)


def _name(value: Any) -> str:
    return "null" if value is None else type(value).__name__


@dataclass(frozen=True, slots=True)
class Text:
    """A string scanned as text; with `entity`, the whole value is also that entity (a person's name field)."""

    entity: str | None = None

    def schema(self) -> dict[str, Any]:
        return {"type": "string"}

    def visit(self, w: Walker, container: Any, key: Any, path: str, depth: int) -> None:
        if not isinstance(container[key], str):
            raise _bad(path, "文字列で指定してください。", f"expected a string, got {_name(container[key])}")
        w.value(container, key, path, self.entity)


@dataclass(frozen=True, slots=True)
class Enum:
    """A string from a closed set; anything else is refused, since it would be forwarded as is."""

    values: frozenset[str]

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": sorted(self.values)}

    def visit(self, w: Walker, container: Any, key: Any, path: str, depth: int) -> None:
        value = container[key]
        if value not in self.values:
            # The value itself is not quoted back: free text here is what an attacker would put.
            allowed = ", ".join(sorted(self.values))
            raise _bad(path, f"使える値は {allowed} です。", f"value is not one of: {allowed}")


def enum(*values: str) -> Enum:
    return Enum(frozenset(values))


@dataclass(frozen=True, slots=True)
class Ident:
    """An identifier: checked against a strict pattern, and scanned (digits can still be personal)."""

    pattern: re.Pattern[str] = re.compile(r"[A-Za-z0-9_.:\-]{1,128}")

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": f"^{self.pattern.pattern}$"}

    def visit(self, w: Walker, container: Any, key: Any, path: str, depth: int) -> None:
        value = container[key]
        if not isinstance(value, str) or self.pattern.fullmatch(value) is None:
            raise _bad(
                path,
                "識別子には英数字と _ . : - だけを使えます。",
                f"identifier must match {self.pattern.pattern}",
            )
        w.value(container, key, path)


FUNCTION_NAME = Ident(re.compile(r"[A-Za-z0-9_\-]{1,64}"))
IDENT = Ident()


@dataclass(frozen=True, slots=True)
class Number:
    """A number (bool excluded); large integers are also read as text, since they can be identifiers."""

    integer: bool = False
    minimum: float | None = None
    maximum: float | None = None

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out

    def visit(self, w: Walker, container: Any, key: Any, path: str, depth: int) -> None:
        value = container[key]
        ok = isinstance(value, int) if self.integer else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok:
            what = "整数" if self.integer else "数値"
            raise _bad(path, f"{what}で指定してください。", f"expected a number, got {_name(value)}")
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            lo, hi = _fmt(self.minimum), _fmt(self.maximum)
            raise _bad(path, f"{lo} 以上 {hi} 以下で指定してください。", f"must be between {lo} and {hi}")
        if isinstance(value, int) and abs(value) >= _SCANNED_INT:
            ref = number_ref(container, key, path)
            w.add(TextRef(ref.path, ref.text, _typed_number(path, ref.text), entity=ref.entity))


def _fmt(bound: float | None) -> str:
    return "-" if bound is None else f"{bound:g}"


def _typed_number(path: str, text: str) -> Any:
    def setter(value: str) -> None:
        if value != text:
            raise _bad(path, "数値の項目に個人情報が含まれているため送信できません。", "personal data in a numeric field")

    return setter


@dataclass(frozen=True, slots=True)
class ModelName:
    """`model`: looked up in the registry (anything else is a 404 there) and replaced by the target's
    upstream name before sending, so its value never leaves."""

    def schema(self) -> dict[str, Any]:
        return {"type": "string"}

    def visit(self, w: Walker, container: Any, key: Any, path: str, depth: int) -> None:
        return None


@dataclass(frozen=True, slots=True)
class Bool:
    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}

    def visit(self, w: Walker, container: Any, key: Any, path: str, depth: int) -> None:
        if not isinstance(container[key], bool):
            raise _bad(path, "true または false で指定してください。", f"expected a boolean, got {_name(container[key])}")


@dataclass(frozen=True, slots=True)
class Nullable:
    """`null` or the inner kind."""

    inner: Kind

    def schema(self) -> dict[str, Any] | None:
        inner = self.inner.schema()
        return {"anyOf": [inner, {"type": "null"}]} if inner is not None else {"type": "null"}

    def visit(self, w: Walker, container: Any, key: Any, path: str, depth: int) -> None:
        if container[key] is not None:
            self.inner.visit(w, container, key, path, depth)


@dataclass(frozen=True, slots=True)
class Obj:
    """An object whose fields are declared; undeclared fields are free-form or refused, as configured."""

    fields: Mapping[str, Kind]
    required: frozenset[str] = frozenset()

    def schema(self) -> dict[str, Any]:
        props = {name: sub for name, kind in self.fields.items() if (sub := kind.schema()) is not None}
        out: dict[str, Any] = {"type": "object", "properties": props}
        if self.required:
            out["required"] = sorted(self.required)
        return out

    def visit(self, w: Walker, container: Any, key: Any, path: str, depth: int) -> None:
        value = container[key]
        if not isinstance(value, dict):
            raise _bad(path, "オブジェクトで指定してください。", f"expected an object, got {_name(value)}")
        self.visit_dict(w, value, path, depth)

    def visit_dict(self, w: Walker, value: dict[str, Any], path: str, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise BadRequest("リクエストの入れ子が深すぎます。 (request nested too deeply)")
        missing = self.required - value.keys()
        if missing:
            name = sorted(missing)[0]
            raise _bad(f"{path}.{name}".lstrip("."), "必須の項目がありません。", "required field missing")
        for name in list(value):
            sub = f"{path}.{name}".lstrip(".")
            kind = self.fields.get(name)
            if kind is None:
                w.undeclared(value, name, sub, depth)
            else:
                kind.visit(w, value, name, sub, depth + 1)


def obj(required: Iterable[str] = (), **fields: Kind) -> Obj:
    return Obj(fields, frozenset(required))


@dataclass(frozen=True, slots=True)
class Arr:
    """A list of one kind; `glue` joins the items' texts with no separator (parts of one message)."""

    item: Kind
    glue: bool = False
    non_empty: bool = False

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.schema() or {"not": {}}}
        if self.non_empty:
            out["minItems"] = 1
        return out

    def visit(self, w: Walker, container: Any, key: Any, path: str, depth: int) -> None:
        value = container[key]
        if not isinstance(value, list) or (self.non_empty and not value):
            raise _bad(path, "空でない配列で指定してください。" if self.non_empty else "配列で指定してください。", "expected an array")
        resumed = w.resume is not None and w.resume[0] == path
        first, start = (w.resume[1] if w.resume is not None and resumed else 0), len(w.refs)
        for i in range(first, len(value)):
            w.glue_next(self.glue and i > 0)
            self.item.visit(w, value, i, f"{path}[{i}]", depth + 1)
        w.glue_next(False)
        if resumed:
            w.resumed = (start, len(w.refs))


@dataclass(frozen=True, slots=True)
class OneOf:
    """One kind per JSON type (a string, or a list of parts)."""

    by_type: Mapping[type, Kind]

    def schema(self) -> dict[str, Any] | None:
        subs = [sub for kind in self.by_type.values() if (sub := kind.schema()) is not None]
        return {"anyOf": subs} if subs else None

    def visit(self, w: Walker, container: Any, key: Any, path: str, depth: int) -> None:
        value = container[key]
        kind = self.by_type.get(type(value))
        if kind is None:
            names = "/".join(_JSON_NAMES.get(t, t.__name__) for t in self.by_type)
            raise _bad(path, "形式が正しくありません。", f"expected {names}, got {_name(value)}")
        kind.visit(w, container, key, path, depth)


_JSON_NAMES = {str: "string", list: "array", dict: "object", int: "integer", float: "number", bool: "boolean"}


@dataclass(frozen=True, slots=True)
class Tagged:
    """Objects told apart by a tag field (`type`); a tag with no declared variant is refused."""

    variants: Mapping[str, Kind]
    tag: str = "type"
    default: str | None = None  # the variant of an object without the tag (a Responses message item)

    def schema(self) -> dict[str, Any] | None:
        subs = [sub for kind in self.variants.values() if (sub := kind.schema()) is not None]
        return {"oneOf": subs} if subs else None

    def visit(self, w: Walker, container: Any, key: Any, path: str, depth: int) -> None:
        value = container[key]
        if not isinstance(value, dict):
            raise _bad(path, "オブジェクトで指定してください。", f"expected an object, got {_name(value)}")
        tag = value.get(self.tag, self.default)
        kind = self.variants.get(tag) if isinstance(tag, str) else None
        if kind is None:
            allowed = ", ".join(sorted(self.variants))
            raise _bad(f"{path}.{self.tag}", f"使える種類は {allowed} です。", f"unsupported {self.tag}; expected one of: {allowed}")
        kind.visit(w, container, key, path, depth)


@dataclass(frozen=True, slots=True)
class Refused:
    """A field whose content cannot be scanned: its presence refuses the request."""

    error: BadRequest

    def schema(self) -> None:
        return None

    def visit(self, w: Walker, container: Any, key: Any, path: str, depth: int) -> None:
        raise BadRequest(f"{path}: {self.error.message}", code=self.error.code, param=path)


@dataclass(frozen=True, slots=True)
class Free:
    """Free-form: every key, string and number inside is scanned; booleans and nulls carry nothing."""

    def schema(self) -> dict[str, Any]:
        return {}

    def visit(self, w: Walker, container: Any, key: Any, path: str, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise BadRequest("リクエストの入れ子が深すぎます。 (request nested too deeply)")
        value = container[key]
        if isinstance(value, str):
            w.value(container, key, path)
        elif isinstance(value, bool) or value is None:
            return
        elif isinstance(value, (int, float)):
            w.add(number_ref(container, key, path))
        elif isinstance(value, dict):
            for name in list(value):
                if not isinstance(name, str):  # pragma: no cover - JSON keys are strings
                    raise _bad(path, "キーは文字列です。", "keys must be strings")
                self.visit(w, value, w.key(value, name, f"{path}.{name}"), f"{path}.{name}", depth + 1)
        elif isinstance(value, list):
            for i in range(len(value)):
                self.visit(w, value, i, f"{path}[{i}]", depth + 1)
        else:  # pragma: no cover - json.loads yields nothing else
            raise _bad(path, "形式が正しくありません。", f"unsupported value {_name(value)}")


FREE = Free()
MODEL = ModelName()
TEXT = Text()
BOOL = Bool()
INTEGER = Number(integer=True)
