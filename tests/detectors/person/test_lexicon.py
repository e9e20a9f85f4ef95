"""PERSON from the JMnedict lexicon: full names, 姓+名 the dictionary splits, kana given names; and what is not a name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from detectors.detector import Artifacts
from detectors.keywords import Dictionaries
from detectors.morphology import tokens
from detectors.names_lexicon import EMPTY, NameLexicon, build, database_path, load
from detectors.normalize import normalize
from detectors.person.lexicon import LexiconPersonDetector

# A small lexicon of the kinds JMnedict holds, so the rules are tested without the 300 MB package.
NAMES = NameLexicon(
    full=frozenset({"星一徹", "西尾維新", "文鮮明", "浄土真宗", "東洋一"}),
    surnames=frozenset({"中野", "田中", "明治", "丸亀", "中央"}),
    given=frozenset({"雅至", "一郎", "時代", "港", "政府"}),
    kana_given=frozenset({"さつき", "ゆり", "すみれ", "たち", "から"}),
    katakana=frozenset(),
)


def _found(text: str, names: NameLexicon = NAMES) -> list[str]:
    det = LexiconPersonDetector(Dictionaries.defaults(), names)
    art = Artifacts(original=text, normalized=normalize(text))
    return [f.text for f in det.detect(text, art)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Full names JMnedict lists that Sudachi splits into a place and a common noun.
        ("中期以降は星一徹の指導で復活する。", ["星一徹"]),
        ("佐藤のほか、西尾維新が小説を寄稿した。", ["西尾維新"]),
        ("1967年に文鮮明が会合をした。", ["文鮮明"]),
        # 姓+名 split by Sudachi: a JMnedict family name and given name.
        ("元官僚である中野雅至やライターの話", ["中野雅至"]),
        # A one-character Chinese or Korean family name and two more kanji.
        ("父の林文察は台湾に襲来した小刀会と戦った。", ["林文察"]),
        ("東亜日報社長の金載昊と仁村記念会が提訴した。", ["金載昊"]),
        ("副官で元カナダ大使の韓丙起は義兄に当たる。", ["韓丙起"]),
        ("尹潽善候補が当選した。", ["尹潽善"]),  # a title glued to the name ends it
        ("金斗鎔は、民族的闘争の放棄を主張した。", ["金斗鎔"]),  # a character Sudachi does not know
        ("メレンドルフと馬建常は赴任した。", ["馬建常"]),
        # Hiragana given names after a relative or role word.
        ("小学校教師の長女さつきは同僚と結婚間近だ。", ["さつき"]),
        ("性格は姉のゆりに似ていると評した。", ["ゆり"]),
        ("主人公・すみれを演じる女優", ["すみれ"]),
    ],
)
def test_names_the_dictionary_misses(text: str, expected: list[str]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "浄土真宗の僧侶であった。",  # one dictionary word, whatever JMnedict says
        "「東洋一のアーチ橋」を謳っていた。",  # a number inside
        "明治時代のポスター",  # the given part is one dictionary word (時代)
        "丸亀港の北21kmの海上",  # ends like a place
        "中央政府は方針を改めた。",  # common nouns only, no CJK family name
        "田中一郎市の施策",  # a place word follows
        "娘たちに打ち明けた。",  # grammar, not a name
        "さつきは晴れていた。",  # a kana name with no relative or role before it
        "母から電話があった。",  # a particle JMnedict also lists as a name
        "林業は盛んである。",  # 林 opens a word, not a name
        "金曜日の朝",
        "馬車は止まった。",
        "金属は錆びる。",
    ],
)
def test_not_names(text: str) -> None:
    assert _found(text) == []


def test_sudachi_names_are_left_to_the_dictionary_pass() -> None:
    assert _found("田中は来た。", NameLexicon(frozenset({"田中"}), frozenset(), frozenset(), frozenset(), frozenset())) == []


def test_no_lexicon_finds_nothing() -> None:
    assert _found("中期以降は星一徹の指導で復活する。", EMPTY) == []


def test_offsets_index_the_original_text() -> None:
    text = "ｺﾒﾝﾄ：父の林文察は台湾に渡った。"
    det = LexiconPersonDetector(Dictionaries.defaults(), NAMES)
    art = Artifacts(original=text, normalized=normalize(text))
    (f,) = det.detect(text, art)
    assert text[f.start : f.end] == "林文察" == f.text


def test_candidates_name_their_rule() -> None:
    det = LexiconPersonDetector(Dictionaries.defaults(), NAMES)
    text = "星一徹と林文察と長女さつきは来た。"
    art = Artifacts(original=text, normalized=normalize(text))
    rules = {text[s:e]: rule for s, e, _, rule in det.candidates(tokens(art))}
    assert rules == {"星一徹": "full", "林文察": "pair", "さつき": "kana"}


def _jmnedict(path: Path) -> None:
    """A JMnedict-shaped SQLite file with a few entries (the tables jamdict-data ships)."""
    con = sqlite3.connect(path)
    con.executescript(
        """
        CREATE TABLE NEKanji (ID INTEGER PRIMARY KEY, idseq INTEGER, text TEXT);
        CREATE TABLE NEKana (ID INTEGER PRIMARY KEY, idseq INTEGER, text TEXT, nokanji BOOLEAN);
        CREATE TABLE NETranslation (ID INTEGER PRIMARY KEY, idseq INTEGER);
        CREATE TABLE NETransType (tid INTEGER, text TEXT);
        INSERT INTO NEKanji (idseq, text) VALUES (1, '星一徹'), (2, '中野'), (3, '雅至'), (4, '東京'), (5, '一');
        INSERT INTO NEKana (idseq, text) VALUES (6, 'さつき'), (7, 'ベリーン'), (4, 'とうきょう');
        INSERT INTO NETranslation (ID, idseq) VALUES (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (7, 7);
        INSERT INTO NETransType (tid, text) VALUES (1, 'person'), (2, 'surname'), (3, 'masc'), (4, 'place'),
            (5, 'person'), (6, 'fem'), (7, 'surname');
        """
    )
    con.commit()
    con.close()


def test_build_keeps_person_entries_by_role(tmp_path: Path) -> None:
    db = tmp_path / "jamdict.db"
    _jmnedict(db)
    lex = build(db)
    assert lex.full == {"星一徹"}  # 一 is too short to be a full name
    assert lex.surnames == {"中野"}
    assert lex.given == {"雅至"}
    assert lex.kana_given == {"さつき"}
    assert lex.katakana == {"ベリーン"}
    assert "東京" not in lex.surnames | lex.given  # places are left out


def test_build_opens_the_file_read_only(tmp_path: Path) -> None:
    db = tmp_path / "jamdict.db"
    _jmnedict(db)
    before = db.stat().st_mtime_ns
    build(db)
    assert db.stat().st_mtime_ns == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jamdict.db"]


def test_load_keeps_an_extract_in_the_cache_and_reads_it_back(tmp_path: Path) -> None:
    db = tmp_path / "jamdict.db"
    _jmnedict(db)
    cache = tmp_path / "cache"
    first = load(db, cache)
    assert first == build(db)
    (extract,) = cache.iterdir()
    assert extract.name.startswith("jmnedict-names-") and "\tさつき" in extract.read_text(encoding="utf-8")
    # The extract, not the database, is read the second time.
    with extract.open("a", encoding="utf-8") as fh:
        fh.write("full\t架空一郎\n")
    assert load(db, cache).full == {"星一徹", "架空一郎"}


def test_a_broken_extract_is_rebuilt(tmp_path: Path) -> None:
    db = tmp_path / "jamdict.db"
    _jmnedict(db)
    cache = tmp_path / "cache"
    load(db, cache)
    (extract,) = cache.iterdir()
    extract.write_text("nonsense\tx\n", encoding="utf-8")
    assert load(db, cache) == build(db)
    assert "nonsense" not in extract.read_text(encoding="utf-8")


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    db = tmp_path / "jamdict.db"
    _jmnedict(db)
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert load(db, blocker / "cache") == build(db)  # the cache path lies under a file


@pytest.mark.skipif(database_path() is None, reason="jamdict-data is not installed")
def test_installed_jmnedict_through_the_scanner() -> None:
    from detectors import scan

    found = [f.text for f in scan("中期以降は星一徹の指導で復活する。").findings if f.entity == "PERSON"]
    assert found == ["星一徹"]
