"""Personal data and markings written as base64, character references, percent-encoding or escapes."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors import Dictionaries, Scanner, scan
from detectors.encodings import find_runs, might_be_encoded


def _b64(s: str) -> str:
    return base64.b64encode(s.encode()).decode()


def _b64url(s: str) -> str:
    return base64.urlsafe_b64encode(s.encode()).decode().rstrip("=")


def _b64_wrapped(s: str) -> str:
    """MIME-style, but at 8 characters so even short values span lines."""
    b = _b64(s)
    return "\n".join(b[i : i + 8] for i in range(0, len(b), 8))


def _html_hex(s: str) -> str:
    return "".join(f"&#x{ord(c):X};" for c in s)


def _html_dec(s: str) -> str:
    return "".join(f"&#{ord(c)};" for c in s)


def _percent(s: str) -> str:
    return "".join(f"%{b:02X}" for b in s.encode())


def _percent_sjis(s: str) -> str:
    return "".join(f"%{b:02X}" for b in s.encode("cp932"))


def _json_u(s: str) -> str:
    return "".join(f"\\u{ord(c):04x}" for c in s)


def _es6_u(s: str) -> str:
    return "".join(f"\\u{{{ord(c):x}}}" for c in s)


def _bytes_x(s: str) -> str:
    return "".join(f"\\x{b:02x}" for b in s.encode())


def _quoted_printable(s: str) -> str:
    return "".join(f"={b:02X}" for b in s.encode())


def _hex(s: str) -> str:
    return s.encode().hex()


def _b64_of_percent(s: str) -> str:
    return _b64(_percent(s))


def _html_of_b64(s: str) -> str:
    return _html_dec(_b64(s))


ENCODINGS: dict[str, tuple[str, Callable[[str], str]]] = {
    "base64": ("base64", _b64),
    "base64url": ("base64", _b64url),
    "base64-wrapped": ("base64", _b64_wrapped),
    "html-hex": ("html", _html_hex),
    "html-dec": ("html", _html_dec),
    "percent": ("percent", _percent),
    "percent-sjis": ("percent", _percent_sjis),
    "json-u": ("escape", _json_u),
    "es6-u": ("escape", _es6_u),
    "bytes-x": ("escape", _bytes_x),
    "quoted-printable": ("qp", _quoted_printable),
    "hex": ("hex", _hex),
    "base64-of-percent": ("base64+percent", _b64_of_percent),
    "html-of-base64": ("html+base64", _html_of_b64),
}

# (template, value, entity): the value is encoded in place of {}.
ENTITIES = [
    ("相談者：{}さんの件で回答案を作成してください。", "山田太郎", "PERSON"),
    ("折り返しの連絡先は {} です。", "090-1234-5678", "PHONE_NUMBER"),
    ("個人番号 {} の照会について", "123456789018", "MY_NUMBER"),
    ("転入届の住所：{}", "東京都千代田区霞が関1-2-3", "ADDRESS"),
    ("返信先 {} まで", "taro.yamada@example.jp", "EMAIL_ADDRESS"),
]

MARKINGS = [
    ("{}\n来年度の組織改正案について要約してください。", "【機密性３】", "機密性3"),
    ("{} 次期システムの調達方針", "極秘", "極秘"),
    ("文書区分：{}\n説明会の資料です。", "機密性２情報", "機密性2"),
]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize(("template", "value", "entity"), ENTITIES, ids=[e for *_, e in ENTITIES])
def test_personal_data_in_an_encoded_run_covers_the_whole_run(template: str, value: str, entity: str, encoding: str) -> None:
    kind, encode = ENCODINGS[encoding]
    encoded = encode(value)
    text = template.format(encoded)
    start = text.index(encoded)
    r = scan(text)
    (f,) = (f for f in r.findings if f.detector.startswith("encoded."))
    assert (f.entity, f.start, f.end, f.text) == (entity, start, start + len(encoded), encoded)
    assert f.detector == f"encoded.{kind}.{entity}"
    assert "personal" in r.tags
    assert r.level == ("機密性3" if entity == "MY_NUMBER" else "機密性2")


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize(("template", "value", "label"), MARKINGS, ids=[m for *_, m in MARKINGS])
def test_an_encoded_marking_sets_the_level(template: str, value: str, label: str, encoding: str) -> None:
    encoded = ENCODINGS[encoding][1](value)
    text = template.format(encoded)
    start = text.index(encoded)
    r = scan(text)
    assert [(m.label, m.start, m.end) for m in r.detection.markings] == [(label, start, start + len(encoded))]
    assert r.level == ("機密性2" if label == "機密性2" else "機密性3")
    assert r.findings == ()


@pytest.mark.parametrize(
    ("text", "encoded"),
    [
        # The run is every reference, 様 included, not just the name.
        ("担当 &#x5C71;&#x7530;&#x592A;&#x90CE;&#x69D8; より", "&#x5C71;&#x7530;&#x592A;&#x90CE;&#x69D8;"),
        # Half written out, half encoded: the finding spans both.
        ("担当の山田&#x592A;&#x90CE;です。", "山田&#x592A;&#x90CE;"),
        ("電話 090%2D1234%2D5678 まで", "090%2D1234%2D5678"),
        ("電話 090&hyphen;1234&hyphen;5678 まで", "090&hyphen;1234&hyphen;5678"),
        # Wrapped base64, indented lines and CRLF included.
        ("添付:\r\n  5bGx55Sw\r\n  5aSq6YOO\r\n以上", "5bGx55Sw\r\n  5aSq6YOO"),
        # Padding alone on the last line belongs to the run.
        ("電話\nMDkwLTEy\nMzQtNTY3\nOA\n==\n以上", "MDkwLTEy\nMzQtNTY3\nOA\n=="),
    ],
)
def test_offsets_map_to_the_whole_run(text: str, encoded: str) -> None:
    start = text.index(encoded)
    (f,) = (f for f in scan(text).findings if f.detector.startswith("encoded."))
    assert (f.start, f.end, f.text) == (start, start + len(encoded), encoded)


_PHONE_B64 = _b64("090-1234-5678")


@pytest.mark.parametrize(
    ("text", "encoded", "entity"),
    [
        # Full-width letters: the run is looked for in the normalised text.
        ("連絡先 {} まで", _PHONE_B64.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)}), "PHONE_NUMBER"),
        # Groups of four, split by spaces.
        ("連絡先 {} まで", " ".join(_PHONE_B64[i : i + 4] for i in range(0, len(_PHONE_B64), 4)), "PHONE_NUMBER"),
        # Characters that do not show, inside the base64 and inside percent escapes.
        ("連絡先 {} まで", "\u200b".join(_PHONE_B64[i : i + 3] for i in range(0, len(_PHONE_B64), 3)), "PHONE_NUMBER"),
        ("担当 {} です", "%E5%B1\u200b%B1%E7%94%B0%E5%A4%AA%E9%83%8E", "PERSON"),
        # Encoded twice over.
        ("担当 {} さん", "&amp;#x5C71;&amp;#x7530;&amp;#x592A;&amp;#x90CE;", "PERSON"),
        ("担当 {} 様", "%25E5%25B1%25B1%25E7%2594%25B0%25E5%25A4%25AA%25E9%2583%258E", "PERSON"),
        ("照会 {} の件", _b64(_json_u("個人番号 123456789018")), "MY_NUMBER"),
        # A word on the line above the base64 is read both with the run and without it.
        ("照会\n{}\nの件", "Mail\n" + _b64("個人番号 123456789018"), "MY_NUMBER"),
        # Legacy encodings under base64: Shift_JIS, EUC-JP, UTF-16 (PowerShell's -EncodedCommand).
        ("照会 {} の件", base64.b64encode("佐藤花子 090-1234-5678".encode("cp932")).decode(), "PERSON"),
        ("照会 {} の件", base64.b64encode("佐藤花子 090-1234-5678".encode("euc_jp")).decode(), "PERSON"),
        ("照会 {} の件", base64.b64encode("佐藤花子 090-1234-5678".encode("utf-16-le")).decode(), "PERSON"),
        # Doubled backslashes (JSON inside JSON), and a hex dump.
        ("名前 {} の件", _json_u("佐藤花子").replace("\\", "\\\\"), "PERSON"),
        ("HEX: {}", " ".join(f"{b:02x}" for b in "佐藤花子".encode()), "PERSON"),
        # MIME header words, in UTF-8 and in ISO-2022-JP (Japanese mail).
        ("件名: {}", f"=?UTF-8?B?{_b64('山田太郎様')}?=", "PERSON"),
        ("件名: {} の件", "=?ISO-2022-JP?B?" + base64.b64encode("山田太郎様".encode("iso2022_jp")).decode() + "?=", "PERSON"),
    ],
)
def test_obfuscated_runs_are_found(text: str, encoded: str, entity: str) -> None:
    full = text.format(encoded)
    found = [f for f in scan(full).findings if f.detector.startswith("encoded.")]
    assert [f.entity for f in found] == [entity], found
    # The whole encoded value is covered (a MIME word's =?UTF-8?B? and ?= are not part of it).
    core = max(re.split(r"=\?(?:UTF-8|ISO-2022-JP)\?B\?|\?=|^Mail\n", encoded), key=len)
    start = full.index(core)
    assert found[0].start <= start and found[0].end >= start + len(core)


def test_one_run_holding_several_types_is_named_by_the_one_that_decides() -> None:
    encoded = _b64("山田太郎 個人番号123456789018")
    r = scan(f"照会内容 {encoded}")
    (f,) = r.findings
    assert f.entity == "MY_NUMBER" and f.text == encoded
    assert r.tags >= {"personal", "specific_personal"} and r.level == "機密性3"


def test_sensitive_words_in_a_run_tag_the_request() -> None:
    r = scan(f"記録 {_b64('山田太郎さんは糖尿病で通院中です。')}")
    assert r.tags == {"personal", "sensitive_personal"} and r.level == "機密性3"


def test_keyword_lists_see_decoded_text(tmp_path: Path) -> None:
    lists = tmp_path / "kw.yaml"
    lists.write_text("keywords:\n  内部検討: [予定価格]\n", encoding="utf-8")
    scanner = Scanner(Dictionaries.load(lists))
    assert "keyword:内部検討" in scanner.detect(f"参考 {_percent('本件の予定価格は')}").keywords


def test_plain_findings_beside_a_run_are_kept_as_they_were() -> None:
    encoded = _b64("090-1234-5678")
    found = {(f.entity, f.text, f.detector.startswith("encoded.")) for f in scan(f"担当 佐藤花子、電話 {encoded}").findings}
    assert found == {("PERSON", "佐藤花子", False), ("PHONE_NUMBER", encoded, True)}


BENIGN = [
    # Images, as data URLs or pasted: binary, not text.
    "画像を添付します data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "写真 /9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/",
    # Hashes, UUIDs, commit ids, numbers.
    "チェックサム e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 を確認",
    "申請ID 550e8400-e29b-41d4-a716-446655440000 の状況",
    "コミット 9bfdf67a1c0e4d2b8f3a5e6c7d8b9a0f1e2d3c4b を参照",
    # URLs with percent-encoded Japanese that name no one.
    "詳しくは https://www.city.example.lg.jp/kurashi/%E5%AD%90%E8%82%B2%E3%81%A6/%E4%BF%9D%E8%82%B2%E5%9C%92.html をご覧ください",
    "検索結果 https://www.google.com/search?q=%E3%82%B4%E3%83%9F%E5%87%BA%E3%81%97+%E6%9B%9C%E6%97%A5&hl=ja",
    # HTML with the usual references.
    "<p>市民課&nbsp;窓口のご案内&nbsp;&mdash;&nbsp;受付は8:30&ndash;17:15 &amp; 土日休み &lt;祝日&gt;</p>",
    # Tokens, identifiers, words and paths that happen to be base64 letters.
    "JWT eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdXBwb3J0IiwiaWF0IjoxNzAwMDAwMDAwfQ を検証",
    "設定 authentication_service と /usr/local/bin/python3 と PostgreSQL の接続",
    "APIキー sk-proj-Abc123Def456Ghi789Jkl012Mno345 は再発行",
    # Base64 of ordinary Japanese text: decoded and read, nothing personal in it.
    f"案内文 {_b64('市民課の窓口は平日8時30分から開いています。')}",
    # Prose and tables whose words and numbers are base64 letters.
    "ポルトガル語のメールです。Olá, bom dia. Meu filho tem 8 anos e quero saber sobre a escola.",
    "受付簿\n12/2\t11:00\t印鑑登録\t整理番号 6621 0484\n12/2\t10:15\tマイナカード受取",
    "TENNIS NO OJISAMA と THE IDOLM@STER の話",
    # JSON with ordinary escapes, a Windows path.
    '設定 {"message": "\\u304a\\u77e5\\u3089\\u305b", "path": "C:\\\\Users\\\\Public\\\\Documents"}',
]


@pytest.mark.parametrize("text", BENIGN)
def test_benign_encoded_content_is_not_flagged(text: str) -> None:
    r = scan(text)
    assert r.findings == () and r.detection.markings == () and r.level == "機密性1"


def test_nesting_is_bounded() -> None:
    value = "090-1234-5678"
    for _ in range(6):
        value = _b64(value)
    # Six layers deep is past the bound: it is not decoded to the end, and costs nothing extra.
    assert all("090" not in r.decoded for r in find_runs(value))


# Filler that cannot itself form an identifier or a name on its own.
_FILLER = st.text(alphabet="あいうえおかきくけこさしすせそたちつてとのはまやらわをん、。市役所窓口案内資料\n ", max_size=30)
_CANARIES = [("090-1234-5678", "PHONE_NUMBER"), ("123456789018", "MY_NUMBER"), ("taro.yamada@example.jp", "EMAIL_ADDRESS")]


@settings(max_examples=60, deadline=None)
@given(
    before=_FILLER,
    after=_FILLER,
    canary=st.sampled_from(_CANARIES),
    encoding=st.sampled_from(sorted(ENCODINGS)),
)
def test_an_encoded_canary_is_found_wherever_it_sits(before: str, after: str, canary: tuple[str, str], encoding: str) -> None:
    value, entity = canary
    encoded = ENCODINGS[encoding][1](value)
    text = before + encoded + after
    start, end = len(before), len(before) + len(encoded)
    covering = [f for f in scan(text).findings if f.start <= start and f.end >= end]
    assert covering and covering[0].detector.startswith("encoded."), (text, scan(text).findings)
    assert covering[0].entity == entity


@settings(max_examples=60, deadline=None)
@given(
    before=_FILLER,
    after=_FILLER,
    cuts=st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=6),
    newline=st.sampled_from(["\n", "\r\n", "\n  ", "\n\t"]),
)
def test_base64_split_across_lines_anywhere_is_found(before: str, after: str, cuts: list[int], newline: str) -> None:
    b = _b64("連絡先 090-1234-5678 山田")
    at = sorted({c for c in cuts if c < len(b)})
    pieces = [b[i:j] for i, j in zip([0, *at], [*at, len(b)], strict=True)]
    encoded = newline.join(pieces)
    # A line break around the run, so the filler's letters never join it.
    text = before + "\n" + encoded + "\n" + after
    start = len(before) + 1
    covering = [f for f in scan(text).findings if f.start <= start and f.end >= start + len(encoded)]
    assert covering and covering[0].detector.startswith("encoded.base64"), (text, scan(text).findings)


_ENCODED_PIECES = st.sampled_from(
    [_b64("山田太郎"), _html_hex("佐藤"), _percent("090-1234-5678"), _json_u("機密性３"), "&nbsp;", "%20", "\\u00", "&#", "=="]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_ENCODED_PIECES, st.text(max_size=8), _FILLER), max_size=12).map("".join))
def test_findings_stay_exact_and_ordered_with_runs_anywhere(text: str) -> None:
    r = scan(text)
    last_end = 0
    for f in r.findings:
        assert 0 <= f.start < f.end <= len(text) and text[f.start : f.end] == f.text
        assert f.start >= last_end
        last_end = f.end
    for m in r.detection.markings:
        assert text[m.start : m.end] == m.text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_ENCODED_PIECES, st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=10)), max_size=10).map("".join))
def test_the_fast_path_never_hides_a_run(text: str) -> None:
    if not might_be_encoded(text):
        assert find_runs(text) == []


def test_run_shapes_are_not_confused_by_neighbours() -> None:
    # Padding belongs to the run; a key=value pair does not start one.
    text = "b64=" + _b64("090-1234-5678") + "&x=1"
    (run,) = find_runs(text)
    assert run.kind == "base64" and text[run.start : run.end] == _b64("090-1234-5678")
    assert re.fullmatch(r"[0-9-]+", run.decoded)


@pytest.mark.parametrize(
    "text",
    [
        "070 6621 0484\n12/2\t10:15",  # digit groups in a table, then a date on the next line
        "Meu filho Gabriel tem 8 anos",  # prose: a space after a word that is not four letters
        "My wife Sita and I",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "550e8400-e29b-41d4-a716-446655440000",
        "247522766825",  # a long number is not hex-written bytes
    ],
)
def test_no_run_is_read_into_words_numbers_and_hashes(text: str) -> None:
    assert find_runs(text) == []


def test_detect_many_cuts_encoded_findings_per_text() -> None:
    # The gateway detects a conversation's messages in one pass: each keeps its own runs.
    encoded = _b64("090-1234-5678")
    first, second = Scanner().detect_many(["市民課の案内です。", f"電話 {encoded} まで"])
    assert first.findings == ()
    (f,) = second.findings
    assert (f.entity, f.start, f.text, f.detector) == ("PHONE_NUMBER", 3, encoded, "encoded.base64.PHONE_NUMBER")
    assert second.tags == {"personal"}
