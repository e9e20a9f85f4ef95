"""Pieces of staff messages that conversation property tests draw from: names, phones, addresses, a
placeholder-like text of the caller's own, a marking, a 要配慮 fact (shared by the warm/cold and the memo tests)."""

from __future__ import annotations

NAMES = ["佐藤花子", "鈴木一郎", "高橋美咲", "田中誠", "渡辺愛"]
PIECES = [
    "{name}さんから粗大ごみの収集日について問い合わせがありました。",
    "連絡先は 090-{a:04d}-{b:04d} です。",
    "{name}さんへの回答案を作ってください。",
    "住所は東京都千代田区霞が関{a}丁目です。",
    "窓口の受付時間を案内して。",
    "〔氏名{a}〕さんの件は前回のとおり。",  # the caller's own placeholder-like text
    "【機密性２】庁内限り",  # rerouted: other entity actions than the turn before
    "本人は糖尿病で通院中とのこと。",  # 要配慮 with a person anywhere in the request: not for the overseas model
]
