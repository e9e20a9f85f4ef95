"""Detections of pieces put together equal the detection of the whole (the gateway's per-message cache)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from detectors import default_scanner
from detectors.combine import combine, tags_for
from detectors.model import Finding

PIECES = [
    "相談者の佐藤花子さん（090-1234-5678）から電話がありました。",
    "本人は糖尿病で通院中とのこと。",
    "【機密性３】次年度の人事異動案",
    "個人番号 123456789018 の件",
    "窓口の案内文を作ってください。",
    "高橋健一様 東京都千代田区霞が関1-2-3",
    "予定価格は内部検討中です。",
    "はい。",
    "○木村委員　就学援助の対象家庭への補助は。\n○林教育長　検討します。",
    "担当の山田です。",
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6))
def test_detect_many_then_combine_is_detect_of_the_joined_text(texts: list[str]) -> None:
    scanner = default_scanner()
    text = "\n\n".join(texts)
    bases = [sum(len(t) + 2 for t in texts[:i]) for i in range(len(texts))]
    assert combine(list(zip(bases, scanner.detect_many(texts), strict=True)), text) == scanner.detect(text)


def test_a_record_in_office_is_sensitive_when_another_message_names_the_subject() -> None:
    scanner = default_scanner()
    minutes, resident, staff, fact = (scanner.detect(t) for t in (PIECES[8], PIECES[0], PIECES[9], PIECES[1]))
    assert minutes.tags == {"personal"}  # 就学援助 in minutes is about no one
    joined = PIECES[8] + "\n\n" + PIECES[0]
    assert "sensitive_personal" in combine([(0, minutes), (len(PIECES[8]) + 2, resident)], joined).tags
    # 本人 in a message that names no one still says the record is about someone.
    joined = PIECES[9] + "\n\n" + PIECES[1]
    assert "sensitive_personal" in combine([(0, staff), (len(PIECES[9]) + 2, fact)], joined).tags


def test_tags_are_decided_over_all_pieces() -> None:
    scanner = default_scanner()
    person, illness = scanner.detect(PIECES[0]), scanner.detect(PIECES[1])
    assert "sensitive_personal" not in person.tags | illness.tags
    both = combine([(0, person), (len(PIECES[0]) + 2, illness)], PIECES[0] + "\n\n" + PIECES[1])
    assert {"personal", "sensitive_personal"} <= both.tags


def test_tags_for() -> None:
    f = Finding("MY_NUMBER", 0, 12, "123456789018", 1.0, "t")
    assert tags_for([f], ["sensitive:病歴"]) == {"personal", "sensitive_personal", "specific_personal"}
    assert tags_for([Finding("LOCATION", 0, 2, "東京", 0.6, "t")], ["sensitive:病歴"]) == set()
