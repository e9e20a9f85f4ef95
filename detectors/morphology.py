"""One SudachiPy pass per text, shared by every detector through `Artifacts.cache`."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from detectors.detector import Artifacts

# Sudachi refuses inputs over 49,149 UTF-8 bytes; 12,000 characters stay below it even if every
# character took four bytes.
MAX_CHARS: Final = 12_000
# Sudachi and the lists built from its output run faster on short pieces than on long ones: over
# the stockmark test half, 12k pieces gave ~300k chars/s for a bare pass, 1,000 ~420k, 400 ~450k,
# and the whole detector set ran 15-20% faster at 400 than at 1,000. So texts are tokenised in
# pieces of at most this size, cut at a line or sentence end where there is one.
PIECE_CHARS: Final = 400

# Token kinds, from the part of speech; small ints so recognisers compare cheaply.
SEI, MEI, NAME, PLACE, PROPN, SUFFIX, NOUN, NUM, SYM, PUNCT, SPACE, PART, OTHER, PREFIX, VERB, COUNTRY = range(16)
NAME_KINDS: Final = frozenset({SEI, MEI, NAME})
PLACE_KINDS: Final = frozenset({PLACE, COUNTRY})
_CACHE_KEY: Final = "morphology.tokens"
# Sudachi's Rust core takes UTF-8 only; a lone surrogate (from broken JSON escapes) becomes U+FFFD,
# one character for one, so offsets do not move.
# Half a surrogate pair (an emoji cut by a client): neither Sudachi nor a Rust automaton takes one.
SURROGATE_RE: Final = re.compile("[\ud800-\udfff]")


def kind_class(kinds: frozenset[int] | set[int]) -> re.Pattern[bytes]:
    """A regex over `Tokens.kind_codes` matching one token of any of `kinds`."""
    return re.compile(b"[" + b"".join(re.escape(bytes([k])) for k in sorted(kinds)) + b"]")


def _kind(pos: tuple[str, ...]) -> int:
    p0, p1, p2, p3 = pos[0], pos[1], pos[2], pos[3]
    if p0 == "名詞":
        if p1 == "固有名詞":
            if p2 == "人名":
                return SEI if p3 == "姓" else MEI if p3 == "名" else NAME
            if p2 == "地名":
                return COUNTRY if p3 == "国" else PLACE
            return PROPN
        if p1 == "数詞":
            return NUM
        return NOUN
    if p0 == "接尾辞":
        return SUFFIX
    if p0 == "接頭辞":
        return PREFIX
    if p0 == "補助記号":
        return PUNCT if p1 in ("句点", "読点") else SYM
    if p0 == "空白":
        return SPACE
    if p0 == "助詞":
        return PART
    if p0 in ("動詞", "助動詞"):
        return VERB
    return OTHER


@dataclass(frozen=True, slots=True)
class Tokens:
    """Parallel lists, one entry per morpheme of `text` (the normalised text of one chunk)."""

    text: str
    begins: list[int]
    ends: list[int]
    kinds: list[int]
    oov: list[bool]
    # The kinds again as bytes, so recognisers can find tokens of a kind with a C-speed regex scan.
    kind_codes: bytes = field(init=False)
    # Out-of-vocabulary flags as bytes (1 = unknown word), found the same way: `oov_codes.find(1, i)`.
    oov_codes: bytes = field(init=False)
    # 1 where the token is a plain common noun (名詞,普通名詞,一般): a rare family name the dictionary
    # lists as a word (稲船, 帯刀, 四十物) is one, a verbal or adverbial noun (確認, 以上, 将来) is not.
    plain: bytes = b""

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind_codes", bytes(self.kinds))
        object.__setattr__(self, "oov_codes", bytes(self.oov))

    def __len__(self) -> int:
        return len(self.begins)

    def surface(self, i: int) -> str:
        """The text of token `i`."""
        return self.text[self.begins[i] : self.ends[i]]


class _Shared:
    """The dictionary (memory-mapped, read-only) is shared; tokenizers are per thread (not thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._dictionary: Any = None
        self._kinds: list[int] = []
        self._plain: bytes = b""
        self._local = threading.local()

    def _load(self) -> None:
        with self._lock:
            if self._dictionary is not None:
                return
            from sudachipy import Dictionary

            d = Dictionary(dict="core")
            kinds: list[int] = []
            plain: list[int] = []
            i = 0
            while (pos := d.pos_of(i)) is not None:
                kinds.append(_kind(pos))
                plain.append(1 if tuple(pos[:3]) == ("名詞", "普通名詞", "一般") else 0)
                i += 1
            self._kinds = kinds
            self._plain = bytes(plain)
            self._dictionary = d

    def plain(self) -> bytes:
        """1 for each part-of-speech id that is a plain common noun (loaded with the tokenizer)."""
        return self._plain

    def tokenizer(self) -> tuple[Any, list[int]]:
        tok = getattr(self._local, "tok", None)
        if tok is None:
            if self._dictionary is None:
                self._load()
            from sudachipy import SplitMode

            tok = self._dictionary.tokenizer(mode=SplitMode.C, fields={"pos"})
            self._local.tok = tok
        return tok, self._kinds


_SHARED: Final = _Shared()


def sudachi_tokenizer() -> Any:
    """This thread's SudachiPy tokenizer, configured as the detectors use it (mode C, part of speech only)."""
    return _SHARED.tokenizer()[0]


_SOFT_BREAK = re.compile(r"[,;\"'(){}\[\]<>「」『』（）【】｛｝＜＞，；]")


def split_points(text: str, limit: int = MAX_CHARS) -> list[tuple[int, int]]:
    """[start, end) windows of at most `limit` characters, cut after a newline or 。 where possible."""
    n = len(text)
    if n <= limit:
        return [(0, n)]
    out: list[tuple[int, int]] = []
    start = 0
    while start < n:
        end = min(start + limit, n)
        if end < n:
            floor = start + limit // 2
            cut = text.rfind("\n", floor, end)
            if cut < 0:
                cut = max(text.rfind("。", floor, end), text.rfind("．", floor, end), text.rfind(". ", floor, end))
            if cut < 0:
                cut = max(text.rfind(" ", floor, end), text.rfind("　", floor, end), text.rfind("、", floor, end))
            if cut < 0:
                # Compact JSON and the like: cut at punctuation so no number or word is split in two.
                last = None
                for match in _SOFT_BREAK.finditer(text, floor, end):
                    last = match
                cut = last.start() if last is not None else -1
            if cut >= 0:
                end = cut + 1
            elif "\udc00" <= text[end] <= "\udfff":
                end -= 1  # never split a surrogate pair
        out.append((start, end))
        start = end
    return out


def tokenize(text: str) -> Tokens:
    """Morphemes of `text` (split mode C); texts over MAX_CHARS are tokenised window by window."""
    tok, kinds_of = _SHARED.tokenizer()
    if SURROGATE_RE.search(text) is not None:
        text = SURROGATE_RE.sub("\ufffd", text)
    begins: list[int] = []
    ends: list[int] = []
    kinds: list[int] = []
    oov: list[bool] = []
    plain_of = _SHARED.plain()
    plain: list[int] = []
    for s, e in split_points(text, PIECE_CHARS):
        # Iterating a MorphemeList builds a new Morpheme object each time: build them once.
        ms = list(tok.tokenize(text[s:e]))
        # Morphemes tile the input, so each begins where the previous ended: one call fewer per token.
        piece_ends = [m.end() + s for m in ms]
        begins.append(s)
        begins.extend(piece_ends[:-1])
        if not piece_ends:
            begins.pop()
        ends.extend(piece_ends)
        pos_ids = [m.part_of_speech_id() for m in ms]
        kinds.extend([kinds_of[p] for p in pos_ids])
        plain.extend([plain_of[p] for p in pos_ids])
        oov.extend([m.is_oov() for m in ms])
    # A tab or a line break separates cells and lines, never the parts of one name: a symbol, not a space.
    if "\t" in text or "\n" in text:
        for i, k in enumerate(kinds):
            if k == SPACE and text[begins[i]] in "\t\n\r":
                kinds[i] = SYM
    return Tokens(text, begins, ends, kinds, oov, bytes(plain))


def tokens(artifacts: Artifacts) -> Tokens:
    """The morphemes of `artifacts.normalized.text`, computed once per text."""
    cached: Tokens | None = artifacts.cache.get(_CACHE_KEY)
    if cached is None:
        cached = tokenize(artifacts.normalized.text)
        artifacts.cache[_CACHE_KEY] = cached
    return cached
