"""Japanese addresses in romaji: 2-14-6 Hibarigaoka, Kaku City / Kaku-shi Sakae-cho 4-2-9, Sunny Court 101."""

from __future__ import annotations

import re
from typing import Final

from detectors.openings import Opening

PREFECTURES_ROMAJI: Final = (
    "Hokkaido Aomori Iwate Miyagi Akita Yamagata Fukushima Ibaraki Tochigi Gunma Saitama Chiba Tokyo Kanagawa "
    "Niigata Toyama Ishikawa Fukui Yamanashi Nagano Gifu Shizuoka Aichi Mie Shiga Kyoto Osaka Hyogo Nara "
    "Wakayama Tottori Shimane Okayama Hiroshima Yamaguchi Tokushima Kagawa Ehime Kochi Fukuoka Saga Nagasaki "
    "Kumamoto Oita Miyazaki Kagoshima Okinawa"
).split()

# A city, ward, town or village: Kaku-shi, Chuo-ku, Kaku City, Minato Ward; a prefecture: Chiba-ken, Osaka.
_WORD: Final = r"[A-Z][a-z]+"
_CITY: Final = rf"(?:{_WORD}-(?:shi|ku|cho|machi|mura|gun|son)\b|{_WORD}[ \t]+(?:City|Ward|Town|Village)\b)"
_PREF: Final = rf"(?:(?:{'|'.join(PREFECTURES_ROMAJI)})(?:-(?:ken|to|fu)\b|[ \t]+Prefecture\b|\b))"
# A town or district name: Hibarigaoka, Sakae-cho, Kojo-dori.
_TOWN: Final = rf"{_WORD}(?:-(?:cho|machi|dori|chome|mura))?"
# 2-14-6 or 1234-5; not a phone number (03-1234-5678), a postal code (123-4567) or a date (2025-10-02).
_BLOCK: Final = r"[0-9]{1,3}(?:-[0-9]{1,3}){1,3}(?![0-9-])"
_ROOM: Final = r"(?:(?:Apt|Rm|Room|Unit)\.?[ \t]?|#)[0-9]{1,4}[A-Z]?"
_NOT_BUILDING: Final = r"(?!(?:Tel|TEL|Phone|Mobile|Fax|FAX|Email|Mail|Ext|No)\b)"
_BUILDING_AFTER: Final = (
    rf"(?:,?[ \t]+(?:{_ROOM}|{_NOT_BUILDING}(?:[A-Z][A-Za-z]+[ \t]+){{1,3}}[0-9]{{1,4}}[A-Z]?(?![0-9-]|[ \t][0-9])))"
)
_SEP: Final = r",?[ \t]+"

# Block first (English order): [Apt. 305, ]2-14-6 Hibarigaoka, Kaku City[, Chiba]; a prefecture
# alone closes it only after a town name (a score of 2-1 before "Tokyo" is no address).
_BLOCK_FIRST_RE: Final = re.compile(
    rf"(?<![A-Za-z0-9-])(?:{_ROOM},?[ \t]+)?{_BLOCK}"
    rf"(?:(?:{_SEP}{_TOWN}){{0,2}}{_SEP}{_CITY}(?:{_SEP}{_PREF})?|(?:{_SEP}{_TOWN}){{1,2}}{_SEP}{_PREF})"
)
# Municipality first (Japanese order): [Chiba-ken ]Kaku-shi Sakae-cho 4-2-9[, Sunny Court 101]
_MUNI_FIRST_RE: Final = re.compile(
    rf"(?<![A-Za-z0-9-])(?:(?:{_PREF}{_SEP})?{_CITY}{_SEP}(?:{_TOWN}{_SEP}){{0,2}}|{_PREF}{_SEP}(?:{_TOWN}{_SEP}){{1,2}})"
    rf"{_BLOCK}{_BUILDING_AFTER}?"
)
# The patterns open with classes, not literals, so sre would try them at every position of a long
# text: they run only in windows around a digit-hyphen-digit that have a place word in them.
_HYPHEN_RE: Final = re.compile(r"-(?=[0-9])")
_PLACE_HINT_RE: Final = re.compile(
    rf"-(?:shi|ku|cho|machi|mura|gun|son)\b| (?:City|Ward|Town|Village)\b|{_PREF}"
)
_WINDOW: Final = 80


# A rural address in romaji: [Room 205, Building 3, Hama Danchi, ]88 Oaza-Ajirohama[, Shionagi-cho],
# Oaza Kamikawara 1182, Kaminohara Ryo, 1502-1 Oaza-Kaminohara; a number before or after 大字 is required.
_OAZA: Final = r"O?aza[- ][A-Z][a-z]+(?:,?[ ]Aza[- ][A-Z][a-z]+)?".replace("O?aza", "(?:Oaza|Aza)")
_LOT: Final = r"[0-9]{1,5}(?:-[0-9]{1,4})?"
_OAZA_PREFIX: Final = (
    rf"(?:{_ROOM},?[ \t]+)?(?:Building[ ][0-9A-Z]{{1,3}},[ ])?"
    r"(?:[A-Z][a-z]+[ -](?:Danchi|Heights|Haitsu|Coop|Kopo|Ryo|ryo|so|Dormitory|Mansion),[ ])?"
)
_OAZA_RE: Final = re.compile(
    # (a 字 may stand between the lot and the 大字, as a name alone: 51-2 Kawabata, Oaza Nakamura)
    rf"(?<![A-Za-z0-9-]){_OAZA_PREFIX}(?:(?P<before>{_LOT})(?:,?[ ][A-Z][a-z]+)?,?[ ]{_OAZA}|{_OAZA},?[ ](?P<after>{_LOT})(?![0-9-]))"
    rf"(?:,?[ ]{_CITY})?"
)


