"""PERSON from context alone: form labels (氏名：, 対象者, 保護者：), kinship (娘（さくら）) and Latin-script names."""

from __future__ import annotations

import bisect
import re
from typing import Final

from detectors.detector import Artifacts, findings
from detectors.keywords import Dictionaries, trie_regex
from detectors.model import Finding
from detectors.morphology import OTHER, PART, VERB, Tokens, tokens
from detectors.names_common import common_names
from detectors.openings import Before
from detectors.person import romaji
from detectors.person.attributed import attributed_names
from detectors.person.english_labels import english_cued_names, english_labelled_names
from detectors.person.latin import latin_persons
from detectors.person.spaced import NOT_ONE_KANJI_NAMES, spaced_names
from detectors.person.words import CALLS, CIRCUMSTANCES, KIN_WORDS, ZH_FAMILY

# Labels municipal forms put before a person's name. 宛先/担当 are left out: they name sections as often as people.
_LABELS: Final = (
    "氏名|お名前|名前|ふりがな|フリガナ|本人氏名|対象者|対象児童|児童名|生徒名|利用者|申請者|届出人|相談者|来庁者|"
    "保護者|世帯主|被保険者|受給者|申込者|契約者|故人|死亡者|患者名|患者|依頼者|通報者|被害者|加害者|"
    "児童氏名|配偶者|請求者|扶養者|納税者|納税義務者|相続人|被相続人|代理人|同居人|世帯員|入所者|入居者|緊急連絡先|"
    "児童|生徒|申出人|申立人|届出者|来所者|名義|名義人|口座名義|カナ|通称|旧姓|読み|よみ|"
    "関係生徒|関係児童|対象生徒|加害児童|被害児童|加害生徒|被害生徒|"
    "娘|息子|長男|長女|次男|次女|三男|三女|妻|夫|母|父|祖母|祖父|孫|"
    # Chinese and Korean forms: 姓名, 이름, 성명; maternal and child health records: 産婦, 妊婦, 児.
    "姓名|이름|성명|産婦|妊婦|褥婦|児|交際相手|内縁の夫|内縁の妻|元夫|元妻"
)
_JA_NAME: Final = r"[一-龥々〆ヶぁ-んァ-ヺー]{1,8}(?:[ \u3000][一-龥々〆ヶぁ-んァ-ヺー]{1,8})?|[가-힣]{2,5}|[가-힣]{1,2}[ \u3000][가-힣]{1,3}"
# 「山 田 太 郎さん」: one character at a time, spaced to slip past a filter.
_SPACED_NAME: Final = r"(?:[一-龥々ぁ-んァ-ヺー][ \u3000]){2,7}[一-龥々ぁ-んァ-ヺー]"
_HONORIFICS: Final = "|".join(CALLS)
_SPACED_RE: Final = re.compile(
    rf"(?<![一-龥々ぁ-んァ-ヺー])(?P<name>{_SPACED_NAME})(?=[ \u3000]?(?:{_HONORIFICS}))"
    # 「やまだ たろう さん」「ヤマダ タロウ様」: two kana words before an honorific.
    r"|(?<![ぁ-ゖァ-ヺー])(?P<kana>[ぁ-ゖー]{2,6}[ \u3000][ぁ-ゖー]{2,6}|[ァ-ヺー]{2,8}[ \u3000][ァ-ヺー]{2,8})"
    rf"(?=[ \u3000]?(?:{_HONORIFICS}))"
)
_LATIN_NAME: Final = r"[A-Z][A-Za-z'\-]+(?:[ \u3000][A-Z][A-Za-z'\-]+){1,3}"
# The name must end at a delimiter, so 「対象者の状況」 or 「保護者会」 yield nothing.
_END: Final = r"(?=[ \u3000]*(?:[（(,，、。．.\n/／]|様|さん|殿|君|くん|ちゃん|$))"
_LABELLED_RE: Final = re.compile(
    rf"(?:^|(?<=[\s■□●○◆◇・【「（(、。:：の]))(?:{_LABELS})"
    # 「氏名（カナ）シティ ラハユ」: the column's script in brackets, then the name with or without a colon.
    rf"(?:[（(](?:カナ|フリガナ|ふりがな|漢字|ローマ字|英字|通称|旧姓)[）)][ \u3000]*[:：]?|[ \u3000]*[:：（(])[ \u3000]*"
    rf"(?P<name>{_LATIN_NAME}|{_SPACED_NAME}|{_JA_NAME}){_END}|"
    rf"(?:^|(?<=[\s■□●○◆◇【。、]))(?:氏名|対象者|利用者|申請者|申出人|相談者|来庁者|来所者|保護者|フリガナ|ふりがな|カナ|名義|名義人|口座名義)"
    rf"[ \u3000]+(?P<name2>{_LATIN_NAME}|{_JA_NAME}){_END}",
    re.MULTILINE,
)
# Where _LABELLED_RE and _SPACED_RE can match: at a label word; before an honorific, with a space in
# the eight characters before it, by a name starting at most 16 characters before it (15 spaced
# characters and a space) — the reach leaves room for the look-behind.
_LABEL_WORD_RE: Final = re.compile(trie_regex(_LABELS.split("|")))
_HONORIFIC_RE: Final = re.compile(_HONORIFICS)
_SPACED_REACH: Final = 18
# Words after a label that are not names (「保護者：なし」「対象者：本人」).
_NOT_NAMES: Final = frozenset(
    {
        "なし",
        "無し",
        "不明",
        "本人",
        "同上",
        "同左",
        "未定",
        "調査中",
        "記入なし",
        "非公開",
        "匿名",
        "あり",
        "有り",
        "者",
        "男性",
        "女性",
        "氏名不詳",
        "不詳",
        "確認中",
        "未確認",
    }
    # Words that open a speaker's line rather than name anyone (来庁者：はい、… 通報者：えっと、…).
    | frozenset("はい いいえ あの あのう あのー えっと えーと えー ええ うーん まだ まだです 最近 実は すみません もしもし はあ".split())
    | CIRCUMSTANCES
)
# After の only these labels stand for a person (母の交際相手：…); 「犬の名前：マロン」 names a pet.
_AFTER_NO_LABELS: Final = ("交際相手", "内縁の夫", "内縁の妻", "元夫", "元妻")
_ORG_ENDINGS: Final = (
    "課",
    "部",
    "室",
    "係",
    "所",
    "局",
    "市",
    "町",
    "村",
    "区",
    "県",
    "都",
    "府",
    "センター",
    "会社",
    "病院",
    "学校",
    "園",
    "会",
)
# A kana reading in brackets right after a kanji name: 酒井　千尋（サカイ　チヒロ）.
# It starts at the bracket, so sre can skip ahead to one; the kanji before it is checked by `_readings`.
_READING_RE: Final = re.compile(
    # (or with more in the bracket after a comma: 大西 湊（おおにし みなと、令和2年4月4日生）)
    r"[（(][ \u3000]*(?P<name>[ァ-ヺー]{1,10}[ \u3000][ァ-ヺー]{1,10}|[ぁ-ゖー]{1,10}[ \u3000][ぁ-ゖー]{1,10})[ \u3000]*[）)、,]"
)
# A caller naming themselves in kana, as a call is written down: 「わたし、やまもとと申しますが」.
# (Kanji names before と申します are Sudachi's to find; kana ones it reads as ordinary words.)
# The verb first, each with a literal start sre finds fast (と is too common to lead); と or って before it.
_SELF_NAMING_VERB_RES: Final = tuple(re.compile(v) for v in ("申(?:します|しま|す)", "いいます", "言います", "名乗"))
# The name right before it, found in a window ending there (a quote may close it: 「ツツミ」と名乗る).
_SELF_NAMED_RE: Final = re.compile(
    # (a katakana name may follow a particle or a kanji word: 窓口にてヨシザワと名乗る, 担当はサカグチと名乗った)
    r"(?:^|(?<=[\s、。，,「『（(：:])|(?<=[ぁ-ゖ一-龥])(?=[ァ-ヺ]))(?P<name>[ぁ-ゖー]{2,8}(?:[ \u3000][ぁ-ゖー]{2,6})?|[ァ-ヺー]{2,10}(?:[ \u3000・][ァ-ヺー]{2,10})?)"
    r"[」』]?$",
    re.MULTILINE,
)
_KANJI_RE: Final = re.compile("[一-龥々]")
_KNOWN_AS_RE: Final = re.compile(
    r"[「『](?P<name>[ァ-ヺー]{2,10}|[一-龥々]{1,4})[」』]という(?=(?:男|女|人物|人|者|業者|営業|担当|職員|社員|方)(?![一-龥]))"
)
# A relative's label written with の (子の氏名：…, 父の氏名：…), which a pet's (犬の名前) is not.
_KIN_NO_RE: Final = re.compile("(?:子|父|母|夫|妻|長男|長女|次男|次女|児童|本人|世帯主|配偶者|保護者)の$")
# A resident introducing themself by where they live: 大字上野原２２０８番地に住んでいる岡です, 本町に住む山田と申します.
_RESIDENT_INTRO_RE: Final = re.compile(
    # (or by whose relative they are: 母の峰です)
    r"(?:に住んでいる|に住んでおります|に住んでます|に住む|在住の|(?:母|父|妻|夫|祖母|祖父|娘|息子)の"
    # or by where they work: 汐見重工総務部の星です
    r"|(?<=[部課係室社])の)[ \u3000]?(?P<name>[一-龥々]{1,4}|[ァ-ヺー]{2,8}|[ぁ-ゖ]{2,6})"
    r"(?=です|と申します|といいます|と言います|でございます)"
)
# (eight characters of 住んでおります, a space and eight of a name at most before the word that ends it)
_RESIDENT_INTRO_AT: Final = Before(_RESIDENT_INTRO_RE, ("です", "と申します", "といいます", "と言います", "でございます"), 17)
# A caller naming themself as the call opens, by a family name the dictionary reads as a place
# (もしもし、上野の北沢ですけど): a person, not the district.
_CALLER_RE: Final = re.compile(
    r"もしもし[、,。]?[ \u3000]*(?:[一-龥々ケヶノ]{1,5}の)?(?P<name>[一-龥々]{2,4})(?=です|と申します|でございます)"
    # or by a one-kanji family name, the call's first words or after the caller's address (はい、朴です。
    # あの、森ですけど。藤白台一丁目3番12号の林ですけど)
    r"|(?:もしもし|はい|あの|あのね|えっと)[、,][ \u3000]*(?:あの[、,][ \u3000]*)?(?P<one>[一-龥])(?=です[けがよ。、])"
    r"|[0-9０-９一二三四五六七八九十](?:号|番地?)?の(?P<after>[一-龥])(?=です[けがよ。、])"
)
_KANA_NAME_RE: Final = re.compile("[ァ-ヺー]{2,8}|[ぁ-ゖ]{2,6}")
_SPEAKER_LINE_RE: Final = re.compile(r"(?m)^([一-龥ぁ-ゖァ-ヺー]{1,6})[：:]")
# A family name in kanji before と申します or と名乗る, in quotes or after a pause (「谷」と名乗って, あの、原と申します).
_SELF_NAMED_KANJI_RE: Final = re.compile(r"(?:^|(?<=[\s、。，,「『（(：:]))(?P<name>[一-龥々]{1,4})[」』]?$", re.MULTILINE)
# A transfer's account holder: the account kind and number, then the holder's name in katakana or capitals
# (「普通 4826153 イジュウイン ミサ」「当座 0123456 ヤマダ タロウ」), as bank forms print it.
_ACCOUNT_HOLDER_RE: Final = re.compile(
    r"(?:普通|当座|貯蓄|総合)(?:預金)?[ \u3000]*(?:口座)?[ \u3000:：]*(?:番号)?[ \u3000:：]*[0-9]{6,8}[ \u3000]+(?:名義[ \u3000:：]*)?"
    r"(?P<name>[ァ-ヺー]{1,10}(?:[ \u3000・][ァ-ヺー]{1,10}){1,2}|[A-Z]{2,12}(?:[ ][A-Z]{1,12}){1,2})(?![ァ-ヺーA-Za-z])"
)


