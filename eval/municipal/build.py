"""Write prompts.jsonl deterministically from the hand-written templates in templates.py.

Run: `.venv/bin/python eval/municipal/build.py` (writes eval/municipal/prompts.jsonl next to this file).
All people, numbers and addresses are invented here with a fixed seed; identifiers carry valid check digits.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from templates import NEGATIVES, TEMPLATES, Template  # noqa: E402

SEED = 20261126
# The city's published switchboard (代表電話): public, never personal, listed as never-mask in the detector config.
SWITCHBOARD = "099-000-1234"
PERSONAL_TYPES = frozenset(
    {
        "PERSON", "ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "POSTAL_CODE", "DATE_OF_BIRTH", "MY_NUMBER",
        "BANK_ACCOUNT", "CREDIT_CARD", "DRIVERS_LICENSE", "PASSPORT", "RESIDENCE_CARD", "BASIC_PENSION_NUMBER",
        "HEALTH_INSURANCE", "RESIDENT_CODE", "IP_ADDRESS",
    }
)  # fmt: skip

SURNAMES = [
    ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"), ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"), ("山本", "ヤマモト"), ("中村", "ナカムラ"), ("小林", "コバヤシ"), ("加藤", "カトウ"),
    ("吉田", "ヨシダ"), ("山田", "ヤマダ"), ("佐々木", "ササキ"), ("山口", "ヤマグチ"), ("松本", "マツモト"),
    ("井上", "イノウエ"), ("木村", "キムラ"), ("林", "ハヤシ"), ("斎藤", "サイトウ"), ("清水", "シミズ"),
    ("山崎", "ヤマザキ"), ("森", "モリ"), ("池田", "イケダ"), ("橋本", "ハシモト"), ("阿部", "アベ"),
    ("石川", "イシカワ"), ("前田", "マエダ"), ("藤田", "フジタ"), ("小川", "オガワ"), ("岡田", "オカダ"),
    ("後藤", "ゴトウ"), ("長谷川", "ハセガワ"), ("村上", "ムラカミ"), ("近藤", "コンドウ"), ("石井", "イシイ"),
    ("坂本", "サカモト"), ("遠藤", "エンドウ"), ("青木", "アオキ"), ("藤井", "フジイ"), ("西村", "ニシムラ"),
    ("福田", "フクダ"), ("太田", "オオタ"), ("三浦", "ミウラ"), ("藤原", "フジワラ"), ("岡本", "オカモト"),
    ("松田", "マツダ"), ("中川", "ナカガワ"), ("原田", "ハラダ"), ("小野", "オノ"), ("竹内", "タケウチ"),
    ("金子", "カネコ"), ("和田", "ワダ"), ("中山", "ナカヤマ"), ("石田", "イシダ"), ("上田", "ウエダ"),
    ("森田", "モリタ"), ("柴田", "シバタ"), ("酒井", "サカイ"), ("工藤", "クドウ"), ("横山", "ヨコヤマ"),
    ("宮崎", "ミヤザキ"), ("宮本", "ミヤモト"), ("内田", "ウチダ"), ("高木", "タカギ"), ("安藤", "アンドウ"),
    ("島田", "シマダ"), ("谷口", "タニグチ"), ("大野", "オオノ"), ("丸山", "マルヤマ"), ("今井", "イマイ"),
]  # fmt: skip
# Given names by generation, so a 90-year-old is not called 陽翔 nor a toddler 節子.
OLD_MALE = [
    ("和夫", "カズオ"), ("隆", "タカシ"), ("修", "オサム"), ("博", "ヒロシ"), ("茂", "シゲル"), ("光男", "ミツオ"),
    ("義男", "ヨシオ"), ("秀樹", "ヒデキ"), ("正人", "マサト"), ("浩二", "コウジ"), ("誠", "マコト"), ("健一", "ケンイチ"),
]  # fmt: skip
YOUNG_MALE = [
    ("蓮", "レン"), ("悠真", "ユウマ"), ("陽翔", "ハルト"), ("湊", "ミナト"), ("颯太", "ソウタ"), ("勇気", "ユウキ"),
    ("翔太", "ショウタ"), ("拓也", "タクヤ"), ("大輔", "ダイスケ"), ("智也", "トモヤ"), ("直樹", "ナオキ"), ("達也", "タツヤ"),
]  # fmt: skip
OLD_FEMALE = [
    ("花子", "ハナコ"), ("恵子", "ケイコ"), ("幸子", "サチコ"), ("和子", "カズコ"), ("節子", "セツコ"), ("久美子", "クミコ"),
    ("陽子", "ヨウコ"), ("由美", "ユミ"), ("明美", "アケミ"), ("真由美", "マユミ"), ("直美", "ナオミ"), ("るみ", "ルミ"),
]  # fmt: skip
YOUNG_FEMALE = [
    ("陽菜", "ヒナ"), ("結衣", "ユイ"), ("芽依", "メイ"), ("葵", "アオイ"), ("凛", "リン"), ("さくら", "サクラ"),
    ("美咲", "ミサキ"), ("彩", "アヤ"), ("千尋", "チヒロ"), ("愛", "アイ"), ("舞", "マイ"), ("美穂", "ミホ"),
]  # fmt: skip
GIVEN = {
    ("M", "old"): OLD_MALE, ("M", "young"): YOUNG_MALE, ("M", "any"): OLD_MALE + YOUNG_MALE,
    ("F", "old"): OLD_FEMALE, ("F", "young"): YOUNG_FEMALE, ("F", "any"): OLD_FEMALE + YOUNG_FEMALE,
}  # fmt: skip
FOREIGN = [
    ("Maria", "Santos", "マリア", "サントス"), ("John", "Miller", "ジョン", "ミラー"),
    ("Nguyen Van", "Minh", "グエン・ヴァン", "ミン"), ("Tran Thi", "Lan", "チャン・ティ", "ラン"),
    ("Wei", "Zhang", "ウェイ", "チャン"), ("Ana", "Silva", "アナ", "シルバ"), ("Emily", "Clark", "エミリー", "クラーク"),
    ("Rajesh", "Kumar", "ラジェシュ", "クマール"), ("Siti", "Rahayu", "シティ", "ラハユ"),
    ("Carlos", "Oliveira", "カルロス", "オリベイラ"), ("Minji", "Park", "ミンジ", "パク"),
    ("Bayarmaa", "Dorj", "バヤルマー", "ドルジ"),
]  # fmt: skip
# (prefecture, city or ward, towns): real municipalities, invented town blocks.
PLACES = [
    ("東京都", "世田谷区", ["桜丘", "経堂", "上北沢"]), ("東京都", "練馬区", ["光が丘", "石神井町", "大泉学園町"]),
    ("神奈川県", "横浜市港北区", ["日吉本町", "綱島西", "菊名"]), ("神奈川県", "相模原市南区", ["相模大野", "東林間"]),
    ("大阪府", "堺市北区", ["中百舌鳥町", "長曽根町"]), ("大阪府", "豊中市", ["新千里東町", "曽根西町"]),
    ("愛知県", "名古屋市千種区", ["覚王山通", "今池"]), ("埼玉県", "さいたま市浦和区", ["岸町", "高砂"]),
    ("千葉県", "船橋市", ["本町", "前原西"]), ("北海道", "札幌市中央区", ["北一条西", "南三条西"]),
    ("福岡県", "福岡市早良区", ["西新", "百道"]), ("宮城県", "仙台市青葉区", ["一番町", "上杉"]),
    ("兵庫県", "西宮市", ["甲子園町", "夙川町"]), ("静岡県", "浜松市中央区", ["元城町", "住吉"]),
    ("広島県", "広島市南区", ["皆実町", "宇品御幸"]), ("京都府", "京都市左京区", ["北白川", "下鴨"]),
]  # fmt: skip
# Towns of the fictional own city; addresses in it are written without the prefecture, as staff do.
CITY = "架空市"
CITY_TOWNS = ["本町", "桜町", "緑が丘", "旭町", "東雲", "栄町", "中央", "若葉台", "川端町", "新田"]
BUILDINGS = ["コーポ桜", "グランメゾン東雲", "ハイツ若葉", "サンライズ旭", "メゾン川端"]
FULLWIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
KANJI_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
ERAS = [(2019, 5, 1, "令和", "R"), (1989, 1, 8, "平成", "H"), (1926, 12, 25, "昭和", "S")]


def my_number_check(first11: str) -> int:
    """個人番号 check digit over the first 11 digits (DESIGN.md)."""
    total = 0
    for n in range(1, 12):
        p = int(first11[11 - n])
        q = n + 1 if n <= 6 else n - 5
        total += p * q
    r = total % 11
    return 0 if r <= 1 else 11 - r


def is_my_number(digits: str) -> bool:
    """True for twelve digits whose last digit is the 個人番号 check digit."""
    return len(digits) == 12 and digits.isdigit() and my_number_check(digits[:11]) == int(digits[11])


def corporate_check(last12: str) -> int:
    """法人番号 leading check digit over the other twelve digits."""
    total = 0
    for n in range(1, 13):
        p = int(last12[12 - n])
        total += p * (1 if n % 2 else 2)
    return 9 - total % 9


def is_corporate_number(digits: str) -> bool:
    """True for thirteen digits whose first digit is the 法人番号 check digit."""
    return len(digits) == 13 and digits.isdigit() and corporate_check(digits[1:]) == int(digits[0])


def resident_code_check(first10: str) -> int:
    """住民票コード check digit: modulus 11 with weights 2–7 from the right, as for 個人番号."""
    total = sum(int(d) * ((i % 6) + 2) for i, d in enumerate(reversed(first10)))
    r = total % 11
    return 0 if r <= 1 else 11 - r


def luhn_ok(digits: str) -> bool:
    """True when the digits pass the Luhn check."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


