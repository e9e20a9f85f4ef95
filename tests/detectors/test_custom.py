"""Custom recognizers from Presidio-format YAML: loading, located errors, detection on normalised text."""

from __future__ import annotations

from pathlib import Path

import pytest

from detectors.custom import CustomRecognizerError, load_custom_detectors, parse_custom_detectors
from detectors.detector import Artifacts
from detectors.normalize import normalize

EXAMPLE = Path(__file__).resolve().parents[2] / "detectors" / "data" / "custom_recognizers.example.yaml"


def _found(detectors: list, text: str) -> list[tuple[str, str, float]]:  # type: ignore[type-arg]
    artifacts = Artifacts(original=text, normalized=normalize(text))
    out = []
    for d in detectors:
        for f in d.detect(text, artifacts):
            assert text[f.start : f.end] == f.text
            assert f.detector == d.id
            out.append((f.entity, f.text, round(f.score, 2)))
    return sorted(out, key=lambda x: text.index(x[1]))


@pytest.fixture(scope="module")
def example() -> list:  # type: ignore[type-arg]
    return load_custom_detectors(EXAMPLE)


def test_example_file_loads(example: list) -> None:  # type: ignore[type-arg]
    assert [d.id for d in example] == ["custom.atena_number", "custom.staff_id", "custom.internal_project_codenames"]
    assert [d.entities for d in example] == [("ATENA_NUMBER",), ("STAFF_ID",), ("PROJECT_CODENAME",)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("宛名番号：０１２－３４５６７８９の方", [("ATENA_NUMBER", "０１２－３４５６７８９", 0.65)]),
        ("宛名番号 一二三四五六七八九〇", [("ATENA_NUMBER", "一二三四五六七八九〇", 0.65)]),
        ("0123456789", [("ATENA_NUMBER", "0123456789", 0.3)]),
        ("職員番号 Ｓ１２３４５６ の山田", [("STAFF_ID", "Ｓ１２３４５６", 0.95)]),
        ("担当は s123456 です", [("STAFF_ID", "s123456", 0.6)]),
        ("関所計画の資料", [("PROJECT_CODENAME", "関所計画", 0.9)]),
        ("プロジェクト青嵐について", [("PROJECT_CODENAME", "プロジェクト青嵐", 0.9)]),
        ("XS1234567", []),
        ("関所の計画", []),
    ],
)
def test_example_detects(example: list, text: str, expected: list) -> None:  # type: ignore[type-arg]
    assert _found(example, text) == expected


def test_disabled_recognizer_is_skipped() -> None:
    yaml_text = """
recognizers:
  - name: a
    supported_entity: A_ID
    enabled: false
    patterns: [{name: p, regex: "A[0-9]+", score: 0.5}]
"""
    assert parse_custom_detectors(yaml_text) == []


def test_supported_entities_plural_is_accepted() -> None:
    yaml_text = """
recognizers:
  - name: a
    supported_entities: [A_ID]
    patterns: [{name: p, regex: "A[0-9]{3}", score: 0.5}]
"""
    (d,) = parse_custom_detectors(yaml_text)
    assert _found([d], "番号A123") == [("A_ID", "A123", 0.5)]


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        (
            "recognizers:\n  - name: a\n    supported_entity: A_ID\n    patterns:\n"
            "      - name: p\n        regex: \"([0-9\"\n        score: 0.5\n",
            "rules.yaml:6:9: recognizers[0].patterns[0].regex: invalid regular expression",
        ),
        (
            "recognizers:\n  - name: a\n    supported_entity: A_ID\n    patterns:\n"
            "      - name: p\n        regex: \"[0-9]+\"\n        score: 1.5\n",
            "rules.yaml:7:9: recognizers[0].patterns[0].score: Input should be less than or equal to 1",
        ),
        (
            "recognizers:\n  - name: a\n    supported_entity: A_ID\n    colour: red\n"
            "    patterns: [{name: p, regex: x, score: 0.1}]\n",
            "rules.yaml:4:5: recognizers[0].colour: Extra inputs are not permitted",
        ),
        (
            "recognizers:\n  - name: a\n    patterns: [{name: p, regex: x, score: 0.1}]\n",
            "rules.yaml:2:5: recognizers[0]: supported_entity is required",
        ),
        (
            "recognizers:\n  - name: a\n    supported_entity: staff id\n    deny_list: [x]\n",
            "rules.yaml:2:5: recognizers[0]: entity name 'staff id' must be UPPER_SNAKE_CASE",
        ),
        (
            "recognizers:\n  - name: a\n    supported_entity: A_ID\n",
            "rules.yaml:2:5: recognizers[0]: a recognizer needs patterns or a deny_list",
        ),
        (
            "recognizers:\n  - name: a\n    supported_entity: A_ID\n    deny_list: [x]\n"
            "  - name: a\n    supported_entity: B_ID\n    deny_list: [y]\n",
            "rules.yaml:5:5: recognizers[1].name: duplicate recognizer name 'a'",
        ),
        ("recognizer: []\n", "rules.yaml:1:1: recognizers: Field required"),
        ("- a\n- b\n", "rules.yaml:1:1: (document): expected a mapping"),
        ("recognizers: [\n", "rules.yaml:2:1: (document): not valid YAML"),
    ],
)
def test_errors_name_file_line_and_field(tmp_path: Path, yaml_text: str, expected: str) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(CustomRecognizerError) as info:
        load_custom_detectors(path)
    assert str(info.value).startswith(str(tmp_path) + "/" + expected), str(info.value)


def test_missing_file_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(CustomRecognizerError, match="cannot read"):
        load_custom_detectors(tmp_path / "nope.yaml")


def test_custom_detectors_run_inside_the_scanner(example: list) -> None:  # type: ignore[type-arg]
    from detectors.scanner import Scanner

    detection = Scanner(extra_detectors=example).detect("職員番号 S123456 が宛名番号 0123456789 を照会")
    found = {(f.entity, f.text) for f in detection.findings}
    assert {("STAFF_ID", "S123456"), ("ATENA_NUMBER", "0123456789")} <= found
