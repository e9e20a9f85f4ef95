"""Confidentiality markings (「機密性２情報」, 【機2】, 機密性③, 機密性三, 「極秘」, 【極 秘】 …) mapped to canonical labels."""

from __future__ import annotations

import re
from typing import Final

from detectors.detector import Artifacts
from detectors.keywords import Dictionaries, trie_regex
from detectors.model import Marking

# Matched on the NFKC text, so ２ ③ Ａ ٣ have already become 2 3 A 3. 「自治体機密性3A」 is the 2024 scheme's name.
# It starts at 機 so sre can skip ahead to that character; a 自治体 before it is taken in by `_level_start`.
_LEVEL_RE: Final = re.compile(
    r"機[ \t]*密[ \t]*性[ \t]*[:：]?[ \t]*(?:(?:レベル|ﾚﾍﾞﾙ)[ \t]*[:：]?)?[ \t]*[(（\[]?[ \t]*"
    r"(III|II|I(?![A-Za-z])|iii|ii|i(?![A-Za-z])|[1-3一二三壱弐参])[ \t]*([ABCabc]?)(?![0-9A-Za-z])[ \t]*[)）\]]?(?:[ \t]*情[ \t]*報)?"
)
# 機密性Ⅱ becomes 機密性II under NFKC (ⅱ, ii); 機密性三 and 機密性弐 are written too.
_DIGIT: Final = {
    "I": "1", "II": "2", "III": "3", "i": "1", "ii": "2", "iii": "3",
    "一": "1", "二": "2", "三": "3", "壱": "1", "弐": "2", "参": "3",
}  # fmt: skip
_SHORT_RE: Final = re.compile(r"[【\[〔(<《「『][ \t]*機[ \t]*([1-3一二三壱弐参])[ \t]*([ABCabc]?)[ \t]*[】\]〕)>》」』]")
# A kanji numeral that runs on into a word (機密性一般, 機密性二重) is no level; 機密性三の情報 is one.
_WORD_CHAR_RE: Final = re.compile(r"[\u3400-\u9fff々〆]")
# Spaces or a tab may stand inside a named marking (極 秘, 取扱 注意), not a line break: that is prose.
_GAP: Final = r"[ \t]{0,2}"
_OPEN: Final = "【[〔(<《「『"
_CLOSE: Final = "】]〕)>》」』"
# Bracketed text with a line break in it, short enough to be a label.
_BROKEN_BRACKET_RE: Final = re.compile(
    rf"[{re.escape(_OPEN)}]([^{re.escape(_OPEN + _CLOSE)}\n]{{0,16}}\n[^{re.escape(_OPEN + _CLOSE)}]{{0,16}})[{re.escape(_CLOSE)}]"
)
_SHORT_INNER_RE: Final = re.compile(r"機([1-3一二三壱弐参])([ABCabc]?)")
_SPACE_RE: Final = re.compile(r"\s+")


