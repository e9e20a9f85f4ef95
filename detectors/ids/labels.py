"""The label words of each kind of number ("個人番号", "免許証", "伝票番号" …) and the trie regex over them."""

from __future__ import annotations

import re
from typing import Final

# Kind "NEG" marks numbers that are not personal identifiers (order, slip, management numbers).
LABELS: Final[dict[str, tuple[str, ...]]] = {
    "MY_NUMBER": ("個人番号", "マイナンバー", "マイナ番号", "個人番号カード", "通知カード", "mynumber", "my number"),
    "CORPORATE_NUMBER": ("法人番号", "適格請求書発行事業者登録番号", "インボイス登録番号"),
    "DRIVERS_LICENSE": ("運転免許証", "運転免許", "免許証番号", "免許証", "免許番号", "免許"),
    "PASSPORT": ("旅券番号", "旅券", "パスポート番号", "パスポート", "passport", "Passport", "PASSPORT"),
    "RESIDENCE_CARD": ("在留カード番号", "在留カード", "特別永住者証明書", "在留資格"),
    "BASIC_PENSION_NUMBER": ("基礎年金番号", "年金番号", "年金手帳", "基礎年金", "年金証書", "年金"),
    "HEALTH_INSURANCE": (
        "被保険者番号", "被保険者証", "被保番号", "保険者番号", "保険証番号", "保険証", "記号・番号", "記号番号",
        "資格確認書番号", "被保番", "国保番号", "国保",
        "insurance number", "Insurance number", "Insurance No", "insurance no", "insurance card",
    ),
    "RESIDENT_CODE": ("住民票コード", "住民票"),
    "BANK_ACCOUNT": (
        "口座番号", "口座", "銀行", "信用金庫", "信金", "信用組合", "労働金庫", "農協", "ゆうちょ", "支店",
        "店番", "普通預金", "当座預金", "普通", "当座", "貯蓄",
    ),
    "CREDIT_CARD": ("クレジットカード", "カード番号", "クレカ", "credit card", "card no"),
    "PHONE_NUMBER": ("電話番号", "電話", "携帯", "TEL", "Tel", "tel", "FAX", "Fax", "ファックス", "ファクス", "連絡先"),
    "POSTAL_CODE": ("郵便番号", "〒"),
    "NEG": (
        "伝票番号", "伝票No", "注文番号", "注文No", "受付番号", "受付No", "管理番号", "管理No", "整理番号",
        "問い合わせ番号", "問合せ番号", "問合番号", "お問合せ番号", "追跡番号", "製造番号", "製品番号",
        "シリアル番号", "シリアルNo", "型番", "品番", "商品コード",
        "商品番号", "請求番号", "請求書番号", "契約番号", "会員番号", "顧客番号", "お客様番号", "お客さま番号", "予約番号",
        "申込番号", "申請番号", "案件番号", "文書番号", "発注番号", "受注番号", "納品番号", "チケット番号",
        "ISBN", "JANコード", "事業者番号", "指定番号", "施設番号", "医療機関コード",
    ),
}

# A character trie: each character leads to the rest; the key "" marks the end of a word.
_Trie = dict[str, "_Trie"]


def trie_pattern(words: list[str]) -> str:
    """One regex for many words, merged by common prefix (sre scans it ~15× faster than named groups)."""
    trie: _Trie = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)
