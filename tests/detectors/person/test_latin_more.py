"""Latin-script names by what stands around them: a country in brackets, an e-mail that spells them, a role
labelled in English or Japanese, a relative, an introduction in the resident's language."""

from __future__ import annotations

import pytest

from detectors import scan


def _persons(text: str) -> list[str]:
    return [f.text for f in scan(text).findings if f.entity == "PERSON"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A country in brackets after the name, in passport capitals too, and one word alone.
        ("LI XIAOMEI（中国）\nZhang Wei（中国）", ["LI XIAOMEI", "Zhang Wei"]),
        ("問い合わせ者：Bat-Erdene Oyunchimeg（モンゴル）", ["Bat-Erdene Oyunchimeg"]),
        ("Budi（インドネシア、姓なし）", ["Budi"]),
        # An e-mail on the line whose local part spells the name.
        ("Juan dela Cruz / juan.dc@example.com\nHương / huong.t@example.org", ["Juan dela Cruz", "Hương"]),
        # A capital with a diacritic opens a name; introductions in Vietnamese, Indonesian, Spanish, Tagalog.
        ("Em tên là Đỗ Thị Lan. Em muốn đăng ký con Bảo Anh vào nhà trẻ.", ["Đỗ Thị Lan", "Bảo Anh"]),
        ("Nama saya Wayan, teman saya Ketut Suarjana.", ["Wayan", "Ketut Suarjana"]),
        ("Ang anak ko pong si Joshua ay may sakit.", ["Joshua"]),
        # Roles and relatives labelled in English.
        ("Case: Priya Raghunathan, 27\nInterviewer: Nishikawa", ["Priya Raghunathan", "Nishikawa"]),
        ("Hello, my grandfather Toshio Hamada passed away last year", ["Toshio Hamada"]),
        ("I am Priya Venkataraman, mother of Aarav.", ["Priya Venkataraman", "Aarav"]),
        ("Emily Watanabe, coordinator", ["Emily Watanabe"]),
        ("Sincerely, Shimabukuro Aki, Planning Division", ["Shimabukuro Aki"]),
        # Japanese labels and brackets.
        ("配偶者：島袋 ロザリン（旧姓 Dizon、フィリピン国籍）", ["島袋 ロザリン", "Dizon"]),
        ("南組　組長 Thomas Müller　080-1193-5502", ["Thomas Müller"]),
        ("No.1187 MATSUDA KEN 1987/12/03生", ["MATSUDA KEN"]),
        ("General Affairs Division\nHAYASHI Mio (Ms.)", ["HAYASHI Mio"]),
        # Cyrillic, with its reading after it.
        ("対象：ТӨМӨРБААТАР Болд（トゥムルバータル ボルド）さん", ["ТӨМӨРБААТАР Болд", "トゥムルバータル ボルド"]),
    ],
    ids=[
        "country-caps", "label-hyphenated", "country-one-word", "email-spells", "vietnamese", "indonesian",
        "tagalog", "english-labels", "grandfather", "mother-of", "role-after", "sign-off-one-line",
        "maiden-name", "group-head", "birth-date-after", "title-in-brackets", "cyrillic",
    ],
)
def test_latin_names_by_their_surroundings(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Apple Music（アメリカ）の料金",  # a product and a country: its words are dictionary words
        "Tokyo（日本）",  # a place before a country
        "Support Team / support@example.com",  # an office's address spells an office
        "Shionami Junior High",  # a school
    ],
)
def test_not_names_by_the_same_surroundings(text: str) -> None:
    assert _persons(text) == []