class ContextPersonDetector:
    """Names told by what surrounds them rather than by the dictionary."""

    id = "context.person"
    entities = ("PERSON",)

    def __init__(self, dictionaries: Dictionaries) -> None:
        words = sorted({*dictionaries.honorifics, *dictionaries.person_titles}, key=len, reverse=True)
        self._after = re.compile("|".join(re.escape(w) for w in words)) if words else None
        romaji.warm()

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        t = artifacts.normalized.text
        spans: list[tuple[int, int, float]] = []
        dialogue = _is_dialogue(t)
        for m in _labelled(t):
            if (
                m.start() > 0
                and t[m.start() - 1] == "の"
                and not t.startswith(_AFTER_NO_LABELS, m.start())
                and _KIN_NO_RE.search(t, max(0, m.start() - 5), m.start()) is None
            ):
                continue
            g = "name" if m.group("name") is not None else "name2"
            s, e = m.span(g)
            # In a transcript (職員：… 相談者：… 職員：…) the label is a speaker and what follows is speech
            # (相談者：あの、…, 通報者：えっと、…): a name only where it fills the line.
            if dialogue and (m.start() == 0 or t[m.start() - 1] == "\n") and e < len(t) and t[e] not in "\n（(":
                continue
            # 「世帯員：長女 ひなた」: the relation before the name is not part of it.
            first, sep, rest = t[s:e].replace("\u3000", " ").partition(" ")
            if sep and first in KIN_WORDS and rest:
                s += len(first) + 1
            name = t[s:e]
            if name in _NOT_NAMES or name.endswith(_ORG_ENDINGS) or len(name.replace(" ", "")) < 2:
                continue
            spans.append((s, e, 0.85))
        for m in _spaced(t):
            s, e = m.span("name" if m.group("name") is not None else "kana")
            # A particle after a kanji word opens the kana run, not the name: 下川原のかわはら そらちゃん.
            if m.group("name") is None and s > 0 and "一" <= t[s - 1] <= "龥" and t[s] in "のはがをにともへ" and t.find(" ", s) - s >= 4:
                s += 1
            spans.append((s, e, 0.95))
        spans.extend((*m.span("name"), 0.8) for m in _readings(t))
        if "普通" in t or "当座" in t or "貯蓄" in t or "総合" in t:
            spans.extend((*m.span("name"), 0.85) for m in _ACCOUNT_HOLDER_RE.finditer(t))
        for verb in _SELF_NAMING_VERB_RES:
            for cue in verb.finditer(t):
                p = cue.start()
                if p >= 1 and t[p - 1] == "と":
                    p -= 1
                elif p >= 2 and t[p - 2 : p] == "って":
                    p -= 2
                elif p >= 2 and t[p - 1] == "を" and t[p - 2] in "」』":
                    p -= 1  # a quoted name someone goes by (「タナカ」を名乗る男), not 名前を名乗る
                else:
                    continue
                named = _SELF_NAMED_RE.search(t, max(0, p - 24), p)
                if named is not None and _could_be_a_name(tokens(artifacts), *named.span("name")):
                    spans.append((*named.span("name"), 0.85))
                elif (kanji := _SELF_NAMED_KANJI_RE.search(t, max(0, p - 8), p)) is not None and kanji.group("name") in common_names().family:
                    spans.append((*kanji.span("name"), 0.85))
        if "という" in t:
            # Someone known only by the name they gave (「カワシマ」という男, 「田中」という女性): a scam's caller, a salesman.
            for m in _KNOWN_AS_RE.finditer(t):
                if _KANJI_RE.match(m.group("name")) or _could_be_a_name(tokens(artifacts), *m.span("name")):
                    spans.append((*m.span("name"), 0.85))
        if "もしもし" in t or "です" in t:
            family = common_names().family
            for m in _callers(t):
                g = "name" if m.group("name") else "one" if m.group("one") else "after"
                if (m.group(g) in family or m.group(g) in ZH_FAMILY) and m.group(g) not in NOT_ONE_KANJI_NAMES:
                    spans.append((*m.span(g), 0.85))
        if "住" in t or "の" in t:
            family = common_names().family
            for m in _RESIDENT_INTRO_AT.finditer(t):
                name = m.group("name")
                if name.endswith("なん"):
                    continue  # 母のことなんですけど: the matter, said loosely, not a name
                if name in family or (len(name) >= 2 and name[:2] in family) or _KANA_NAME_RE.fullmatch(name):
                    spans.append((*m.span("name"), 0.85))
        spans.extend(latin_persons(t, artifacts, self._after))
        spans.extend(spaced_names(t))
        spans.extend(attributed_names(t))
        spans.extend(english_labelled_names(t))
        spans.extend(english_cued_names(t))
        return findings(artifacts, "PERSON", spans, self.id)


