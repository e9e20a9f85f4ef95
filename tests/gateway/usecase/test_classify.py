"""The shipped taxonomy classifies the newest user message; chat UIs' own requests are background."""

from __future__ import annotations

import time

import pytest

from gateway.usecase import BACKGROUND, Taxonomy, load_taxonomy
from gateway.usecase.classify import split_request


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy(None)


# Written for this test (the blind set under eval/categories/ measures the rules; these pin behaviour).
CASES = [
    ("敬老会で読む市長のあいさつ文を3分程度で作成してください。", "document"),
    ("住民からの苦情メールへの回答案を、丁寧な文面で書いて", "document"),
    ("次の通知を課内向けに3行で要約して。\n（通知本文）令和7年度から手続が変わります。", "summary"),
    ("この資料の要点を5つにまとめてください", "summary"),
    ("以下の文字起こしから議事録を作成してください。\n課長：それでは始めます。", "minutes"),
    ("打合せのメモを会議録の形式に整えて", "minutes"),
    ("このごみ出しの案内をやさしい日本語に書き換えて", "translation"),
    ("次の文をベトナム語に翻訳してください：転入届は14日以内に出してください。", "translation"),
    ("児童扶養手当の所得制限の考え方を教えてください。根拠条文も知りたいです。", "inquiry"),
    ("住民票の写しを代理人が請求するときに委任状は必要ですか？", "inquiry"),
    ("この文章の誤字脱字をチェックして、直したものを返してください。", "proofreading"),
    ("「させていただく」が多いので自然な表現に言い換えて", "proofreading"),
    ("図書館の利用者を増やすイベントのアイデアを10個出して", "ideas"),
    ("シティプロモーションのキャッチコピー案を考えて", "ideas"),
    ("ExcelでA列の日付が今月のものだけB列を合計するSUMIFSの式を教えて", "code"),
    ("VBAで、フォルダ内のCSVを1つのシートにまとめるマクロを書いて", "code"),
    ("次のアンケートの自由記述を分類して、件数を表にしてください。", "data"),
    ("この名簿の重複を除いて五十音順に並べ替えて", "data"),
    ("こんにちは", "other"),
    ("ありがとう、助かりました", "other"),
    ("Please translate this notice into English.", "translation"),
    ("Summarize the following report in three bullet points.", "summary"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_category_of_a_staff_request(taxonomy: Taxonomy, text: str, expected: str) -> None:
    assert taxonomy.classify_text(text) == expected


# Background requests, recognised by short distinctive phrases of each UI's template (the texts
# here are paraphrased around those phrases, not copies of the templates).
BACKGROUND_CASES = [
    "### Task:\nSuggest a short title.\nJSON format: { \"title\": \"...\" }\n<chat_history>\nUSER: 議事録を作って\n</chat_history>",
    "### Task:\nGenerate 1-3 broad tags categorizing the main themes.\nJSON format: { \"tags\": [] }\n<chat_history>\nUSER: 翻訳して\n</chat_history>",
    "### Task:\nSuggest questions.\nJSON format: { \"follow_ups\": [] }\n<chat_history>\nUSER: 要約して\n</chat_history>",
    "Provide a concise, 5-word-or-less title for the conversation, using title case conventions.\n\nConversation:\nUser: あいさつ文を作って",
    "Please help me predict the three most likely questions that human would ask.\nHuman: 制度を教えて",
]


@pytest.mark.parametrize("text", BACKGROUND_CASES)
def test_chat_ui_background_requests(taxonomy: Taxonomy, text: str) -> None:
    assert taxonomy.classify_text(text) == BACKGROUND


def test_the_newest_user_message_decides(taxonomy: Taxonomy) -> None:
    body = {
        "messages": [
            {"role": "system", "content": "あなたは市役所の職員を手伝うアシスタントです。"},
            {"role": "user", "content": "会議メモから議事録を作成して"},
            {"role": "assistant", "content": "議事録です。"},
            {"role": "user", "content": [{"type": "text", "text": "これを英語に翻訳して"}]},
        ]
    }
    assert taxonomy.classify(body) == "translation"
    # A UI that puts its template in the system message and only a language line in the user's.
    titled = {"messages": [
        {"role": "system", "content": "Write a concise title for this conversation in the given language.\n||>User:\n\"議事録\""},
        {"role": "user", "content": "Language: Japanese"},
    ]}  # fmt: skip
    assert taxonomy.classify(titled) == BACKGROUND
    assert taxonomy.classify({"messages": []}) is None
    # The Responses API: `input` as a string, or as items with input_text parts; `instructions` as the system text.
    assert taxonomy.classify({"input": "次の文書を3行で要約して"}) == "summary"
    assert taxonomy.classify({"instructions": "丁寧に答える", "input": [
        {"role": "user", "content": [{"type": "input_text", "text": "議事録を作成してください"}]},
        {"type": "function_call_output", "call_id": "c1", "output": "翻訳して"},
    ]}) == "minutes"  # fmt: skip
    assert taxonomy.classify({"messages": [{"role": "user", "content": "   "}]}) == "other"


def test_a_pasted_document_does_not_hide_the_request(taxonomy: Taxonomy) -> None:
    pasted = "議事録\n" + "委員：次回の会議で検討します。\n" * 400
    assert taxonomy.classify_text("次の文章を200字で要約してください。\n" + pasted) == "summary"
    assert taxonomy.classify_text(pasted + "\n以上を英語に翻訳してください。") == "translation"


# Requests phrased the way the class is, not the way a listed phrase is: shortening given material,
# a question about the assistant itself, a task named only to be declined, the deliverable at the end.
PHRASING_CASES = [
    ("長いので手短に。\n" + "本市では令和7年度から窓口の受付時間を延長します。" * 8, "summary"),
    ("この通知、かいつまんで言うと？\n「" + "介護保険料の算定方法が変わります。" * 4 + "」", "summary"),
    ("以下の資料、結局どこがポイント？\n" + "第1条 この要綱は補助金の交付について定める。" * 5, "summary"),
    ("TL;DR please\n" + "The council approved the budget for the new library. " * 5, "summary"),
    ("あなたは誰ですか？", "other"),
    ("このAIって入力した内容を覚えてるの？", "other"),
    ("この苦情メールの趣旨を一行で（返信は自分で書くので）\n件名：騒音\n本文：毎朝うるさいです。対応してください。", "summary"),
    ("要約はいらないので、この英文メールを日本語に訳して\nDear staff, thank you for the visit.", "translation"),
    # A summary needs text: pasted, pointed at, or named (an attachment travels outside the message).
    ("添付の通知文を要約して", "summary"),
    ("三層分離の考え方、ざっくり教えて", "inquiry"),
    ("住民から「道路の穴を直して」とメールが来た。返事を書いて", "document"),
    ("下の案内文、だ・である調に統一して\n本日は説明会を開催します。", "proofreading"),
    ("このVBA、遅いのでなんとかならない？\nFor i = 2 To 30000", "code"),
    ("以下のメモを打合せ記録にしてください。\n・日時 5/1\n・先方 ○○社\n・制度の説明と申請の手順を確認した？", "minutes"),
]


@pytest.mark.parametrize(("text", "expected"), PHRASING_CASES)
def test_the_class_of_a_request_not_its_literal_phrase(taxonomy: Taxonomy, text: str, expected: str) -> None:
    assert taxonomy.classify_text(text) == expected


def test_pasted_material_is_told_from_the_request() -> None:
    request, material = split_request("次の通知の要点を教えて\n第1条 本市は…\n第2条 申請は…\n以上を3行でまとめて")
    assert request == "次の通知の要点を教えて\x01以上を3行でまとめて"
    assert material == "第1条 本市は... 第2条 申請は..."  # folded: NFKC makes … three dots
    # A long quotation or the text after a colon is material; a short quoted name is part of the request.
    request, material = split_request("次の文を英語に：" + "転入届は14日以内に提出してください。" * 3)
    assert request == "次の文を英語に" and material.startswith("転入届")
    request, material = split_request("マニュアルの「よくある質問」ページの原稿を書いてくれませんか")
    assert "よくある質問" in request and material == ""
    # Someone else's words quoted in the request are not what is asked (「直して」 is the resident's).
    request, material = split_request("住民から「道路の穴を直して」とメールが来た。返事を書いて")
    assert "直して" not in request and material == "道路の穴を直して"


# Template versions the listed phrases do not know, recognised by the traits every version shares
# (written for this test around those traits; not copies of any UI's text).
UNSEEN_TEMPLATES = [
    "### Task:\nPick a short heading for this chat.\n### Output:\nJSON format: { \"title\": \"...\" }\n<chat_history>\nUSER: 議事録\n</chat_history>",
    "You generate web search queries. Answer with only the query. Today is 2026-04-01.\nQuestion: 児童手当の申請期限",
    "### タスク:\n会話のタイトルを生成してください。\n### 出力:\n{ \"title\": \"…\" }",
    "Your task is to pick the right tools for the query and return only the JSON object: {\"tool_calls\": []}\nQuery: 天気",
    "Give this conversation a 4-word name in the user's language. No punctuation.\n||>User:\n挨拶文を作って\n||>Response:\nはい",
    "Make up a short name for this chat from the first message. Output the name only, max 6 words.\nFirst message: 案内文を作って",
    # Title prompts in Chinese and Japanese, and an older English one that puts the user's line first.
    "user: 粗大ごみの予約方法は？\nassistant: 電話かWebです。\n\n把以上对话概括成一个12个字以内的标题，不要加标点。",
    "ユーザー: 避難所の開設手順を教えて\nアシスタント: まず施設の安全確認です。\n\n上の会話に15文字以内のタイトルを付けてください。句読点は使わず、タイトルのみを出力してください。",
    "Human:転入届の期限は？\n---\nSum up what the human asked as a name for the chat, no more than 12 words, reply with only the name.\nname:",
]

# Staff requests that talk about titles, chats or JSON are still staff requests.
NOT_TEMPLATES = [
    ("Please write a title for our event flyer: a summer festival at the city hall plaza.", "document"),
    ("以下の英語のやり取りを日本語に訳して\nUser: Where is the office?\nAssistant: It is on the 2nd floor.", "translation"),
    ("次の英文メールを訳して\nDear Sir, Please reply only with the completed form in JSON format.", "translation"),
    ("ChatGPTみたいに、会話のタイトルを自動でつける仕組みってどうなってるの？", "inquiry"),
    # A 広報 title with a character limit and no punctuation is still a staff request.
    ("広報紙の特集記事のタイトルを考えて。15文字以内で句読点は使わず、タイトルだけ答えて。", "ideas"),
    # Open WebUI's heading copied over a request staff wrote in Japanese.
    ("### Task:\n議会答弁の想定問答を作成してください。\n### Output:\nQ&A形式で3問", "document"),
]


@pytest.mark.parametrize(("text", "expected"), NOT_TEMPLATES)
def test_staff_requests_about_titles_or_json_are_not_background(taxonomy: Taxonomy, text: str, expected: str) -> None:
    assert taxonomy.classify_text(text) == expected


@pytest.mark.parametrize("text", UNSEEN_TEMPLATES)
def test_unseen_template_versions_are_background(taxonomy: Taxonomy, text: str) -> None:
    assert taxonomy.classify_text(text) == BACKGROUND


def test_a_title_template_sent_as_the_system_message(taxonomy: Taxonomy) -> None:
    # LobeChat and Cherry Studio send their shared Chinese title instruction as the system message and
    # the chat as plain user messages; a staff request after an ordinary system prompt stays staff.
    system = "你是一名擅长会话的助理，你需要将用户的会话总结为 10 个字以内的标题"
    chat = [{"role": "user", "content": "保育所の入所申込について教えて"}, {"role": "user", "content": "申込は市役所の窓口です。"}]
    assert taxonomy.classify({"messages": [{"role": "system", "content": system}, *chat]}) == BACKGROUND
    assert taxonomy.classify({"messages": [{"role": "system", "content": "あなたは市役所職員を助けるアシスタントです。"}, *chat]}) == "other"


def test_a_retrieval_template_wrapping_a_staff_request_is_that_request(taxonomy: Taxonomy) -> None:
    wrapper = (
        "### Task:\nRespond to the user query using the provided context.\n### Guidelines:\n- Cite sources.\n"
        "### Output:\nA clear answer in JSON format if asked.\n<context>\n<source id=\"1\">第3条 補助金の額は…</source>\n</context>\n"
    )
    assert taxonomy.classify_text(wrapper + "<user_query>\nこの要綱の要点を3行でまとめて\n</user_query>") == "summary"
    # An administrator's system prompt with template-like traits does not make staff requests background.
    admin = "You are a helpful assistant for city hall staff. Respond only in Japanese, in the same language as the user. Output JSON format when asked."
    assert taxonomy.classify({"messages": [{"role": "system", "content": admin}, {"role": "user", "content": "議事録を作成して"}]}) == "minutes"
    # The same template as the system message does not turn the staff request into background.
    body = {"messages": [{"role": "system", "content": wrapper}, {"role": "user", "content": "この要綱を英語に翻訳して"}]}
    assert taxonomy.classify(body) == "translation"


def test_well_under_a_millisecond(taxonomy: Taxonomy) -> None:
    texts = [t for t, _ in CASES + PHRASING_CASES] + UNSEEN_TEMPLATES + ["次の文章を要約して。\n" + "本市では令和6年度より窓口を延長します。" * 300]
    taxonomy.classify_text(texts[0])
    worst = 0.0
    for text in texts:
        best = min(_timed(taxonomy, text) for _ in range(5))
        worst = max(worst, best)
    # Measured here: ~25 µs for a one-line request, ~0.33 ms for a 6,000-character paste.
    assert worst < 0.001, f"slowest text took {worst * 1000:.2f} ms"


def _timed(taxonomy: Taxonomy, text: str) -> float:
    t0 = time.perf_counter()
    taxonomy.classify_text(text)
    return time.perf_counter() - t0
