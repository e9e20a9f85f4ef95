"""`Taxonomy`: a compiled use-case taxonomy; classifies the newest user message by keywords and patterns.

One regular expression pass over at most a few thousand characters: no model, no morphology, so it
runs inline on the request path (tests/gateway/usecase/test_classify.py bounds its cost).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import ahocorasick_rs

from gateway.usecase.prefilter import needed_chars
from gateway.usecase.request_lines import HEAD as _HEAD
from gateway.usecase.request_lines import SHORT_CLOSING as _SHORT_CLOSING
from gateway.usecase.request_lines import TAIL as _TAIL
from gateway.usecase.request_lines import fold
from gateway.usecase.request_lines import request_lines as _request_line
from gateway.usecase.schema import BACKGROUND

# Every chat UI template has one of these (a markdown heading, LibreChat's ||>, a JSON or XML
# bracket, a run of English words, a transcript's "user:"/"human:" line or Dify's "User Input:", or
# simplified Chinese that a Japanese writer never types: 对话 标题 总结); Japanese staff text rarely does,
# so the signals are not tried. The UIs label a transcript's turns in English (USER:, User:/AI:,
# Human:/Assistant:, user:/assistant:); a log labelled 「ユーザー:」「アシスタント:」 is more often pasted by
# staff (「このチャットログにタイトルを付けて」), so with only that hint the traits must weigh `_JA_LOG_EXTRA` more.
_TEMPLATE_HINT = re.compile(
    r"##|\|\|>|[{<\[]|[a-z]{2,} [a-z]{2,} [a-z]{2,} [a-z]{2,}|\b(?:user|human|assistant|prompt|query)(?: input)? ?:|[对话标题总结语]"
)
_JA_LOG = re.compile(r"(?:ユーザー|アシスタント) ?:")
_JA_LOG_EXTRA = 3
# A UI's task works on the chat or on what staff typed, and its template names them (the chat, its
# history, the user's message, "the prompt", "the following query") or renders them (role labels, ||>).
# Staff asking in English for what a template returns ("Generate 3 search queries on … as JSON
# {"queries": …}") name neither, so a text without one is not scored by its traits.
_CHAT_REF = re.compile(
    r"conversation|chat|dialog|history|transcript|message|\buser|human|discussion|\|\|>|\b(?:prompt|query) ?:"
    r"|\b(?:the|this|following|previous|latest|user.s|here is the) (?:query|prompt|text|input)\b"
    r"|会話|チャット|やり取り|やりとり|履歴|对话|会话|聊天|利用者|ユーザー"
)
# A system message is scored only when it is about the chat (a UI's title, summary, tags or follow-ups of
# the conversation, in English, Japanese or Chinese) or instructs in Chinese (LobeChat's older templates;
# no Japanese administrator writes 你). An administrator's persona that "writes titles, only the title,
# 20 characters, no punctuation" for staff documents has a template's traits but is not about the chat.
_SYSTEM_HINT = re.compile(r"conversation|chat|dialog|transcript|会話|対話|チャット|やり取り|やりとり|履歴|对话|会话|聊天|你")
# A chat rendered into the message (role labels, ||>, tags, Dify's delimiters), a run of English
# words or a markdown heading: what a task sent after the chat's turns has (see `_background`).
_RENDERED_OR_ENGLISH = re.compile(
    r"\b(?:user|human|assistant|ai|response|bot) ?:|\|\|>|</?(?:chat_history|conversation|user|assistant)>"
    r"|\[(?:conversation|chat) (?:start|end)\]|## |[a-z]{2,} [a-z]{2,} [a-z]{2,} [a-z]{2,}"
)
# What `background()` answers for a template recognised by its traits rather than by a listed phrase.
GENERIC_TEMPLATE = "traits"


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    label: str
    description: str
    minutes_saved: float
    basis: str
    example: str


@dataclass(frozen=True, slots=True)
class Template:
    id: str
    label: str
    all_of: tuple[tuple[str, ...], ...]  # folded phrases; any group whose phrases all appear matches


@dataclass(frozen=True, eq=False)
class Taxonomy:
    """A loaded taxonomy. Immutable: a reload builds a new one and swaps the reference."""

    version: str
    path: Path
    name: str
    assumptions: str
    fallback: str
    follow_up_minutes: float
    categories: tuple[Category, ...]
    background_label: str
    templates: tuple[Template, ...]
    words_re: re.Pattern[str] = field(repr=False)
    # keyword (folded) → ((category index, weight), …)
    words: Mapping[str, tuple[tuple[int, int], ...]] = field(repr=False)
    # Each pattern alone: combined into one alternation they lose the engine's first-character
    # shortcut and cost ~20× more.
    patterns: tuple[tuple[re.Pattern[str], int, int], ...] = field(repr=False)
    # Traits chat UIs' templates share across versions, with weights; background at `threshold`.
    # (pattern, weight, counted only in a system message)
    signals: tuple[tuple[re.Pattern[str], int, bool], ...] = field(default=(), repr=False)
    # Traits read only in the first line of a user message: the cues that make a request staff's own.
    request_signals: tuple[tuple[re.Pattern[str], int], ...] = field(default=(), repr=False)
    threshold: int = 5
    system_threshold: int = 8
    # Categories of work done to given text, and what says a request points at such text.
    needs_material: frozenset[int] = field(default=frozenset(), repr=False)
    pointed_stays: frozenset[int] = field(default=frozenset(), repr=False)  # categories a pointed-at word keeps
    material_cue: re.Pattern[str] | None = field(default=None, repr=False)
    # System messages already judged, by digest (see `_system_is_template`).
    _system_seen: dict[bytes, bool] = field(default_factory=dict, repr=False, compare=False)

    def category(self, cid: str) -> Category | None:
        """The category with this id (None for `background` or an id this taxonomy does not know)."""
        return next((c for c in self.categories if c.id == cid), None)

    def label(self, cid: str | None) -> str:
        """The Japanese label of a category id as recorded; the id itself when unknown."""
        if cid == BACKGROUND:
            return self.background_label
        found = self.category(cid) if cid else None
        return found.label if found else (cid or "未分類")

    def minutes(self) -> dict[str, float]:
        """Minutes saved per request, per category id."""
        return {c.id: c.minutes_saved for c in self.categories}

    def background(self, text: str) -> str | None:
        """The id of the chat-UI template `text` is, or None."""
        return self._background(fold(text), raw=text)

    def _listed(self, folded: str) -> str | None:
        """The first template with a group whose phrases all appear.

        The phrases present are found in one Aho-Corasick pass (~2 µs for a short prompt, against ~10 µs
        for a substring test per phrase); most requests hold none, and only then are the groups read.
        """
        finder, groups, always = self._phrase_finder
        present = {i for i, _, _ in finder.find_matches_as_indexes(folded, overlapping=True)}
        if not present and not always:
            return None
        for ids, template_id in groups:
            if present.issuperset(ids):
                return template_id
        return None

    @cached_property
    def _phrase_finder(self) -> tuple[ahocorasick_rs.AhoCorasick, tuple[tuple[frozenset[int], str], ...], bool]:
        """The finder of every group's phrases, each group as the ids of its phrases, and whether a group
        matches any text (it has no phrase but the empty one, which every text holds)."""
        phrases = sorted({p for group, _ in self._groups for p in group if p})
        index = {p: i for i, p in enumerate(phrases)}
        groups = tuple((frozenset(index[p] for p in group if p), template_id) for group, template_id in self._groups)
        return ahocorasick_rs.AhoCorasick(phrases), groups, any(not ids for ids, _ in groups)

    @cached_property
    def _needed(self) -> tuple[frozenset[str] | None, ...]:
        return tuple(needed_chars(pattern) for pattern, _, _ in self.patterns)

    @cached_property
    def _groups(self) -> tuple[tuple[tuple[str, ...], str], ...]:
        return tuple((group, t.id) for t in self.templates for group in t.all_of)

    def _background(self, folded: str, threshold: int | None = None, raw: str = "", in_chat: bool = False) -> str | None:
        """The template `folded` is, by a listed phrase or by its traits' weights (at `threshold`).

        Only a text with a hint of a template is scored. A system message (given a higher
        `threshold`) has its own hint: it must be about the chat (`_SYSTEM_HINT`), since a Japanese
        translation of a system template has none of the user side's hints. `raw` is a user
        message as sent; staff's cues in its request's lines (`_request_line`) (「報告書に貼るので」
        「訳して」 "I can use") make the text staff's own request, a template pasted in it material.
        """
        found = self._listed(folded)
        if found is not None:
            return None if self._own(raw) < 0 else found
        if not self.signals:
            return None
        system = threshold is not None
        if threshold is not None:
            if _SYSTEM_HINT.search(folded) is None:
                return None
            need = threshold
        elif _CHAT_REF.search(folded) is None:
            return None
        elif in_chat and _RENDERED_OR_ENGLISH.search(folded) is None:
            # Staff asking within a chat about the chat itself (「この会話のタイトルを JSON で」): the UIs that
            # send a task after the chat's turns write it in English or with headings (LibreChat's checkpoint).
            return None
        elif _TEMPLATE_HINT.search(folded) is not None:
            need = self.threshold
        elif _JA_LOG.search(folded) is not None:
            need = self.threshold + _JA_LOG_EXTRA
        else:
            return None
        score = self._own(raw)
        for pattern, weight, system_only in self.signals:
            if (system or not system_only) and pattern.search(folded):
                score += weight
        return GENERIC_TEMPLATE if score >= need else None

    def _own(self, raw: str) -> int:
        """The weights of the staff cues (`only_in: request`) in a user message's request lines."""
        if not raw or not self.request_signals:
            return 0
        head = _request_line(raw)
        return sum(w for pattern, w in self.request_signals if pattern.search(head)) if head else 0

    def _system_is_template(self, system: str) -> bool:
        """Whether a system message is a UI's task template; remembered by a digest, never the text.

        A deployment sends the same few system messages (its administrator's prompt, its UIs'
        templates) over and over, and scoring one costs more than a user message's check.
        """
        key = hashlib.blake2b(system.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        known = self._system_seen.get(key)
        if known is None:
            known = self._background(fold(system), self.system_threshold) is not None
            if len(self._system_seen) >= _SYSTEM_SEEN_MAX:
                self._system_seen.clear()
            self._system_seen[key] = known
        return known

    def classify_text(self, text: str, in_chat: bool = False) -> str:
        """The category id of one user message (the fallback when nothing names a task).

        `in_chat`: the message follows an assistant's turn in the same request.
        """
        if len(text) > _HEAD + _TAIL:
            text = text[:_HEAD] + "\n" + text[-_TAIL:]
        folded = fold(text)
        if self._background(folded, raw=text, in_chat=in_chat) is not None:
            return BACKGROUND
        # A UI's retrieval template wraps what staff typed: classify that (Open WebUI's <user_query>).
        wrapped = _WRAPPED_QUERY.search(text)
        if wrapped is not None and wrapped.group(1).strip():
            text = wrapped.group(1)
        request, material = split_request(text)
        # Each word or pattern counts once, where it counts most: a word repeated through a pasted
        # document says what the document is about, not what is asked of it.
        best_zone: dict[int | str, int] = {}
        last_end: dict[int | str, int] = {}
        # Words right after この・下の…: material for most categories, the zone they would have had for a tool.
        pointed: dict[int | str, int] = {}
        for part, offset, in_request in ((request, 0, True), (material, len(request) + 1, False)):
            if not part:
                continue
            ends = [m.start() for m in _SENTENCE_END.finditer(part)] if in_request else []
            for m in self.words_re.finditer(part):
                _count(m.group(), m, part, ends, in_request, offset, best_zone, last_end, pointed)
            if not in_request:
                # In pasted material every match is one point of topic; the keywords say enough,
                # and skipping the patterns keeps a long paste cheap.
                continue
            chars = set(part)
            for n, ((pattern, _, _), needed) in enumerate(zip(self.patterns, self._needed, strict=True)):
                if needed is not None and needed.isdisjoint(chars):
                    continue  # a character every match contains is not in the text
                for m in pattern.finditer(part):
                    _count(n, m, part, ends, in_request, offset, best_zone, last_end, pointed)
        scores = [0] * len(self.categories)
        # On a tie, the task named last wins: Japanese puts the verb that says what to do at the end
        # (「通知文を要約して」 is a summary).
        latest = [0] * len(self.categories)
        for key, zone in best_zone.items():
            if isinstance(key, int):
                _, index, weight = self.patterns[key]
                if index in self.pointed_stays:
                    zone = max(zone, pointed.get(key, 0))
                scores[index] += _points(weight, zone)
                latest[index] = max(latest[index], last_end[key])
                continue
            for index, weight in self.words[key]:
                if weight > 1:
                    latest[index] = max(latest[index], last_end[key])
                scores[index] += _points(weight, max(zone, pointed.get(key, 0)) if index in self.pointed_stays else zone)
        if self.needs_material and not material and not (self.material_cue and self.material_cue.search(request)):
            for index in self.needs_material:
                scores[index] //= 3
        best = max(range(len(scores)), key=lambda i: (scores[i], latest[i], -i))
        return self.categories[best].id if scores[best] > 0 else self.fallback

    def classify(self, body: Mapping[str, Any]) -> str | None:
        """The category of a chat request: its newest user message, or a chat UI's background template.

        Chat completions (`messages`) and the Responses API (`input`, `instructions`) are read alike.
        """
        messages = body.get("messages")
        if messages is None and "input" in body:
            messages = _responses_messages(body)
        if not isinstance(messages, list):
            return None
        newest = None
        system = ""
        answered = False
        for m in messages:
            if not isinstance(m, dict):
                continue
            if m.get("role") == "user":
                newest = m
            elif m.get("role") == "assistant":
                answered = True
            elif m.get("role") in _SYSTEM_ROLES and not system:
                system = message_text(m)
        text = message_text(newest) if newest is not None else ""
        # Some UIs send their task template as the system message and the chat (or the staff request
        # itself, to be titled, translated or remembered) as the user's. The system side is read with a
        # higher bar: an administrator's own system prompt (「Respond only in Japanese」) has template-like
        # traits. Tools offered are not read: LibreChat also offers its memory tools to staff chats.
        if system and self._system_is_template(system[: _HEAD + _TAIL]):
            return BACKGROUND
        if not text.strip():
            return None if newest is None else self.fallback
        return self.classify_text(text, in_chat=answered)


_SYSTEM_ROLES = ("system", "developer")
_SYSTEM_SEEN_MAX = 1024


_WRAPPED_QUERY = re.compile(r"<user_query>(.*?)</user_query>", re.S | re.I)
# Where a sentence of the request ends: the words just before it are the deliverable (「…を要約して。」).
_SENTENCE_END = re.compile(r"[。！？!?（(\x01]|$")
# A task named only to be declined: 「やさしいことばはいらない」「議事録は別の人が作る」「返信は自分で書く」.
# The few characters between the word and the refusal stay inside one sentence: 「…を翻訳。不要な行は消して」
# asks for a translation, the 不要 belongs to the next sentence.
_DECLINED = re.compile(r"[^。．.！!？?\x01]{0,4}?(?:は|も)?(?:いらない|いりません|要らない|不要|じゃなく|ではなく|は別|自分で|しなくて|なしで)")
_POINTED = re.compile(r"(?:この|その|下の|以下の|次の|上の|上記の|下記の|添付の|前の)$")
_CLOSING_REACH = 10


def _points(weight: int, zone: int) -> int:
    """What one word or pattern adds at its zone.

    In pasted material (zone 1) every match is a topic, one point whatever its weight; a weak one
    (a plain keyword, a question's form) names a topic more than a request, so the closing verb's
    bonus is for the strong words and patterns that name the task.
    """
    if zone == 1:
        return 1
    return weight * (min(zone, 2) if weight == 1 else zone)


def _count(
    key: int | str,
    m: re.Match[str],
    part: str,
    ends: list[int],
    in_request: bool,
    offset: int,
    best_zone: dict[int | str, int],
    last_end: dict[int | str, int],
    pointed: dict[int | str, int],
) -> None:
    """Record one match at its zone: 1 in pasted material, 2 in the request, 3 just before a sentence end."""
    if in_request:
        if _DECLINED.match(part, m.end()):
            return
        # 「この通知文に」「下の案内文を」: a text pointed at is the material being worked on, not the deliverable.
        if _POINTED.search(part, max(0, m.start() - 4), m.start()):
            pointed[key] = max(pointed.get(key, 0), 2)
            best_zone.setdefault(key, 1)
            last_end[key] = offset + m.end()
            return
        nxt = ends[bisect_left(ends, m.end())] if ends and ends[-1] >= m.end() else len(part)
        zone = 3 if nxt - m.end() <= _CLOSING_REACH else 2
    else:
        zone = 1
    if zone > best_zone.get(key, 0):
        best_zone[key] = zone
    last_end[key] = offset + m.end()


# A line of pasted material, or the request said around it.
_ASKS = re.compile(r"(して|ください|下さい|ほしい|欲しい|たい|お願い|頼む|て[。.!！]?$|[?？]$|please|\?$)")
_INLINE_MATERIAL = re.compile(r"[：:]")
# A quotation long enough to be material to work on or someone else's words, not a term being named.
# Quoted words said by someone else (「道路の穴を直して」とメールが来た) are not the request either; a
# short quoted term (「やさしい日本語」に) is the request's own word.
_QUOTED = re.compile(r"[「\"“『]([^」\"”』]{8,})(?:[」\"”』]|$)")
_SHORT_REQUEST = 200


def split_request(text: str) -> tuple[str, str]:
    """(what is asked, what was pasted), each folded; request lines joined by \\x01 (a sentence end).

    The request is the first line, and the last one when it asks for something; whatever lies
    between them is material to work on, which says what the work is about, not what it is.
    """
    lines = [line for line in (fold(raw).strip() for raw in text.splitlines()) if line]
    if not lines:
        return "", ""
    body = lines[1:]
    asked = [lines[0]] if len(lines) == 1 or len(lines[0]) <= _SHORT_REQUEST else []
    if len(body) >= 2 and len(body[-1]) <= _SHORT_CLOSING and _ASKS.search(body[-1]):
        asked.append(body.pop())
    if not asked:
        asked, body = [lines[0]], body
    request, pasted = [], body
    for line in asked:
        head, rest = _inline(line)
        request.append(head)
        if rest:
            pasted = [rest, *pasted]
    return "\x01".join(request), " ".join(pasted)


def _inline(line: str) -> tuple[str, str]:
    """A request line that carries its material in long quotes or after a colon: (request, material)."""
    quoted = [m.group(1) for m in _QUOTED.finditer(line)]
    if quoted:
        line = _QUOTED.sub("「」", line)
    if len(line) >= 60:
        m = _INLINE_MATERIAL.search(line, 3)
        if m is not None and len(line) - m.end() >= 40:
            quoted.insert(0, line[m.end():])
            line = line[: m.start()]
    return line, " ".join(quoted)


def message_text(message: Mapping[str, Any]) -> str:
    """The text of one chat message: a string, or its text parts joined."""
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(
            p["text"]
            for p in content
            if isinstance(p, dict) and p.get("type") in _TEXT_PARTS and isinstance(p.get("text"), str)
        )
    return ""


_TEXT_PARTS = ("text", "input_text")


def _responses_messages(body: Mapping[str, Any]) -> list[Any] | None:
    """A Responses API body's `instructions` and `input` as chat messages."""
    given = body.get("input")
    out: list[Any] = []
    if isinstance(body.get("instructions"), str):
        out.append({"role": "system", "content": body["instructions"]})
    if isinstance(given, str):
        return [*out, {"role": "user", "content": given}]
    if not isinstance(given, list):
        return None
    # Items without a type are messages; function calls and their outputs are not what staff typed.
    return out + [i for i in given if isinstance(i, dict) and i.get("type", "message") == "message"]
