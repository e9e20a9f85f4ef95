"""Foreign residents' names the Japanese dictionary does not know: common family names in the
romanisations residents' passports use (LE VAN THANH, PHAM THI LAN ANH, CRUZ Maricel) and South Asian
name words (Ramesh Kumar Sharma, Mohammad Abdul Karim).

Evidence for a run of capitalised words being a person's name where no cue stands before it; every
word is compared in lower case with diacritics removed (Nguyễn → nguyen).
"""

from __future__ import annotations

import unicodedata
from typing import Final

# Vietnamese, Chinese (pinyin), Korean, Filipino, Nepali, Indonesian and Brazilian family names that
# municipal forms see most; and South Asian name words (Mohammad Abdul Karim, Ramesh Kumar Sharma).
ROMANISED_NAMES: Final = frozenset(
    (
        # Vietnamese
        "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh truong trinh doan "
        # Chinese (pinyin)
        "wang zhang liu chen yang huang zhao zhou xu sun zhu hu guo lin gao luo zheng liang xie song "
        "tang feng deng cao peng zeng xiao tian pan yuan cai jiang du cheng wei su lu ding shen yao "
        # Korean
        "kim lee park choi jung jeong kang cho yoon jang lim oh seo shin kwon hwang ahn hong "
        # Filipino, Brazilian, Peruvian
        "santos reyes cruz bautista garcia mendoza ramos villanueva gonzales aquino dela "
        "silva souza oliveira pereira costa ferreira rodrigues almeida lima carvalho gomes ribeiro "
        # Nepali, Indian, Bangladeshi, Pakistani, Indonesian, Myanmar
        "shrestha gurung tamang thapa magar adhikari sharma rai bhandari karki "
        "kumar singh sharma patel khan ahmed ahmad hossain rahman islam ali mohammad muhammad mohammed abdul "
        "karim uddin begum akter devi kumari prasad bahadur lal "
        "wijaya santoso hidayat saputra nugroho kyaw aung"
    ).split()
)


def folded(word: str) -> str:
    """Lower case without diacritics: Nguyễn → nguyen, Thị → thi, JOSÉ → jose."""
    decomposed = unicodedata.normalize("NFKD", word.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def known_name(words: list[str]) -> bool:
    """Whether a run of two to four capitalised words reads as a foreign resident's name."""
    return any(folded(w) in ROMANISED_NAMES for w in words)
