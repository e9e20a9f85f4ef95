"""Background requests by their class (the UI's rendering, an admin's Japanese translation of a task),
and staff requests made their own by the cues in what they ask (`only_in: request` signals).

Paraphrases written for this test: the layouts are the UIs' (LibreChat's agents checkpoint in
@librechat/agents src/summarization/, Dify's 2023 api/core/prompt/prompts.py, LobeChat's
src/chains/summaryTitle.ts with its `role: content` lines), the wording is not.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gateway.usecase import BACKGROUND, Taxonomy, load_taxonomy


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy(None)


HISTORY = [("user", "住民票の写しを郵送で請求する方法を教えて。"), ("assistant", "請求書、本人確認書類の写し、定額小為替、返信用封筒を送ってください。")]
ROLE_UPPER = "\n".join(f"{r.upper()}: {c}" for r, c in HISTORY)
USER_AI = "\n".join(f"{'User' if r == 'user' else 'AI'}: {c}" for r, c in HISTORY)
HUMAN_ASSISTANT = "\n".join(f"{'Human' if r == 'user' else 'Assistant'}: {c}" for r, c in HISTORY)
ROLE_LOWER = "\n".join(f"{r}: {c}" for r, c in HISTORY)


def user(text: str) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": text}]}


def after_chat(text: str) -> dict[str, Any]:
    """The chat as real turns, then the task as the last user turn (LibreChat agents' compaction)."""
    return {"messages": [*({"role": r, "content": c} for r, c in HISTORY), {"role": "user", "content": text}]}


BACKGROUND_CASES: list[tuple[str, dict[str, Any]]] = [
    # Administrators' Japanese translations of each built-in task: 以下の会話 + a 件名・表題・タイトル, whatever
    # language the template names (日本語で) and however the UI renders the chat.
    ("title as 件名, User:/AI: lines", user(f"次の会話に日本語で20文字以内の件名を付けてください。件名のみを出力し、句読点は使わないでください。\n\n{USER_AI}")),
    ("title as 表題, USER:/ASSISTANT: lines", user(f"以下のやりとりに、12文字以内の表題を付けてください。表題だけを出力すること。\n\n{ROLE_UPPER}")),
    ("title as タイトル, Human:/Assistant: lines", user(f"この会話の内容が分かる短いタイトルを生成してください。タイトルのみ出力。\n{HUMAN_ASSISTANT}")),
    ("tags", user(f'会話履歴から主題のタグを1〜3個付けてください。出力は JSON {{ "tags": ["タグ1", "タグ2"] }} のみ。\n<chat_history>\n{ROLE_UPPER}\n</chat_history>')),
    ("follow-ups", user(f'会話をもとに、利用者が次に聞きそうな質問を3つ挙げてください。{{ "follow_ups": ["質問1", "質問2"] }}\n\n{ROLE_UPPER}')),
    ("search queries", user(f'会話履歴から、ウェブ検索に使う検索クエリを最大3個作ってください。今日の日付: 2026-12-07。出力は {{ "queries": [] }} のみ。\n\n{ROLE_UPPER}')),
    ("follow-ups without JSON", user(f"会話を踏まえて、利用者が次にしそうな質問を3〜5個挙げてください。\n\n{ROLE_UPPER}")),
    # After the chat as real turns: a title or a summary kept for later turns (NextChat-like wording).
    ("title after the turns", after_chat("Give a four to five word title for our conversation, without any lead-in, punctuation or quotation marks.")),
    ("summary kept as context", after_chat("Summarize the discussion in 150 words or less to use as a prompt for future context.")),
    # LobeChat's history summary translated: the summary kept as the context of later prompts, a token limit.
    ("history summary, admin-translated", user("上の会話を要約してください。要約は後続のプロンプトの文脈として使うので、300トークン以内で。\n\n<chat_history>\n<user>住民票の写しの請求方法</user>\n</chat_history>")),
    # A translated template that tells the model not to translate, or names "the prompt", is not asking to translate it.
    ("header of the prompt, admin-translated", user("以下のプロンプトに、翻訳せず同じ言語で3〜5語の見出しを付けてください。見出しのみを出力。\nPrompt: 家庭ごみの出し方を説明して")),
    ("title, told not to translate", user(f"会話の内容を、翻訳はせず元の言語のまま15文字以内のタイトルにしてください。タイトルのみ出力。\n\n{USER_AI}")),
    # LibreChat agents' compaction: the chat as turns, then a first-person request for a checkpoint.
    ("agents checkpoint", after_chat("Wait, before going on, write me a checkpoint of everything so far; it replaces the messages above.\n\n## Checkpoint\n## Goal\n## Next Steps\n\nOnly the checkpoint, don't respond to me or continue the conversation.")),
    ("agents checkpoint update", after_chat("Hold on again, update your checkpoint with the new messages. Keep the same sections.\n\nOnly the checkpoint, do not continue the conversation.")),
    ("agents checkpoint, admin-translated", after_chat("続ける前に、ここまでの内容のチェックポイントを書いてください。上のメッセージを置き換えるものです。会話は続けないこと。\n\n## 目標\n## 次の手順")),
    # Dify 2023: the chat between delimiters, ending on the output's field.
    ("dify 2023 conversation summary", user(f"Write a brief summary of the following conversation, in the language the conversation is communicating in.\n[Conversation Start]\n{HUMAN_ASSISTANT}\n[Conversation End]\n\nsummary:")),
    ("dify 2023 condense", user(f"Given the chat history and a follow up input, rephrase it to stand alone.\nChat History:\n{HUMAN_ASSISTANT}\nFollow Up Input: 手数料は？\nStandalone Input:")),
    # LobeChat's older English title: `role: content` lines, then the instruction pointing back at them.
    ("lobechat English title", {"messages": [
        {"role": "system", "content": "You are good at conversations and turn user conversations into short titles."},
        {"role": "user", "content": f"{ROLE_LOWER}\n\nPlease summarize the above conversation into a title within 10 characters, without punctuation marks, output language: ja-JP"},
    ]}),
]


@pytest.mark.parametrize(("task", "body"), BACKGROUND_CASES, ids=[t for t, _ in BACKGROUND_CASES])
def test_a_background_task_is_background_by_its_class(taxonomy: Taxonomy, task: str, body: dict[str, Any]) -> None:
    assert taxonomy.classify(body) == BACKGROUND


LOOK_ALIKES: list[tuple[str, str | None]] = [
    # The writer's own use (報告書に貼る, 私の, 自分の, "I can use", "for my"): the template's shape is what they want back.
    (f'次のやり取りを報告書に貼りたいので、件名を一つ付けて。JSON {{"title": "..."}} で返して。\n\n{ROLE_UPPER}', None),
    (f'以下のやり取りにタイトルを一つ付けて。JSON {{"title": ""}} で。\n報告書に使います。\n\n{ROLE_UPPER}', None),
    (f"私のメモ用に、下の会話に15文字以内の件名を付けて。件名だけで。\n\n{USER_AI}", None),
    (f'{ROLE_UPPER}\n\n上のやり取りを課の共有資料に載せるので、タイトルを付けて {{"title": "..."}} の形で返して。', None),
    (f"このやり取りの件名を考えて。課内の事例集に載せます。\n\n{ROLE_UPPER}", None),
    ('Come up with 3 search queries I could use to find case studies on municipal chatbots. Answer as JSON {"queries": [...]}', None),
    ('Suggest tags for my newsletter article about the library, as JSON {"tags": [...]}: The library opens on Sundays.', None),
    # What a template returns, asked for with nothing of a chat to work on: no conversation, history,
    # user's message or "the prompt" named, no turn rendered.
    ('Generate 3 search queries on participatory budgeting in Japanese cities. Return JSON {"queries": [...]}', None),
    ('Suggest 3 tags for this article, JSON only: {"tags": []}. Article: the library opens on Sundays.', None),
    # A chat exported as JSON messages is pasted by staff: the UIs render turns as labelled lines or send real messages.
    ('このチャット履歴にタイトルを付けて。\n[{"role": "user", "content": "国保の手続き"}, {"role": "assistant", "content": "14日以内です"}]', None),
    # A template pasted to be translated or explained is material, even when it is a UI's whole template.
    ('このプロンプトを日本語に訳してください。\n### Task:\nGenerate a concise title for the chat history.\nJSON format: { "title": "your title" }\n<chat_history>\n{{MESSAGES:END:2}}\n</chat_history>', "translation"),
    ("下のテンプレートの意味を教えて。\n### Task:\nSuggest 3-5 follow-up questions the user might ask next.\n### Output:\nJSON format: { \"follow_ups\": [] }", None),
    ('Please explain this prompt to me:\n### Task:\nGenerate 1-3 broad tags categorizing the main themes of the chat history.\nJSON format: { "tags": [] }', None),
]


@pytest.mark.parametrize(("text", "expected"), LOOK_ALIKES)
def test_staff_cues_keep_a_look_alike_staff_work(taxonomy: Taxonomy, text: str, expected: str | None) -> None:
    got = taxonomy.classify(user(text))
    assert got is not None and got != BACKGROUND
    assert expected is None or got == expected


# Staff words that are cues when staff ask with them: inside a turn the UI renders, they are the chat.
CUE_WORDS = st.lists(
    st.sampled_from(["私の", "報告書に貼る", "訳して", "説明して", "意味を", "自分の", "上の内容を", "I can use", "for my report", "。", "\n", "住民票", "を", "教えて"]),
    min_size=1,
    max_size=12,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=CUE_WORDS)
def test_staff_cues_inside_the_rendered_chat_do_not_unmake_a_template(taxonomy: Taxonomy, text: str) -> None:
    flat = text.replace("\n", " ")
    lobechat = {"messages": [
        {"role": "system", "content": "You turn user conversations into short titles."},
        {"role": "user", "content": f"user: {flat}\nassistant: はい\n\nPlease summarize the above conversation into a title within 10 characters, without punctuation marks, output language: ja-JP"},
    ]}
    assert taxonomy.classify(lobechat) == BACKGROUND
    openwebui = f'### Task:\nWrite a short title.\n{{ "title": "" }}\n<chat_history>\nUSER: {text}\nASSISTANT: はい\n</chat_history>'
    assert taxonomy.classify(user(openwebui)) == BACKGROUND
    dify = f'You are asked to generate a concise chat title by decomposing the user\'s input into "Intention" and "Subject".\nUser Input:\n{flat}'
    assert taxonomy.classify(user(dify)) == BACKGROUND
    # Open WebUI's early title template takes the staff's message after a colon on its own first line.
    header = f"Write a 3-5 word phrase as a header for the following query, avoiding the word 'title': {flat}"
    assert taxonomy.classify(user(header)) == BACKGROUND


@pytest.mark.parametrize(
    "text",
    [
        'この会話のタイトルを {"title": "..."} の形の JSON で返して',
        'ここまでのやり取りにタグを3つ付けて、JSON 配列 ["タグ1", "タグ2"] で出力して',
    ],
)
def test_staff_asking_within_a_chat_about_the_chat_stay_staff(taxonomy: Taxonomy, text: str) -> None:
    # After the assistant's turn, a Japanese request about "this chat" that renders no turns is typed by
    # staff; the same words with the chat rendered in the message are a UI's template.
    got = taxonomy.classify(after_chat(text))
    assert got is not None and got != BACKGROUND
    assert taxonomy.classify(user(f"{text}\n\n{ROLE_UPPER}")) == BACKGROUND