class MarkingFinder:
    """Level markings by regex, the named ones (極秘, 部外秘 …) from the YAML lists."""

    def __init__(self, d: Dictionaries) -> None:
        self._labels: dict[str, str] = {}
        for label, words in d.markings.items():
            for w in words:
                self._labels[w] = label
        self._words = re.compile(trie_regex(self._labels, _GAP)) if self._labels else None
        # A one-character marking such as 秘 counts only bracketed, or alone at the start of a line:
        # 秘書, 秘訣, 便秘 and 秘密 must never raise a level.
        self._alone: dict[str, str] = {}
        for label, words in d.standalone_markings.items():
            for w in words:
                self._alone[w] = label
        # Two patterns, each starting with something sre can skip ahead to (a bracket, a marking word);
        # whether the word opens its line is checked at the few places it occurs (`_opens_line`).
        self._bracketed_re: re.Pattern[str] | None = None
        self._line_word_re: re.Pattern[str] | None = None
        if self._alone:
            alt = trie_regex(self._alone, _GAP)
            o, c = re.escape(_OPEN), re.escape(_CLOSE)
            self._bracketed_re = re.compile(rf"[{o}][ \t]*({alt})[ \t]*[{c}]")
            self._line_word_re = re.compile(rf"({alt})(?=[ \t]*(?:$|[{o}]|[:：、。 ]))", re.MULTILINE)

    def find(self, artifacts: Artifacts) -> list[Marking]:
        """Every marking in the text, offsets into the original."""
        norm = artifacts.normalized
        text = norm.text
        raw: list[tuple[int, int, str]] = []
        if "機" in text:  # cheap guard: most texts carry no level marking
            after = 0
            compared = _levels_compared(text)
            for m in _LEVEL_RE.finditer(text):
                if compared or (
                    _talked_about(text, m.start(), m.end())
                    or _runs_on(text, m)
                    or _in_quoted_topic(text, m.start(), m.end())
                    or _asked_about(text, m.start(), m.end())
                    or _quoted_in_a_question(text, m.start(), m.end())
                ):
                    continue
                digit = _DIGIT.get(m.group(1), m.group(1))
                raw.append((_level_start(text, m.start(), after), m.end(), "機密性" + digit + m.group(2).upper()))
                after = m.end()
            for m in _SHORT_RE.finditer(text):
                # (「【機2】」って表示がある文書: a label quoted and talked about)
                if text[max(0, m.start() - 1) : m.start()] in ("「", "『") and _WORD_TALKED_ABOUT_RE.match(text, m.end()):
                    continue
                # (【機2】は何の略で…どう違うのですか: asked about in a short question)
                if _TALKED_ABOUT_RE.match(text, m.end()) and _a_short_question(text):
                    continue
                raw.append((m.start(), m.end(), "機密性" + _DIGIT.get(m.group(1), m.group(1)) + m.group(2).upper()))
        if self._words is not None:
            raw.extend(
                (m.start(), m.end(), self._labels[_squeeze(m.group())])
                for m in self._words.finditer(text)
                if not (
                    _WORD_TALKED_ABOUT_RE.match(text, m.end())
                    or _in_quoted_topic(text, m.start(), m.end())
                    or _asked_about(text, m.start(), m.end())
                    or _quoted_in_a_question(text, m.start(), m.end())
                )
            )
        if self._bracketed_re is not None and self._line_word_re is not None:
            raw.extend(
                (m.start(), m.end(), self._alone[_squeeze(m.group(1))])
                for m in self._bracketed_re.finditer(text)
                # (「極秘」「秘」「部外秘」はどう違いますか？: named in a question, not put on this text)
                if not (
                    _WORD_TALKED_ABOUT_RE.match(text, m.end())
                    or _asked_about(text, m.start(), m.end())
                    or _quoted_in_a_question(text, m.start() + 1, m.end() - 1)
                )
            )
            for m in self._line_word_re.finditer(text):
                line = _opens_line(text, m.start())
                if line is not None:
                    raw.append((line, m.end(), self._alone[_squeeze(m.group(1))]))
        if "\n" in text:
            for s, e, label in self._split_in_brackets(text):
                # 【\n機密性３\n】 is found whole here and in part above: one marking.
                if not any(label == lb and s <= a and b <= e for a, b, lb in raw):
                    raw.append((s, e, label))
        out: list[Marking] = []
        for s, e, label in sorted(raw):
            # 機密性 levels other than 1-3 with A-C suffix on level 3 only: 機密性2A is not a level.
            if label.startswith("機密性") and len(label) == 5 and label[3] != "3":
                label = label[:4]
            os_, oe = norm.to_original(s, e)
            out.append(Marking(label, os_, oe, artifacts.original[os_:oe]))
        return out

    def _split_in_brackets(self, text: str) -> list[tuple[int, int, str]]:
        """Markings split by a line break inside brackets: 【機密性\n３】, 「極\n秘」."""
        out: list[tuple[int, int, str]] = []
        for m in _BROKEN_BRACKET_RE.finditer(text):
            inner = _SPACE_RE.sub("", m.group(1))
            label: str | None = None
            if (lv := _LEVEL_RE.fullmatch(inner)) is not None or (lv := _SHORT_INNER_RE.fullmatch(inner)) is not None:
                label = "機密性" + _DIGIT.get(lv.group(1), lv.group(1)) + lv.group(2).upper()
            else:
                label = self._labels.get(inner) or self._alone.get(inner)
            if label is not None:
                out.append((m.start(), m.end(), label))
        return out


def _squeeze(word: str) -> str:
    return word.replace(" ", "").replace("\t", "")