def _is_dialogue(t: str) -> bool:
    """Two or more speakers, each opening two or more lines with a colon: a transcript."""
    if t.count("：") + t.count(":") < 4:
        return False
    counts: dict[str, int] = {}
    for m in _SPEAKER_LINE_RE.finditer(t):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return sum(1 for n in counts.values() if n >= 2) >= 2


# Where a caller's name ends: every alternative of _CALLER_RE ends before one of these.
_CALLER_END_RE: Final = re.compile("です|と申します|でございます")
# Characters before that end a caller's match can start (もしもし、 + 5 + の + 4, with room for spaces).
_CALLER_REACH: Final = 24


def _callers(t: str) -> list[re.Match[str]]:
    """_CALLER_RE's matches, tried only just before a です, と申します or でございます: the pattern opens
    with classes (digits among them), which sre would try at every position of a long text."""
    out: list[re.Match[str]] = []
    for end in _CALLER_END_RE.finditer(t):
        p = end.start()
        stop = end.end() + 1  # (the one-kanji alternatives look at the character after です)
        m = _CALLER_RE.search(t, max(0, p - _CALLER_REACH), stop)
        while m is not None and m.end() < p:
            m = _CALLER_RE.search(t, m.start() + 1, stop)
        if m is not None and m.end() == p and (not out or m.start() >= out[-1].end()):
            out.append(m)
    return out