class Gen:
    """Invents one example's people and numbers; every value is drawn from the shared seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def digits(self, n: int, first_nonzero: bool = False) -> str:
        s = "".join(self.r.choice("0123456789") for _ in range(n))
        return (self.r.choice("123456789") + s[1:]) if first_nonzero else s

    def person(
        self, sex: str | None = None, sei: tuple[str, str] | None = None, gen: str = "any", avoid: set[str] | None = None
    ) -> dict[str, str]:
        sex = sex or self.r.choice("MF")
        s = sei or self.r.choice([x for x in SURNAMES if x[0] not in (avoid or set())])
        g = self.r.choice([x for x in GIVEN[(sex, gen)] if x[0] not in (avoid or set())])
        if avoid is not None:
            avoid.update({s[0], g[0]})
        sep = self.r.choice(["", "", " ", "　"])
        return {
            "full": s[0] + sep + g[0],
            "plain": s[0] + g[0],
            "sei": s[0],
            "mei": g[0],
            "kana": s[1] + self.r.choice([" ", "　"]) + g[1],
            "hira": _hira(s[1]) + " " + _hira(g[1]),
            "_sei": s,  # type: ignore[dict-item]
        }

    def phone(self, mobile: bool = True) -> str:
        if mobile:
            parts = [self.r.choice(["090", "080", "070"]), self.digits(4, True), self.digits(4)]
        else:
            area = self.r.choice([("03", 4), ("06", 4), ("045", 3), ("011", 3), ("0466", 2), ("0299", 2), ("092", 3)])
            parts = [area[0], self.digits(area[1], True), self.digits(4)]
        style = self.r.choice(["-", "-", "-", "‐", "－", "―", "ー", " ", "", "fw", "paren", "kanji", "intl"])
        if style == "fw":
            return "－".join(parts).translate(FULLWIDTH)
        if style == "kanji":
            return "‐".join(parts).translate(KANJI_DIGITS)
        if style == "paren":
            return f"{parts[0]}({parts[1]}){parts[2]}"
        if style == "intl":
            return "+81-" + parts[0][1:] + "-" + "-".join(parts[1:])
        return style.join(parts)

    def zipcode(self) -> str:
        z = self.digits(3, True) + "-" + self.digits(4)
        return self.r.choice([z, z, z.translate(FULLWIDTH), z.replace("-", "")])

    def address(self, own_city: bool = False, building: bool = False) -> str:
        chome, ban, go = self.r.randint(1, 6), self.r.randint(1, 30), self.r.randint(1, 25)
        if own_city:
            head = CITY + self.r.choice(CITY_TOWNS)
        else:
            pref, city, towns = self.r.choice(PLACES)
            head = pref + city + self.r.choice(towns)
        tail = self.r.choice(
            [
                f"{chome}丁目{ban}番{go}号",
                f"{chome}-{ban}-{go}",
                f"{chome}丁目{ban}-{go}",
                f"{'一二三四五六'[chome - 1]}丁目{ban}番地の{go}",
                f"{ban * 37}番地{go}",
                f"{chome}－{ban}－{go}".translate(FULLWIDTH),
            ]
        )
        if building:
            tail += self.r.choice(["", " ", "　"]) + self.r.choice(BUILDINGS) + f"{self.r.randint(1, 5)}0{self.r.randint(1, 8)}号室"
        return head + tail

    def dob(self, y0: int = 1938, y1: int = 2004) -> str:
        y, m, d = self.r.randint(y0, y1), self.r.randint(1, 12), self.r.randint(1, 28)
        era = next(e for e in ERAS if (y, m, d) >= e[:3])
        ey = y - era[0] + 1
        eys = "元" if ey == 1 and self.r.random() < 0.5 else str(ey)
        style = self.r.choice(["wareki", "wareki", "western", "slash", "iso", "abbr", "fw"])
        if style == "wareki":
            return f"{era[3]}{eys}年{m}月{d}日"
        if style == "western":
            return f"{y}年{m}月{d}日"
        if style == "slash":
            return f"{y}/{m:02d}/{d:02d}"
        if style == "iso":
            return f"{y}-{m:02d}-{d:02d}"
        if style == "abbr":
            return f"{era[4]}{ey}.{m}.{d}"
        return f"{era[3]}{ey}年{m}月{d}日".translate(FULLWIDTH)

    def my_number(self) -> str:
        first = self.digits(11)
        n = first + str(my_number_check(first))
        style = self.r.choice(["plain", "space", "hyphen", "fw"])
        if style == "space":
            return f"{n[:4]} {n[4:8]} {n[8:]}"
        if style == "hyphen":
            return f"{n[:4]}-{n[4:8]}-{n[8:]}"
        return n.translate(FULLWIDTH) if style == "fw" else n

    def not_my_number(self, grouped: bool = False) -> str:
        while True:
            n = self.digits(12, True)
            if not is_my_number(n):
                return f"{n[:4]}-{n[4:8]}-{n[8:]}" if grouped else n

    def corporate(self) -> str:
        body = "0" + self.digits(11, True) if self.r.random() < 0.3 else self.digits(12, True)
        return str(corporate_check(body)) + body

    def card(self) -> str:
        while True:
            # Visa, Mastercard 51–55 and JCB 3528–3589: the brands a Japanese card number really starts with
            prefix = self.r.choice(["4", f"5{self.r.randint(1, 5)}", f"35{self.r.randint(28, 89)}"])
            n = prefix + self.digits(16 - len(prefix))
            if luhn_ok(n):
                sep = self.r.choice([" ", "-", ""])
                return sep.join(n[i : i + 4] for i in range(0, 16, 4))

    def resident_code(self) -> str:
        first = self.digits(10, True)
        return first + str(resident_code_check(first))

    def license(self) -> str:
        while True:
            n = self.r.choice(["30", "45", "62", "12", "50"]) + self.digits(2) + self.digits(8)
            if not is_my_number(n):  # keep licence numbers distinguishable from 個人番号 by checksum too
                return n

    def ip(self) -> str:
        net = self.r.choice(["192.0.2", "198.51.100", "203.0.113", f"10.{self.r.randint(1, 40)}.{self.r.randint(1, 250)}"])
        return f"{net}.{self.r.randint(2, 250)}"

    def context(self) -> dict[str, str]:
        r = self.r
        fam = r.choice(SURNAMES)
        used: set[str] = {fam[0]}  # no two people of one example share a given name, nor a stranger the family name
        hus, wife = self.person("M", fam, avoid=used), self.person("F", fam, avoid=used)
        son, dau = self.person("M", fam, "young", used), self.person("F", fam, "young", used)
        fa, mo = self.person("M", fam, "old", used), self.person("F", fam, "old", used)
        adau = self.person("F", fam, avoid=used)
        p1, spouse = (hus, wife) if r.random() < 0.5 else (wife, hus)
        child = son if r.random() < 0.5 else dau
        p3, pf = self.person(avoid=used), self.person("F", avoid=used)
        st, st2 = self.person(avoid=used), self.person(avoid=used)
        f_given, f_family, f_kg, f_kf = r.choice(FOREIGN)
        bank = r.choice(["架空銀行 中央支店", "架空信用金庫 本店営業部", "ゆうちょ銀行 〇一八支店", "東雲銀行 駅前支店"])
        ctx = {
            "p1": p1["full"], "p1sei": p1["sei"], "p1mei": p1["mei"], "p1kana": p1["kana"], "p1hira": p1["hira"],
            "p2": spouse["full"], "p2mei": spouse["mei"],
            "c1": child["full"], "c1mei": child["mei"], "c1kana": child["kana"],
            "p3": p3["full"], "p3sei": p3["sei"], "pf": pf["full"],
            "hus": hus["full"], "huskana": hus["kana"], "wife": wife["full"], "fa": fa["full"], "mo": mo["full"], "dau": dau["full"], "adau": adau["full"],
            "sonmei": son["mei"], "daumei": dau["mei"],
            "st": st["sei"], "stfull": st["plain"], "st2": st2["sei"],
            "flatin": f"{f_given} {f_family}", "flatinup": f"{f_family.upper()} {f_given}",
            "fkata": f"{f_kg}・{f_kf}", "fchild": f"{r.choice(['Leo', 'Lucas', 'Daniel', 'Kenta', 'Hao'])} {f_family}",
            "addr": self.address(), "addr2": self.address(), "addrb": self.address(building=True),
            "caddr": self.address(own_city=True), "caddr2": self.address(own_city=True),
            "caddrb": self.address(own_city=True, building=True),
            "zip": self.zipcode(), "tel": self.phone(), "tel2": self.phone(), "telh": self.phone(mobile=False),
            "email": self._email(p1["_sei"][1]),  # type: ignore[index]
            "femail": self._email(f_family.lower().replace(" ", "")),
            "dob": self.dob(), "dobold": self.dob(1930, 1958), "dobchild": self.dob(2010, 2024),
            "mynum": self.my_number(), "mynum2": self.my_number(), "bad12": self.not_my_number(),
            "bad12g": self.not_my_number(grouped=True), "corp": self.corporate(),
            "bank": bank, "acct": self.digits(7, True),
            "pension": f"{self.digits(4, True)}-{self.digits(6)}",
            "kokuho": self.digits(r.choice([6, 7]), True), "kaigo": "000" + self.digits(7, True),
            "kouki": self.digits(8, True), "license": self.license(),
            "passport": r.choice(["TK", "TR", "TZ", "MU", "RZ"]) + self.digits(7, True),
            "zairyu": "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2)) + self.digits(8, True)
            + "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2)),
            "jcode": self.resident_code(), "card": self.card(), "ip": self.ip(), "ip2": self.ip(),
            "switchboard": SWITCHBOARD, "age": str(r.randint(25, 64)), "oldage": str(r.randint(72, 94)),
            "cage": str(r.randint(1, 11)), "dobtot": self.dob(2020, 2025),
            "ukno": f"R7-{self.digits(6, True)}", "amount": f"{r.randint(3, 480) * 1000:,}",
            "day": f"{r.randint(1, 12)}月{r.randint(1, 28)}日", "town": r.choice(CITY_TOWNS),
        }  # fmt: skip
        return ctx

    def _email(self, surname: str) -> str:
        romaji = _romaji(surname) if "ア" <= surname[:1] <= "ン" else surname
        local = self.r.choice([f"{romaji}.{self.digits(2)}", f"{romaji}_{self.digits(4)}", f"k{self.digits(3)}.{romaji}"])
        return local + "@" + self.r.choice(["example.jp", "example.ne.jp", "example.com", "mail.example.co.jp"])


_KATA = "アイウエオカキクケコガギグゲゴサシスセソザジズゼゾタチツテトダデドナニヌネノハヒフヘホバビブベボパピプペポマミムメモヤユヨラリルレロワン"
_ROMA = (
    "a i u e o ka ki ku ke ko ga gi gu ge go sa shi su se so za ji zu ze zo ta chi tsu te to da de do "
    "na ni nu ne no ha hi fu he ho ba bi bu be bo pa pi pu pe po ma mi mu me mo ya yu yo ra ri ru re ro wa n"
).split()


def _romaji(kana: str) -> str:
    out, table = [], dict(zip(_KATA, _ROMA, strict=True))
    for ch in kana:
        if ch == "ウ" and out and out[-1].endswith("o"):
            continue  # サトウ → sato, as people write it in addresses
        if ch == "イ" and out and out[-1].endswith("e"):
            out.append("i")
            continue
        out.append(table.get(ch, ""))
    return "".join(out)


def _hira(kata: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ン" else c for c in kata)


_SLOT = re.compile(r"\{([A-Z_]+)([:=])([^{}]+)\}")


@dataclass(frozen=True)
class Rendered:
    text: str
    entities: list[dict[str, object]]


def render(template: str, ctx: dict[str, str]) -> Rendered:
    """Fill `{TYPE:key}` (annotated value), `{_:key}` (plain value) and `{TYPE=literal}` slots, recording spans."""
    out: list[str] = []
    entities: list[dict[str, object]] = []
    pos = last = 0
    for m in _SLOT.finditer(template):
        out.append(template[last : m.start()])
        pos += m.start() - last
        etype, kind, arg = m.groups()
        value = ctx[arg] if kind == ":" else arg
        if etype != "_":
            entities.append({"type": etype, "start": pos, "end": pos + len(value), "text": value})
        out.append(value)
        pos += len(value)
        last = m.end()
    out.append(template[last:])
    return Rendered("".join(out), entities)


def classify(t: Template, entities: list[dict[str, object]]) -> tuple[list[str], str]:
    """Tags and level under the shipped default rules (see README)."""
    types = {str(e["type"]) for e in entities}
    tags = []
    if types & PERSONAL_TYPES:
        tags.append("personal")
    if t.sensitive:
        tags.append("sensitive_personal")
    if "MY_NUMBER" in types:
        tags.append("specific_personal")
    rank = max(1, t.mark, 2 if "personal" in tags else 1, 3 if len(tags) > 1 else 1)
    return tags, f"機密性{rank}"


def build(seed: int = SEED) -> list[dict[str, object]]:
    """Every example, in a stable order; another seed gives the same templates with other people and numbers."""
    gen = Gen(random.Random(seed))
    rows: list[dict[str, object]] = []
    counters: dict[str, int] = {}
    for t in [*TEMPLATES, *NEGATIVES]:
        for _ in range(t.n):
            r = render(t.text, gen.context())
            if t.sensitive and not r.entities:
                raise ValueError(f"{t.prefix}: sensitive_personal needs an identifiable person")
            tags, level = classify(t, r.entities)
            counters[t.prefix] = counters.get(t.prefix, 0) + 1
            rows.append(
                {
                    "id": f"{t.prefix}-{counters[t.prefix]:03d}",
                    "category": t.category,
                    "text": r.text,
                    "entities": r.entities,
                    "tags": tags,
                    "level": level,
                    "notes": t.notes,
                }
            )
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED, help="a different seed gives a variant set (for held-out checks)")
    parser.add_argument("--out", type=Path, default=HERE / "prompts.jsonl")
    args = parser.parse_args(argv)
    rows = build(args.seed)
    with args.out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} examples from {len(TEMPLATES)} templates and {len(NEGATIVES)} negatives to {args.out}")


if __name__ == "__main__":
    main()
