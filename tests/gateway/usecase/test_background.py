"""Chat UIs' background requests, per UI and task, as each UI sends them (system or user message).

The texts are paraphrases written for this test around short distinctive markers, with the history
rendered the way each UI renders it; the comment above each group names the file in the UI's
repository that the structure (and marker) comes from. Staff requests that look like background
ones stay staff. `eval/categories*/` measure the rules; these pin behaviour.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gateway.usecase import BACKGROUND, Taxonomy, load_taxonomy


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy(None)


HISTORY = [("user", "来月の防災訓練の案内文を住民向けに作ってください。"), ("assistant", "承知しました。案内文の案です。")]
ROLE_UPPER = "\n".join(f"{r.upper()}: {c}" for r, c in HISTORY)  # Open WebUI's {{MESSAGES}}
USER_AI = "\n".join(f"{'User' if r == 'user' else 'AI'}: {c}" for r, c in HISTORY)  # LibreChat's convo
HUMAN_ASSISTANT = "\n".join(f"{'Human' if r == 'user' else 'Assistant'}: {c}" for r, c in HISTORY)  # Dify
ROLE_LOWER = "\n".join(f"{r}: {c}" for r, c in HISTORY)  # LobeChat's transcript
STAFF_TEXT = HISTORY[0][1]


def user(text: str) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": text}]}


def system_user(system: str, text: str) -> dict[str, Any]:
    return {"messages": [{"role": "system", "content": system}, {"role": "user", "content": text}]}


CASES: list[tuple[str, str, dict[str, Any]]] = [
    # Open WebUI: backend/open_webui/config.py (DEFAULT_*_GENERATION_PROMPT_TEMPLATE), all as the user message.
    ("openwebui", "title", user(f'### Task:\nWrite a short title for the chat.\n### Output:\nJSON format: {{ "title": "..." }}\n### Chat History:\n<chat_history>\n{ROLE_UPPER}\n</chat_history>')),
    ("openwebui", "title, v0.2 header form", user(f"Create a 3-5 word phrase as a header for the following query, without the word 'title': {STAFF_TEXT}")),
    ("openwebui", "tags", user(f'### Task:\nGenerate broad tags categorizing the chat themes.\nJSON format: {{ "tags": ["tag1", "tag2"] }}\n<chat_history>\n{ROLE_UPPER}\n</chat_history>')),
    ("openwebui", "follow-ups", user(f'### Task:\nSuggest follow-up questions the user may ask next.\nJSON format: {{ "follow_ups": ["Q1?"] }}\n<chat_history>\n{ROLE_UPPER}\n</chat_history>')),
    ("openwebui", "search queries", user(f'### Task:\nDecide whether search queries are needed. Today\'s date is: 2026-12-07.\n{{ "queries": [] }}\n<chat_history>\n{ROLE_UPPER}\n</chat_history>')),
    ("openwebui", "search query, older form", user(f"Decide if a web search is needed and suggest a search query. Today's date is 2026-12-07.\n\nCurrent Question:\n{STAFF_TEXT}\n\nInteraction History:\n{ROLE_UPPER}")),
    ("openwebui", "autocomplete", user(f'### Task:\nYou are an autocompletion system. Continue the text.\nRespond in JSON: {{ "text": "" }}\n<chat_history>\n{ROLE_UPPER}\n</chat_history>\n<type>General</type>\n<text>児童手当の</text>')),
    ("openwebui", "call-mode emoji", user(f"Reflect the speaker's likely facial expression with one emoji.\n\nMessage: ```{STAFF_TEXT}```")),
    ("openwebui", "image prompt", user(f'### Task:\nWrite a prompt for an image generation task from the chat.\n### Output:\n{{ "prompt": "..." }}\n<chat_history>\n{ROLE_UPPER}\n</chat_history>')),
    ("openwebui", "mixture of agents", user(f'Here are responses from various models to the latest user query: "{STAFF_TEXT}"\nSynthesize them into one answer.\n\nResponses from models: "A" "B"')),
    ("openwebui", "context compaction", {"messages": [*({"role": r, "content": c} for r, c in HISTORY), {"role": "user", "content": "### Task:\nSummarise what will be compacted out of the active chat context.\n### Previous Summary:\n"}]}),
    ("openwebui", "tool selection (system)", system_user('Available Tools: [{"name": "weather"}]\nPick tools for the query and answer with JSON: {"tool_calls": []}', f'Query: History:\nUSER: """{STAFF_TEXT}"""\nQuery: {STAFF_TEXT}')),
    ("openwebui", "title, admin-translated", user(f'### タスク:\n会話の短いタイトルを付けてください。\n### 出力:\nJSON形式: {{ "title": "…" }}\n### チャット履歴:\n<chat_history>\n{ROLE_UPPER}\n</chat_history>')),
    ("openwebui", "follow-ups, admin-translated", user(f'### タスク:\n次に聞きそうな質問を3つ提案してください。\n{{ "follow_ups": ["質問1", "質問2"] }}\n<chat_history>\n{ROLE_UPPER}\n</chat_history>')),
    # LibreChat: api/app/clients/prompts/titlePrompts.js, summaryPrompts.js; @librechat/agents title run;
    # packages/api/src/agents/memory.ts.
    ("librechat", "title instruction + convo", user(f"Give a 5-word-or-less title for the conversation, in its own language, with no punctuation.\n\n{USER_AI}")),
    ("librechat", "title with the convo in the system message", system_user(f"Write a concise title for this conversation in the given language. Five words at most.\n{USER_AI}", "Language: Japanese")),
    ("librechat", "agents title, detected language", user(f"Write a concise title for this conversation in the detected language. No punctuation.\n{USER_AI}")),
    ("librechat", "agents structured title", user(f"Analyze this conversation and provide: 1. the detected language 2. a title in it\n\n{USER_AI}")),
    ("librechat", "language step (system)", system_user("Detect the language used in the following text.", STAFF_TEXT)),
    ("librechat", "title by tool call", system_user("You can call tools to name the conversation.\n<tools><tool_name>submit_title</tool_name></tools>", USER_AI)),
    ("librechat", "legacy ||> transcript", user(f"Title this conversation in five words.\n||>User:\n\"{STAFF_TEXT}\"\n||>Response:\n\"はい\"\n\n||>Title:")),
    ("librechat", "title as the only (system) message", {"messages": [{"role": "system", "content": f"Please give a 5-word-or-less title for the conversation.\n\n||>User:\n\"{STAFF_TEXT}\"\n||>Response:\n\"はい\"\n\n||>Title:"}]}),
    ("librechat", "conversation summary", user(f"Fold the new lines into the current summary.\n\nCurrent summary:\n\n\nNew lines:\n{HUMAN_ASSISTANT}\n\nNew summary:")),
    ("librechat", "cut-off summary", user(f"The following text is cut-off:\n{HUMAN_ASSISTANT}\n\nSummarize the content as well as you can.\n\nSummary:")),
    ("librechat", "memory agent (system)", system_user("Save facts with `set_memory` only when asked; remove with `delete_memory`. If in doubt, end the turn without acting.", STAFF_TEXT)),
    ("librechat", "memory agent, admin-translated", system_user("頼まれたときだけ set_memory で記録し、忘れてと言われたら delete_memory を使う。迷ったら何もせず終了する。", STAFF_TEXT)),
    ("librechat", "title, admin-translated", user(f"この会話に20文字以内の日本語のタイトルを付けてください。句読点は使わず、タイトルのみを返すこと。\n\n{USER_AI}")),
    # Dify: api/core/llm_generator/prompts.py (CONVERSATION_TITLE_PROMPT, SUGGESTED_QUESTIONS_AFTER_ANSWER_INSTRUCTION_PROMPT).
    ("dify", "conversation name", user(f'Title the chat from the user input split into "Intention" and "Subject", in its language.\nReturn JSON: {{"Language Type": "", "Your Reasoning": "", "Your Output": ""}}\n\nUser Input:\n{STAFF_TEXT}')),
    ("dify", "suggested questions", user(f'{HUMAN_ASSISTANT}\nPredict the three most likely questions that human would ask, each under 20 characters, as a JSON array:\n["question1","question2","question3"]')),
    ("dify", "suggested questions, admin-translated", user(f'{HUMAN_ASSISTANT}\n次に聞かれそうな質問を3つ、20文字以内で予測し、JSON配列で返してください：\n["質問1","質問2","質問3"]')),
    ("dify", "language detection step", user(f'Detect the language of the user input and reply only with JSON {{"language": "ja"}}.\n\nUser Input: {STAFF_TEXT}')),
    # Dify workflow nodes: api/core/workflow/nodes/question_classifier/template_prompts.py, parameter_extractor/prompts.py.
    ("dify", "workflow question classifier", system_user("### Job Description\nYou are a text classification engine: assign one of the categories to the input text; answer with JSON only.", f'{{"input_text": ["{STAFF_TEXT}"], "categories": [{{"category_id": "1", "category_name": "防災"}}]}}')),
    ("dify", "workflow parameter extractor", system_user("Extract structured information by calling `extract_parameters` with the right arguments.\n<histories>\n</histories>", STAFF_TEXT)),
    ("dify", "knowledge Q&A split", user("<Task> Split the long text into question and answer pairs.\n<Format> Q1:\nA1:\n<QA Pairs>")),
    ("dify", "prompt generator in the app builder", user("Write a prompt template for the task below.\n<task_description>\n窓口案内\n</task_description>")),
    # LobeChat: packages/prompts/src/chains/ (summaryTitle, translate, pickEmoji, summaryTags,
    # summaryAgentName, summaryDescription, langDetect, rewriteQuery, summaryHistory, topicAutoSummary,
    # summaryGenerationTitle); all send the task as the system message.
    ("lobechat", "topic title", system_user("You are a conversation summarizer. Give a short title for the conversation.\nRules:\n- title only\n- no punctuation", ROLE_LOWER)),
    ("lobechat", "topic title, older Chinese", system_user("你是一名擅长会话的助理，你需要将用户的会话总结为 10 个字以内的标题", ROLE_LOWER)),
    ("lobechat", "translate button", system_user("You are a professional translator. Translate to en-US. Keep code identifiers and proper nouns.", HISTORY[1][1])),
    ("lobechat", "translate button, older Chinese", system_user("你是一名擅长翻译的助理，你需要将输入翻译为目标语言", HISTORY[1][1])),
    ("lobechat", "emoji", system_user("You are an emoji expert. Output a single emoji for the topic.", STAFF_TEXT)),
    ("lobechat", "agent tags / name / description", system_user("你需要将用户的输入提炼出标签。格式：\n输入: {文本作为JSON引用字符串} [locale]\n输出: {标签}", "输入: {市の広報文を書くアシスタント} [ja-JP]")),
    ("lobechat", "language detection", system_user("你是一名语言专家，你需要识别用户输入的内容，以 locale 输出", "{" + STAFF_TEXT + "}")),
    ("lobechat", "query rewrite", system_user(f"Rephrase the follow up question as a standalone question.\n<chatHistory>\n{ROLE_LOWER}\n</chatHistory>", f"Follow Up Input: {STAFF_TEXT}, it's standalone query:")),
    ("lobechat", "history summary", system_user("You extract key takeaways from conversations; the chat is in <chat_history>.", f"<chat_history>\n{ROLE_LOWER}\n</chat_history>\n\nSummarize the above conversation.")),
    ("lobechat", "topic auto summary", system_user("Summarize the conversation for future reference.\n- description: one sentence", f"Previous rolling summary:\n(なし)\n\nRecent conversation:\n{ROLE_LOWER}")),
    # Lightly customised copies: an administrator's own title prompt in librechat.yaml ({convo} kept),
    # Open WebUI's title template rewritten without its headings, Dify's name prompt shortened in Japanese.
    ("librechat", "custom titlePrompt in Japanese", user(f"以下の会話に短いタイトルを付けてください。\n{USER_AI}")),
    ("openwebui", "custom title without headings", user(f"このチャットの内容を表す短いタイトルを日本語で。タイトルだけを出力すること。\n<chat_history>\n{ROLE_UPPER}\n</chat_history>")),
    ("openwebui", "custom search queries in Japanese", user(f"次の会話に答えるための検索クエリを1〜3個、JSON で返してください。今日の日付は 2026-12-07 です。\n<chat_history>\n{ROLE_UPPER}\n</chat_history>")),
    ("dify", "custom conversation name in Japanese", user(f"ユーザーの入力から会話の題名を短く付けてください。入力と同じ言語で、題名のみを出力。\n\nUser Input:\n{STAFF_TEXT}")),
    # AnythingLLM: server/jobs/helpers/memory-extraction-utils.js (its only model call besides the chat itself).
    ("anythingllm", "memory observer", system_user("You are a memory observer for an assistant: find facts about the user worth keeping.", f"Recent conversations to analyze:\n{USER_AI}")),
    ("anythingllm", "memory reflector", system_user("You are a memory reflector: decide which candidates to save.", "Candidate observations from the Observer:\n1. 保険年金課に所属")),
    ("lobechat", "context compression", system_user("You are a conversation context compressor. Keep what the chat needs; output the JSON only.", f"{ROLE_LOWER}\n\nMerge into one snapshot.")),
    ("lobechat", "quick replies", system_user("You turn the last assistant message into a few quick-reply suggestions (chips) the user can click.", 'Last assistant message:\n"""\nどちらにしますか？\n"""')),
    ("lobechat", "title, admin-translated", system_user("あなたは会話の要約係です。会話の内容を表すタイトルを付けてください。\nルール:\n- タイトルのみを出力\n- 20文字以内\n- 句読点は使わない", ROLE_LOWER)),
]


@pytest.mark.parametrize(("ui", "task", "body"), CASES, ids=[f"{ui}: {task}" for ui, task, _ in CASES])
def test_each_ui_background_task_is_background(taxonomy: Taxonomy, ui: str, task: str, body: dict[str, Any]) -> None:
    assert taxonomy.classify(body) == BACKGROUND


# Staff asking for what UIs' background requests produce (a title, a summary of a chat log, tags,
# search queries, JSON), and staff requests under an administrator's or a UI's own system prompt.
# The category where it is beyond doubt; None where only "not background" is pinned here.
LOOK_ALIKES: list[tuple[dict[str, Any], str | None]] = [
    (user("この報告書にタイトルを付けてください。\n窓口アンケートでは待ち時間への不満が最も多く……"), None),
    (user("この報告書に20文字以内のタイトルを付けて。句読点なし、タイトルのみ出力して"), None),
    (user("以下のチャットログを要約して\nユーザー: 保育園の申込はいつから？\nアシスタント: 10月1日からです。"), "summary"),
    # A chat log pasted with Japanese turn labels: no UI renders its transcript that way.
    (user("以下のチャットログにタイトルを付けてください。\nユーザー: 保育園の申込はいつから？\nアシスタント: 10月1日からです。"), None),
    (user("この問い合わせ対応のやり取りにタイトルを付けて記録したい\nユーザー: 保育園の申込はいつから？\nアシスタント: 10月1日からです。"), None),
    (user("この記事にタグを3つ付けて。記事：商店街の空き店舗でチャレンジショップ事業が始まりました。"), None),
    (user("児童手当の制度改正について調べたいので、検索クエリを3つ考えて"), "ideas"),
    (user("次の職員名簿をJSON形式で出力して\n山田 太郎 総務課\n佐藤 花子 税務課"), None),
    (user("次の会話記録から、住民が次に聞きそうな質問を3つ予想してFAQを作りたい\n住民: ごみの分別が分からない\n職員: 分別表をお渡しします"), None),
    (user("以下の文章の言語を判定して：Hola, ¿dónde está la oficina?"), None),
    (user("Please give me a title for this report about the library renovation plan."), None),
    (user("Give 3 search queries I could use to research the new child allowance rules."), None),
    (user("Summarize this chat log in three lines.\nUser: When does nursery registration open?\nAssistant: On 1 October."), "summary"),
    (user("Suggest 5 tags for this article and output them as a JSON array: The city opened a new library branch."), None),
    (user("Write a concise title for my report on waiting times at the counter, five words or less."), None),
    # A Chinese notice pasted to be translated carries the same second-person instructions as LobeChat's
    # Chinese system templates (你是一位…, 你需要将…); in a user message they are material, not a template.
    (user("次の中国語のお知らせを日本語に訳して。\n你好。你是一位新居民，你需要将申请表提交至市政府。请用汉语或日语填写，总结为一页。"), "translation"),
    (system_user("You are a helpful assistant for city staff. Always answer in Japanese. Output only the answer.", "来年度の予算要求資料の構成案を作って"), "document"),
    (system_user("You are a friendly, concise voice assistant. Everything you say will be spoken aloud.", "ごみの収集日を教えて"), "inquiry"),
    # LibreChat's conversational system prompt (api/app/clients/prompts/followupPrompt.js) asks the model to end with a follow-up question.
    (system_user("You are a helpful assistant. Ask a clarifying question when unsure and always end with a natural follow-up question.", "防災訓練のお知らせを作って"), "document"),
    # LibreChat adds a guard naming its memory tools to staff chats of agents that may remember (memory.ts).
    (system_user("Only use the `set_memory` and `delete_memory` tools when the user asks you to remember or forget something.", "防災訓練のお知らせを作って"), "document"),
    (system_user("あなたは翻訳の専門家です。職員が入力した文を英語に翻訳してください。訳文のみを出力し、説明は不要です。", "市民税の納付期限は12月25日です。"), None),
    (system_user("### 指示:\n回答は日本語で、です・ます調で。\n### 出力:\n見出しを付けて箇条書きで答えること。", "児童手当の制度改正について教えて"), "inquiry"),
    (system_user("あなたは○○市の職員向けアシスタントです。タイトルを付けてから本文を書いてください。", "防災訓練のお知らせを作って"), "document"),
    # An administrator's persona for titles has a template's traits (title only, a length limit, no
    # punctuation) but is about the staff's documents, not the chat: staff work.
    (system_user("You write titles for city documents. Output only the title, max 20 characters, no punctuation.", "この報告書にタイトルを付けて：窓口の待ち時間の調査結果"), None),
    (system_user("あなたは文書のタイトル係です。タイトルのみを出力し、20文字以内、句読点は使わないこと。", "この報告書にタイトルを付けて：窓口の待ち時間の調査結果"), None),
]


@pytest.mark.parametrize(("body", "expected"), LOOK_ALIKES)
def test_staff_look_alikes_stay_staff(taxonomy: Taxonomy, body: dict[str, Any], expected: str | None) -> None:
    got = taxonomy.classify(body)
    assert got is not None and got != BACKGROUND
    assert expected is None or got == expected


def test_a_system_template_needs_more_than_a_user_one(taxonomy: Taxonomy) -> None:
    # The same traits (a title, characters limit, no punctuation, the title only) that make a template
    # of a user message with a template's scaffold do not make an administrator's system prompt one.
    assert taxonomy.system_threshold > taxonomy.threshold
    admin = "回答は20文字以内のタイトルを付けて、句読点なしで書くこと。"
    assert taxonomy.classify(system_user(admin, "防災訓練のお知らせを作って")) == "document"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 不要 opens the next sentence: the translation is asked for, not declined.
        ("この案内を英語に翻訳。不要な行は消してください。", "translation"),
        ("この案内を英語に翻訳！不要な行は消して", "translation"),
        # Within one sentence the refusal still declines the task named before it.
        ("翻訳は不要なので、この案内の誤字脱字をチェックして", "proofreading"),
    ],
)
def test_a_refusal_does_not_reach_across_a_sentence_end(taxonomy: Taxonomy, text: str, expected: str) -> None:
    assert taxonomy.classify_text(text) == expected


def test_system_side_recognition_is_cheap(taxonomy: Taxonomy) -> None:
    # A staff request under an administrator's long system prompt: the first sight of a prompt
    # without a template's hint costs one gate, and every later request with it one digest lookup.
    def batch(first: int) -> float:
        started = time.perf_counter()
        for i in range(first, first + 20):
            taxonomy.classify(system_user(f"{i} あなたは市の職員を支援するアシスタントです。" * 40, "来年度の予算要求資料の構成案を作って"))
        return (time.perf_counter() - started) / 20

    assert min(batch(20 * k) for k in range(5)) < 1e-3  # each prompt new
    assert min(batch(0) for _ in range(5)) < 1e-3  # the same prompts again
    # A prompt is remembered by its digest: no text is kept.
    assert all(isinstance(k, bytes) and len(k) == 16 for k in taxonomy._system_seen)


# What staff type: Japanese words, punctuation and line breaks, with some digits and ASCII.
STAFF_WORDS = st.lists(
    st.sampled_from(["防災", "訓練", "案内文", "を", "作って", "要約して", "翻訳", "議事録", "。", "、", "\n", "教えて", "10", "Excel", "住民", "の"]),
    min_size=1,
    max_size=30,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=STAFF_WORDS)
def test_an_admin_system_prompt_without_template_traits_never_changes_the_category(taxonomy: Taxonomy, text: str) -> None:
    admin = "あなたは市の職員を支援するアシスタントです。回答は日本語で、簡潔に。"
    assert taxonomy.classify(system_user(admin, text)) == taxonomy.classify(user(text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=STAFF_WORDS)
def test_whatever_the_chat_a_template_around_it_is_background(taxonomy: Taxonomy, text: str) -> None:
    history = f"USER: {text}\nASSISTANT: はい"
    assert taxonomy.classify(user(f'### Task:\nWrite a short title.\n{{ "title": "" }}\n<chat_history>\n{history}\n</chat_history>')) == BACKGROUND
    assert taxonomy.classify(system_user("You are a conversation summarizer. Title the conversation; title only.", f"user: {text}")) == BACKGROUND


_TAXONOMY = load_taxonomy(None)
_PHRASES = sorted({p for group, _ in _TAXONOMY._groups for p in group})
_PIECE = st.sampled_from(_PHRASES) | st.sampled_from(_PHRASES).map(lambda p: p[: len(p) // 2]) | st.text(max_size=8)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECE, max_size=8))
def test_a_template_is_listed_when_all_of_one_groups_phrases_appear(pieces: list[str]) -> None:
    """One pass over the phrases finds what a test of each phrase in each group finds, groups in order."""
    text = " ".join(pieces)
    expected = next((tid for group, tid in _TAXONOMY._groups if all(p in text for p in group)), None)
    assert _TAXONOMY._listed(text) == expected