def _readings(t: str) -> list[re.Match[str]]:
    """_READING_RE's matches right after a kanji, with at most one space between."""
    out: list[re.Match[str]] = []
    for m in _READING_RE.finditer(t):
        p = m.start()
        if p > 0 and t[p - 1] in " \u3000":
            p -= 1
        if p > 0 and _KANJI_RE.match(t, p - 1) is not None:
            out.append(m)
    return out


def _labelled(t: str) -> list[re.Match[str]]:
    """_LABELLED_RE's matches, tried only where a label word starts (a tenth of the time of finditer)."""
    out: list[re.Match[str]] = []
    last = 0
    for hit in _LABEL_WORD_RE.finditer(t):
        if hit.start() < last:
            continue
        m = _LABELLED_RE.match(t, hit.start())
        if m is not None:
            out.append(m)
            last = m.end()
    return out


def _spaced(t: str) -> list[re.Match[str]]:
    """_SPACED_RE's matches, tried only before an honorific with a space in the eight characters before it."""
    out: list[re.Match[str]] = []
    last = 0
    for hit in _HONORIFIC_RE.finditer(t):
        at = hit.start()
        before = t[max(0, at - 8) : at]
        if " " not in before and "\u3000" not in before:
            continue
        m = _SPACED_RE.search(t, max(last, at - _SPACED_REACH), min(len(t), hit.end() + 1))
        if m is not None and m.start() >= last:
            out.append(m)
            last = m.end()
    return out


def _could_be_a_name(toks: Tokens, start: int, end: int) -> bool:
    """No pronoun, adverb, interjection, verb or case particle inside (それ, よろしく, ありがとう, これを…).

    も and と may be misread particles inside a kana name (やま/も/と); を, は, が, で, へ are never part of one.
    """
    i = bisect.bisect_right(toks.ends, start)
    while i < len(toks) and toks.begins[i] < end:
        kind = toks.kinds[i]
        if kind in (OTHER, VERB) or (kind == PART and toks.surface(i) not in ("も", "と", "の")):
            return False
        i += 1
    return True