def _runs_on(text: str, m: re.Match[str]) -> bool:
    """Whether a kanji level numeral is the start of a word (機密性一般, 機密性二重), not a level."""
    if m.group(1) not in "一二三壱弐参" or m.group(2) or m.end() != m.end(1):
        return False
    return _WORD_CHAR_RE.match(text, m.end()) is not None


# A way of writing a marking, talked about (「【機2】」と書く運用, 「機密性２」と全部書く運用).
_WRITTEN_SO: Final = r"[」』]と(?:全部|すべて)?(?:書く|書いて|表示する|記載する|付ける|押す)(?=運用|方法|やり方|こと|場合|か|の)"
# A level named in a sentence about the levels, not a label on this text: 「機密性3の情報は外部の生成AIには
# 入れない」「「機密性２」以上の情報」「機密性2と機密性3の違い」. A label stands alone, in 【】, or before a space.
# Only these turns of phrase count: a document that says 「本資料は機密性2の情報を含む」 keeps its level.
_TALKED_ABOUT_RE: Final = re.compile(
    r"[」』”\"']?(?:以上|以下|未満|とは|について|って|相当|の違い|の定義|の区別|の扱い|の表示|の情報(?=は|の|について|とは|って)"
    r"|[とや・、か](?=[ \t]*(?:[「『]?[ \t]*(?:自治体)?機密性|[1-3一二三壱弐参]))|は(?=条件|外部|不可|禁止|OK|可|どこ|何|なに)"
    # 「機密性２」と「取扱注意」の表示は: one of several quoted names
    r"|(?<=[」』])[とや・、](?=[ \t]*[「『])"
    # 「機密性３」のどちら, 機密性２に当たりますか, 「機密性３」に分類される
    r"|の(?=どちら|どれ|違い|基準|区分|例)|に(?=当たりますか|当たるのか|あたりますか|該当しますか|該当するのか|なりますか|なるのか|分類"
    # 「機密性３」に当たる情報の例 (本文書は機密性２に当たる文書です stays a label)
    r"|(?:当たる|あたる|該当する)(?:情報|文書|資料|もの)?の?例)"
    # 機密性２でいいのか, 機密性２で足りますか, 機密性３にすべきなのか, 機密性３として扱うべきですか
    r"|で(?=いい|よい|良い|足り|大丈夫|問題ない|かまわ|構わ)|に(?=すべき|するべき|すればよい|したほうが|した方が)"
    # 「機密性２」と全部書く運用: a way of marking talked about
    rf"|{_WRITTEN_SO}"
    # それとも機密性3ですか
    r"|(?=ですか|でしょうか|なのか|なんですか)"
    r"|として(?=扱うべき|扱うの|扱えば|管理すべき|よい|いい)"
    # …は機密性2、…は機密性3、と教わりました: levels reported from a rule, not put on this text
    r"|、?と(?=教わ|習|聞い|聞き|言われ|書かれ|定め|決ま))"
)
# A marking word named as a topic, not put on this text: 「取扱注意の表示は…」, 部外秘とは.
_WORD_TALKED_ABOUT_RE: Final = re.compile(
    r"[」』]?(?:の表示|の押印|のスタンプ|という表示|とは|について|の意味|の付け方|の違い|の区別|って|の扱い|の取扱い|の取り扱い|の運用"
    # 「取扱注意」と書かれた文書を送るとき: documents that carry it, not this text
    r"|と(?:書かれた|表示された|記載された|押された|押印された|付された|印字された)(?=文書|資料|書類|ファイル|もの|メール)"
    # 部外秘と関係者限りの違い: two marking words compared
    r"|[とや](?=[^\s。、]{1,8}の(?:違い|区別|使い分け))"
    # 「部外秘」と「関係者限り」と「取扱注意」の表示が混在: one of several quoted names
    r"|[」』][とや・、](?=[ \t]*[「『])"
    # 「【機2】」と書く運用: a way of marking talked about
    rf"|{_WRITTEN_SO})"
)
# A quoted topic: 「機密性２の文書をメールで送るときの注意点」「取扱注意の表示は…」について (a quiz, a question).
_QUOTED_TOPIC_AFTER_RE: Final = re.compile(
    r"[」』](?:[ \t]*[とや・、]?[ \t]*[「『][^」』\n]{0,60}[」』])*[ \t]*(?:について|とは|に関する|という|の違い|の区別"
    # 「機密性３」「機密性２」「機密性１」の3段階の格付けについて
    r"|の[^。、\n「」『』]{1,12}?(?:について|とは|に関する))"
)