def test_names_before_the_addresses_that_spell_them() -> None:
    text = "To: Dilshan Perera <dilshan.p@example.lk>, Tharshini Selvarajah <tharshi.s@example.lk>"
    assert [f.text for f in scan(text).findings if f.entity == "PERSON"] == ["Dilshan Perera", "Tharshini Selvarajah"]


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        # One Latin word after the role someone is named by, and the names listed after it.
        ("議事要旨　通訳コーディネーター Silva、保健師 上田", ["Silva", "上田"]),
        ("寮の他の実習生（Rudi、Yanto）の検診はどうなるのか", ["Rudi", "Yanto"]),
        ("アルバイト先はコンビニ2店（店長 植田氏／店長 Kapil）", ["植田", "Kapil"]),
        ("学習者代表 Bình から意見があった", ["Bình"]),
        # Not a word that opens a phrase.
        ("代表 The Team", []),
    ],
    ids=["coordinator", "trainees-listed", "manager", "diacritics", "not-a-name"],
)
def test_one_latin_word_after_a_role(text: str, persons: list[str]) -> None:
    assert [f.text for f in scan(text).findings if f.entity == "PERSON"] == persons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Japanese names in Latin letters with no cue: a common family name's and a common given name's
        # spellings, in either order, in capitals or not, with long vowels written or left out.
        ("Disaster Management Division, Yumi Hoshino", ["Yumi Hoshino"]),
        ("- Director: OGINO Satoshi, ext. 2101", ["OGINO Satoshi"]),
        ("名義は TAKEUCHI MIHO です。", ["TAKEUCHI MIHO"]),
        ("Wataru Nishikawa, Disaster Management Division", ["Wataru Nishikawa"]),
        ("Please ask Shota Ohno or Kenji Satou.", ["Shota Ohno", "Kenji Satou"]),
        # Not a building, a town or a firm whose words are not all names.
        ("Ken Mori Tower is tall.", []),
        ("Tokachi Kensetsu Co., Ltd.", []),
    ],
    ids=["given-family", "caps-family-given", "all-caps", "line-start", "long-vowels", "building", "firm"],
)
def test_romanised_japanese_names(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A letter's greeting to one person by one name; an office or everyone is no one.
        ("Hi Jonathan, thanks for the photos.", ["Jonathan"]),
        ("Dear Mr. O'Brien,\nThank you for your letter.", ["O'Brien"]),
        ("Dear Sir,\nThank you.", []),
        ("Dear City Hall,\nPlease find attached.", []),
        # An Irish family name with its apostrophe.
        ("My husband Sean O'Connor works in Tokyo.", ["Sean O'Connor"]),
    ],
    ids=["hi", "dear-mr", "dear-sir", "dear-office", "apostrophe"],
)
def test_greetings_and_apostrophes(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Handled by: Okamoto", ["Okamoto"]),
        ("Follow-up: Kono to call her back at 3 pm.", ["Kono"]),
        ("Baby: Lucas (born 2 May 2025)", ["Lucas"]),
        # A programme named for children is no child.
        ("Thank you for your email about the Child Allowance (Jido Teate).", []),
    ],
    ids=["handled-by", "follow-up", "baby", "child-allowance"],
)
def test_who_handles_a_case_and_a_babys_name(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Tagalog's article before a name, and Gng. (Mrs.).
        ("Salamat po para sa anak namin na si Miya (ipinanganak noong 2024)", ["Miya"]),
        ("Ang pangalan ng asawa ko, si Tomohiro Gushiken. Attached po.", ["Tomohiro Gushiken"]),
        ("Magandang araw po, Gng. Villanueva!", ["Villanueva"]),
        # A signature line opened by a dash; who checked a record.
        ("Thank you.\n— Kristine", ["Kristine"]),
        ("Checked by Sakai (住民課)", ["Sakai"]),
        # A place in passport capitals is no name.
        ("YAMAMOTO HANAKO,KAKU-MACHI OAZA SHIMOMURA 77-3", ["YAMAMOTO HANAKO"]),
    ],
    ids=["si", "si-full", "gng", "dash-signature", "checked-by", "romaji-place"],
)
def test_tagalog_signatures_and_romanised_places(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Parents writing in Portuguese and Spanish: who speaks, and the children they name.
        ("Olá, aqui é a Juliana, mãe do Arthur e da Helena. Hoje quem vai buscar", ["Juliana", "Arthur", "Helena"]),
        ("Hola, buenas tardes, habla Carmen Lucía Torres Vega, la mamá de Sofía, del grupo Estrella",
         ["Carmen Lucía Torres Vega", "Sofía"]),
        ("A mãe da Escola Estadual ligou.", []),
        # A roster's Family, Given when the family name is one residents' passports often carry; not a city and
        # its country.
        ("| 3 | Reyes, Andrea Mae | 港小 | 3 | Reyes, Joy | （未登録） |", ["Reyes, Andrea Mae", "Reyes, Joy"]),
        ("Costa, Enzo\t国保\t415509\tCosta, Thiago", ["Costa, Enzo", "Costa, Thiago"]),
        ("| Lima, Peru | 2 |", []),
        # Indonesian parents: who writes, and the children they name; a form's child and mother.
        ("Bu, ini Nur Aini, ibu dari Rafi Pratama.", ["Nur Aini", "Rafi Pratama"]),
        ("Saya Budi Santoso, ayah dari Rafa dan Kirana.", ["Budi Santoso", "Rafa", "Kirana"]),
        ("Nama anak: Putri Ayu Lestari\nNama ibu: Yuliana", ["Putri Ayu Lestari", "Yuliana"]),
        ("Ini hari Senin, ibu dari sekolah datang", []),
    ],
    ids=[
        "pt-parent", "es-parent", "pt-school", "roster-comma", "tsv-comma", "city-country", "id-parent", "id-father",
        "id-form", "id-no-name",
    ],
)
def test_parents_in_portuguese_and_spanish_and_rosters(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected
