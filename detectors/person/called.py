"""PERSON: a word the text calls by name (稲船さん, 四十物氏, タマンさん, 湊斗君) or gives a title
(早瀬主査, 鮫島施設長, 朝比奈SC), when the dictionary reads it as a common noun or a place.

The other stages take a name before an honorific when the dictionary or the name lists know it as one;
rare family names (稲船, 帯刀, 蔀) and foreign names the dictionary lists as loanwords (タマン, ファム) are
plain common nouns to it. Before さん or a title such a word is a name unless it names a role, a
relative, a section or a thing (保健師さん, 奥さん, 福祉課さん, ヘルパーさん, 児童福祉司).
"""

from __future__ import annotations

import bisect
import re
from typing import Final

from detectors.detector import Artifacts, findings
from detectors.model import Finding
from detectors.morphology import NAME_KINDS, NOUN, PART, PLACE, PROPN, PUNCT, SPACE, SYM, Tokens, tokens
from detectors.names_common import common_names
from detectors.person.chars import KANJI_RUN_RE, KATAKANA_RUN_RE
from detectors.person.minutes import plain_surname, surname_in_slot
from detectors.person.words import CIRCUMSTANCES, FIELDS, KIN_WORDS, NOT_NAMES, RELATIVES

# Calls after a name; a kanji call glued to more kanji is another word (様式, 氏族, 君主, 先生方 is fine).
_CALLS_RE: Final = re.compile("さん|さま|様|くん(?!ち)|君|ちゃん|氏|先生")
_KANJI_CALLS: Final = frozenset({"様", "君", "氏"})
# 様 after a plain noun and before の or な is "-shaped" (手形様のあざ, 網目様の).
_SHAPE_AFTER_RE: Final = re.compile("[のなにで]")
_KANJI_RUN_NAME_RE: Final = re.compile("[一-龥々〆ヶケツノ]+")
# Titles after a family name. Those opening with a section's character (課長, 部長, 係長) follow a
# section's name as often (総務課長), so a plain noun counts before them only when the name lists know it.
_TITLES_RE: Final = re.compile(
    "指導主事|課長補佐|施設長|分団長|副委員長|委員長|主査|主事|主任|主幹|教頭|校長|園長|館長|所長|院長|"
    "係長|課長|部長|局長|室長|福祉司|保健師|看護師|弁護士|医師|委員|議員|ケアマネ|相談員|支援員|"
    "SV|SE|PM|SC|CW|SW"
)
_QUOTED_CALL_RE: Final = re.compile(
    r"[「『](?P<name>[一-龥々ヶ]{1,4}|[ァ-ヺー]{2,8}|[ぁ-ゖー]{2,6})[」』](?:さん|様|さま|氏|くん|ちゃん)"
)
_PERSON_AFTER_RE: Final = re.compile(r"という(?:職員|方|人|男性|女性|者|名前の)|宅(?=[をにへでのはがも、。])")
_SECTION_TITLES: Final = frozenset({"係長", "課長", "部長", "局長", "室長", "課長補佐", "所長", "委員", "議員", "委員長", "副委員長"})
# Katakana roles and things that take さん (ヘルパーさん, ママさん, ケアマネさん).
_KATAKANA_ROLES: Final = frozenset(
    (
        "ヘルパー ホームヘルパー ケアマネ ケアマネジャー ママ パパ スタッフ ボランティア ドライバー オーナー マネージャー "
        "リーダー メンバー パートナー ワーカー ケースワーカー ソーシャルワーカー カウンセラー コーチ ガイド サンタ ナース "
        "ドクター シッター ベビーシッター トレーナー インストラクター コーディネーター デイサービス エンジニア デザイナー "
        "ゲスト ファン クライアント ユーザー オペレーター ママ友 パパ友 ベテラン アルバイト パート バイト ケアワーカー "
        "セラピスト ガードマン ポリス ナニー ホスト ホステス マスター シェフ コック ベビー キッズ ペット ワンちゃん"
    ).split()
)
_NOT_CALLED: Final = NOT_NAMES | RELATIVES | KIN_WORDS | CIRCUMSTANCES | frozenset(
    (
        "奥 客 主人 旦那 嫁 婿 大家 家主 隣 皆 諸 父 若 主 暴 細 姫 王 神 仏 殿 貴 各 同 両 故 亡 当 本 某 先 彼 彼女 私 僕 俺 "
        "自分 相手 先方 当方 妊婦 女性 男性 主婦 夫婦 新人 先輩 後輩 同期 上司 部下 友達 近所 地主 店主 大工 巡査 駐在 役場 "
        "役所 市役所 親戚 親族 親御 両親 子供 子ども 赤ちゃん 乳児 幼児 児童 生徒 学生 園児 妊産婦 "
        "猫 犬 鳥 熊 兎 亀 馬 牛 豚 虎 狐 狸 魚 坊 嬢 婆 爺 姫 殿"
    ).split()
)
_BOUNDARY_KINDS: Final = frozenset({PART, PUNCT, SYM, SPACE})


def _token_ending(t: Tokens, end: int) -> int:
    j = bisect.bisect_left(t.ends, end)
    return j if j < len(t) and t.ends[j] == end else -1


def _free_before(t: Tokens, i: int) -> bool:
    """Nothing glued before token `i` that makes it part of a longer word (相談者稲船, not 、稲船)."""
    if i == 0 or t.ends[i - 1] != t.begins[i]:
        return True
    k = t.kinds[i - 1]
    prev = t.surface(i - 1)
    # After a particle or a verb's ending (見たら梅津という): kana before kanji starts a word.
    if k in _BOUNDARY_KINDS or "ぁ" <= prev[-1] <= "ゖ":
        return True
    # A role or section word right before (保健師稲船さん, 福祉課鮫島): a space is usual, but not always.
    return prev[-1] in "課係室師士員長" and len(prev) >= 2


def _katakana_name(t: Tokens, i: int, word: str) -> bool:
    if len(word) < 2 or word in _KATAKANA_ROLES or KATAKANA_RUN_RE.fullmatch(word) is None:
        return False
    # A loanword ending in ー is mostly a role (ドライバー, オーナー); names that do are not in the dictionary.
    if t.kinds[i] == NOUN and not t.oov[i] and word.endswith("ー"):
        return False
    # Glued to more katakana before it: a compound (デイサービスセンター長).
    return i == 0 or t.ends[i - 1] != t.begins[i] or KATAKANA_RUN_RE.fullmatch(t.surface(i - 1)) is None


def _kanji_name(t: Tokens, i: int, word: str, plain_ok: bool) -> bool:
    if _KANJI_RUN_NAME_RE.fullmatch(word) is None or word in _NOT_CALLED or word in FIELDS:
        return False
    if t.oov[i] and 2 <= len(word) <= 4:
        return True
    if t.kinds[i] in (PLACE, PROPN) or t.kinds[i] in NAME_KINDS:
        return surname_in_slot(word, t.kinds[i], common_names().family)
    return plain_ok and t.plain[i] == 1 and plain_surname(word)


class CalledPersonDetector:
    """A word before さん, 氏, 君 or a title that the other stages left because the dictionary reads a noun."""

    id = "called.person"
    entities = ("PERSON",)

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        t = artifacts.normalized.text
        spans: list[tuple[int, int, float]] = []
        toks: Tokens | None = None
        for m in _CALLS_RE.finditer(t):
            if m.start() == 0 or (m.group() in _KANJI_CALLS and KANJI_RUN_RE.match(t, m.end())):
                continue
            toks = toks or tokens(artifacts)
            shape = m.group() == "様" and _SHAPE_AFTER_RE.match(t, m.end()) is not None
            span = self._before(toks, m.start(), title=None, plain_ok=not shape, child=m.group() in ("君", "くん", "ちゃん"))
            if span is not None:
                spans.append(span)
        # 「薬袋」さん: a quoted word called by name.
        for m in _QUOTED_CALL_RE.finditer(t):
            if m.group("name") not in _NOT_CALLED:
                spans.append((*m.span("name"), 0.8))
        # 梅津という職員, 四十物宅: a word the text says is a person or a person's home.
        for m in _PERSON_AFTER_RE.finditer(t):
            toks = toks or tokens(artifacts)
            span = self._before(toks, m.start(), title="", plain_ok=True, child=False)
            if span is not None:
                spans.append(span)
        for m in _TITLES_RE.finditer(t):
            if m.start() == 0 or (m.end() < len(t) and m.group().isascii() and t[m.end()].isascii() and t[m.end()].isalpha()):
                continue
            toks = toks or tokens(artifacts)
            span = self._before(toks, m.start(), title=m.group(), plain_ok=False, child=False)
            if span is not None:
                spans.append(span)
        return findings(artifacts, "PERSON", spans, self.id)

    @staticmethod
    def _before(t: Tokens, p: int, title: str | None, plain_ok: bool, child: bool) -> tuple[int, int, float] | None:
        j = _token_ending(t, p)
        if j < 0 or t.kinds[j] in _BOUNDARY_KINDS:
            return None
        word = t.surface(j)
        i = j
        # 湊斗君: a one-kanji noun glued after a name or place token (湊 + 斗).
        if (
            len(word) == 1
            and j > 0
            and t.ends[j - 1] == t.begins[j]
            and t.kinds[j - 1] in (*NAME_KINDS, PLACE)
            and KANJI_RUN_RE.fullmatch(t.surface(j - 1)) is not None
            and KANJI_RUN_RE.fullmatch(word) is not None
        ):
            i = j - 1
            word = t.text[t.begins[i] : t.ends[j]]
            if len(word) > 4 or not _free_before(t, i) or word in _NOT_CALLED:
                return None
            return (t.begins[i], t.ends[j], 0.8)
        if not _free_before(t, i):
            return None
        if _katakana_name(t, i, word):
            return (t.begins[i], t.ends[j], 0.8) if title is None or title not in _SECTION_TITLES else None
        # 蒼君, 湊くん: one kanji is a child's given name before 君・くん・ちゃん.
        if child and len(word) == 1 and KANJI_RUN_RE.fullmatch(word) and word not in _NOT_CALLED:
            return (t.begins[i], t.ends[j], 0.75)
        if not _kanji_name(t, i, word, plain_ok):
            return None
        if title in _SECTION_TITLES and not (word in common_names().family or t.kinds[i] in NAME_KINDS or t.oov[i]):
            return None
        return (t.begins[i], t.ends[j], 0.8)