def _in_quoted_topic(text: str, start: int, end: int) -> bool:
    """Inside 「…」 that the sentence then talks about (について, とは …), or inside a quoted rule whose sentence
    runs on from the level (「機密性３情報を庁外に持ち出す場合は…」)."""
    open_ = max(text.rfind("「", max(0, start - 40), start), text.rfind("『", max(0, start - 40), start))
    if open_ < 0 or any(c in text[open_ + 1 : start] for c in "」』\n"):
        return False
    close = min((i for i in (text.find("」", end, end + 60), text.find("』", end, end + 60)) if i >= 0), default=-1)
    if close < 0 or "\n" in text[end:close]:
        return False
    if _QUOTED_TOPIC_AFTER_RE.match(text, close) is not None:
        return True
    return close - end >= 12 and _RULE_RUNS_ON_RE.match(text, end) is not None


# A quoted rule: the level runs on into the sentence (機密性３情報を…, 機密性２の文書は…).
_RULE_RUNS_ON_RE: Final = re.compile("(?:情報|文書|資料|データ)?(?:を|は|の|に|が)")


# A question or a request for advice: 〜してもいいですか, 〜べきか迷っています, 〜の例を教えて.
_QUESTION_RE: Final = re.compile(
    r"(?:[？?]|か[。.]?|ですか|ますか|でしょうか|教えて(?:ください|下さい)?[。.]?|知りたい(?:です)?[。.]?|迷っています[。.]?"
    r"|(?:いい|良い|よい|大丈夫|OK|ok|可能|だめ|ダメ)(?:ですか|でしょうか|の|か)?[？?]?[。.]?)$"
)
# A request for an explanation or a handout about a marking named in quotes (「機密性２」の情報を…ルールを説明して
# ください), with nothing pasted after it. Unquoted (本資料は機密性3の情報を含むため、要点を説明してください) it
# may say what the text is, so only a question counts there.
_REQUEST_RE: Final = re.compile(r"(?:説明して|挙げて|まとめて|作って|整理して)(?:ください|下さい)[。.]?$")
_SENTENCE_END: Final = "。！？!?\n"
_LABEL_OPEN: Final = "【[〔(（《<［"
_RUNS_ON: Final = ("の", "を", "は", "が", "に", "と", "って", "で", "も")


def _asked_about(text: str, start: int, end: int) -> bool:
    """A marking named in a question that stands alone, with nothing pasted after it: 「取扱注意の文書をAIに入れて
    いいですか？」, 「「機密性３」に該当する文書の例を教えて」. A label opening its line or in 【】 stays a label."""
    q = start
    while q > 0 and text[q - 1] in " \t":
        q -= 1
    if q > 0 and text[q - 1] in _LABEL_OPEN and not (q > 1 and text[q - 2] in "「『"):
        return False  # (a label quoted whole, 「【機密性3】」と表示するのは…, is still asked about)
    if (q == 0 or text[q - 1] == "\n") and not text.startswith(_RUNS_ON, end):
        return False  # opening its line and set off: a label (取扱注意\n…); 取扱注意の文書を… runs on as prose
    s0 = max(text.rfind(c, 0, start) for c in _SENTENCE_END) + 1
    ends = [i for i in (text.find(c, end) for c in _SENTENCE_END) if i >= 0]
    s1 = min(ends) if ends else len(text)
    if s1 < len(text) and text[s1] != "\n":
        s1 += 1  # keep the 。 or ？ that closes it
    if len(text[s1:].strip()) > 60:
        return False  # something is pasted after the question: the marking may be on it
    sentence = text[s0:s1].rstrip()
    if _QUESTION_RE.search(sentence) is not None:
        return True
    return q > 0 and text[q - 1] in "「『" and _REQUEST_RE.search(sentence) is not None