# Hokkaido's grid in romaji: 3-7 Kita 5-jo Nishi 2-chome, Horonibetsu / Kita 3-jo Nishi 5-chome 2-14.
_DIRECTION: Final = r"(?:Kita|Minami|Higashi|Nishi|Chuo)[ -]?[0-9]{1,2}-?"
_JO_RE: Final = re.compile(
    rf"(?<![A-Za-z0-9-])(?:(?P<before>{_BLOCK}),?[ ])?{_DIRECTION}(?:jo|chome)(?:,?[ ]{_DIRECTION}chome)?"
    rf"(?:,?[ ](?P<after>{_BLOCK}))?(?:,[ ]{_WORD}(?:-(?:shi|ku|cho|machi))?(?![A-Za-z]))?"
)


# An address abroad in English order: [Flat 5B, ]12 Baker Road[, Thanh Xuan District][, Dhaka][, USA].
_STREET_RE: Final = re.compile(
    r"(?<![A-Za-z0-9-])(?:(?:Flat|Apt\.?|Unit|Room|Rm\.?)[ ]?[0-9]{1,4}[A-Z]?,[ ])?[0-9]{1,5}[A-Z]?[ ]"
    r"(?:[A-Z][a-z]+[ ]){1,3}(?:Street|St\.|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Dr\.?|Boulevard|Blvd\.?|Way|Place|Court)"
    r"(?:,[ ](?:[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2}|[A-Z]{2,3}\b)){0,4}"
)
_STREET_HINT_RE: Final = re.compile(r"\b(?:Street|St\.|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Place|Court)\b")
_STREET_HINT_AT: Final = Opening(_STREET_HINT_RE)  # tried only at its words' capitals


# A public housing estate's building and room, in either order: Room 207, Bldg 4, Kitamachi Danchi /
# Kitamachi Danchi Bldg 6, Room 504 / Sakuradai Housing Bldg 5, Room 106 (no town or number block needed:
# the building and the room together place a household).
_ESTATE_NAME: Final = r"(?:[A-Z][a-z]+[ ]){1,3}(?:Danchi|Housing|Jutaku|Estate|Heights|Apartments)"
_ESTATE_BUILDING: Final = r"(?:Bldg\.?|Building|Block)[ ]?(?:No\.[ ]?)?[0-9A-Z]{1,2}\b"
_ESTATE_ROOM: Final = r"(?:Room|Rm\.?|Apt\.?|Unit|#)[ ]?[0-9]{1,4}[A-Z]?\b"
_ESTATE_RE: Final = re.compile(
    rf"(?<![A-Za-z0-9]){_ESTATE_ROOM},?[ ]{_ESTATE_BUILDING},?[ ]{_ESTATE_NAME}\b"
    rf"|(?<![A-Za-z]){_ESTATE_NAME},?[ ]{_ESTATE_BUILDING},?[ ]{_ESTATE_ROOM}"
)


def latin_addresses(text: str) -> list[tuple[int, int]]:
    """Spans of romanised addresses in `text` (normalised), longest first where two overlap."""
    street = {m.span() for m in _STREET_RE.finditer(text)} if _STREET_HINT_AT.search(text) else set()
    if "Bldg" in text or "Building" in text or "Block" in text:
        street.update(m.span() for m in _ESTATE_RE.finditer(text))
    if "-" not in text and "aza" not in text:
        return sorted(street)
    windows: list[list[int]] = []
    for h in _HYPHEN_RE.finditer(text):
        if h.start() == 0 or not text[h.start() - 1].isdigit():
            continue
        lo, hi = max(0, h.start() - _WINDOW), min(len(text), h.end() + _WINDOW)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    found: set[tuple[int, int]] = {m.span() for m in _OAZA_RE.finditer(text)} if "Oaza" in text or "Aza" in text else set()
    if "jo" in text or "chome" in text:
        found.update(m.span() for m in _JO_RE.finditer(text) if m.group("before") or m.group("after"))
    found |= street
    for lo, hi in windows:
        if _PLACE_HINT_RE.search(text, lo, hi):
            found.update(m.span() for regex in (_BLOCK_FIRST_RE, _MUNI_FIRST_RE) for m in regex.finditer(text, lo, hi))
    out: list[tuple[int, int]] = []
    for s, e in sorted(found, key=lambda x: (x[0], -x[1])):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
            continue
        out.append((s, e))
    return out