# A short text of one paragraph, its last sentence a question or a request (…教えてください。 …案を出してください。).
_ASKS_RE: Final = re.compile(
    r"(?:[？?]|か[。.]?|教えて(?:ください|下さい)[。.]?|(?:出して|示して|考えて|整理して|説明して|作って|挙げて)(?:ください|下さい)[。.]?)$"
)
# ... unless it says what this text is (「秘」の文書です。要点を…).
_SAYS_WHAT_RE: Final = re.compile(r"[」』](?:の|と)?(?:文書|資料|書類|メール|ファイル|データ|情報)(?:です|になります|となります)")
_SHORT_QUESTION: Final = 240


def _one_short_paragraph(text: str) -> bool:
    """Short enough to be a question alone, and one paragraph: nothing pasted after it."""
    return len(text) <= _SHORT_QUESTION and "\n" not in text.strip()


def _a_short_question(text: str) -> bool:
    """One short paragraph that ends by asking (…ですか。 …説明してください。)."""
    return _one_short_paragraph(text) and _ASKS_RE.search(text.rstrip()) is not None


def _levels_compared(text: str) -> bool:
    """A short question of one paragraph naming two levels or more (…は機密性３に当たると聞きました。では…機密性１で
    いいのでしょうか？ / Which level should it be, 機密性1, 機密性2 or 機密性3?): the levels are its topic."""
    if not _one_short_paragraph(text):
        return False
    if len({_DIGIT.get(m.group(1), m.group(1)) for m in _LEVEL_RE.finditer(text)}) < 2:
        return False
    return "?" in text or "？" in text or _ASKS_RE.search(text.rstrip()) is not None


def _quoted_in_a_question(text: str, start: int, end: int) -> bool:
    """A marking quoted (「機密性３」扱い, 「極秘」「秘」と書かれた古い文書) in a short question or request of one
    paragraph, with no document pasted: the levels are its topic, not this text's marking."""
    if not _one_short_paragraph(text):
        return False
    q = start
    while q > 0 and text[q - 1] in "【[〔 ":
        q -= 1
    e = end
    while e < len(text) and text[e] in "】]〕 ":
        e += 1
    if q == 0 or text[q - 1] not in "「『" or e >= len(text) or text[e] not in "」』" or _SAYS_WHAT_RE.match(text, e):
        return False
    return _ASKS_RE.search(text.rstrip()) is not None


_LABEL_CLOSE_RE: Final = re.compile(r"[ \t]*[】\]〕]")


def _talked_about(text: str, start: int, end: int) -> bool:
    if text[end - 1] in " \t":
        return False  # a label set off by a space: 「機 密 性 ３　以下の会話は…」
    q = start
    while q > 0 and text[q - 1] in " \t":
        q -= 1
    if q > 0 and text[q - 1] in "【[〔":
        # A label, unless a short question asks about it (【機2】は何の略で…どう違うのですか): then the
        # phrase after it says so.
        if not _a_short_question(text):
            return False
        close = _LABEL_CLOSE_RE.match(text, end)
        end = close.end() if close is not None else end
    if _TALKED_ABOUT_RE.match(text, end) is not None:
        return True
    # One of several levels reported from a rule in the same sentence: …は機密性2、…は機密性3、と教わりました.
    if text.startswith(("、", "」、", "』、"), end):
        stop = min((i for i in (text.find("。", end), text.find("\n", end)) if i >= 0), default=len(text))
        return _REPORTED_RE.search(text, end, stop) is not None
    return False


# (or placed by a policy: …は「機密性３」、…は「機密性１」に分類されています)
_REPORTED_RE: Final = re.compile(
    "機密性[1-3一二三][」』]?(?:[、，]?と(?:教わ|習|聞い|聞き|言われ|書かれ|定め|決ま)|に(?:分類|区分|指定|格付け))"
)


def _level_start(text: str, start: int, after: int) -> int:
    """Where a 機密性 marking starting at `start` begins: before 「自治体」 and spaces, if that follows `after`."""
    q = start
    while q > after and text[q - 1] in " \t":
        q -= 1
    return q - 3 if q - 3 >= after and text.startswith("自治体", q - 3) else start


def _opens_line(text: str, start: int) -> int | None:
    """The start of the line if only spaces and tabs come before `start` on it, else None."""
    q = start
    while q > 0 and text[q - 1] in " \t":
        q -= 1
    return q if q == 0 or text[q - 1] == "\n" else None
