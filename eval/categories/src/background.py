# -*- coding: utf-8 -*-
"""Render background (UI-generated) requests from public template texts.

Template texts below were taken from the public repositories named in README.md
(open-webui/open-webui backend/open_webui/config.py and older copies quoted in
public code; danny-avila/LibreChat api/app/clients/prompts/titlePrompts.js and
client code; danny-avila/agents src/utils/title.ts; langgenius/dify
api/core/llm_generator/prompts.py, current and older copies). They are kept
here only so the rendered prompts are byte-faithful to what the UI sends.
"""

# ---------------- invented Japanese chat histories ----------------
H = {
    "keirou": [
        ("user", "敬老会の市長あいさつ文を3分程度で作ってください。今年は100歳以上の方が42人います。"),
        ("assistant", "承知しました。以下は3分程度のあいさつ文案です。\n\n皆さま、本日は敬老会にお集まりいただき、誠にありがとうございます。長年にわたり地域の発展にご尽力いただいた皆さまに、心から敬意を表します。本年、市内で100歳を迎えられた方は42人となり……"),
    ],
    "vlookup": [
        ("user", "VLOOKUPで#N/Aになる。検索値は住民番号で、元データは文字列、検索側は数値っぽい"),
        ("assistant", "原因は検索値と検索範囲のデータ型の不一致と考えられます。次のいずれかで対処できます。\n1. 検索値を文字列に変換する：=VLOOKUP(TEXT(A2,\"0\"),名簿!A:C,3,FALSE)\n2. 元データ側を数値に変換する（区切り位置ウィザードなど）"),
    ],
    "gomi_en": [
        ("user", "以下のごみ出しルールを英語に翻訳してください。燃やせるごみは月曜日と木曜日の朝8時30分までに指定袋で出してください。"),
        ("assistant", "Please put burnable garbage in the designated bags and take it to the collection point by 8:30 a.m. on Mondays and Thursdays."),
    ],
    "kinben": [
        ("user", "会計年度任用職員に勤勉手当を支給するための要件を教えてください。"),
        ("assistant", "地方自治法の改正により、令和6年4月1日から会計年度任用職員（パートタイムを含む）にも勤勉手当を支給できるようになりました。支給対象は、任期が6か月以上で、1週間当たりの勤務時間が15時間30分以上の職員とする団体が多く、具体的には各団体の条例・規則で定めます。"),
    ],
    "ijuu": [
        ("user", "移住促進のためのイベントアイデアを10個出して。対象は首都圏の20〜30代、予算は小さめ。"),
        ("assistant", "1. オンライン移住相談会（夜間・少人数）\n2. 「お試しテレワーク」1週間滞在プログラム\n3. 地元の若手農家と行く収穫体験ツアー\n4. 移住者トークライブ（配信）\n5. 空き家DIYワークショップ\n……"),
    ],
    "gijiroku": [
        ("user", "以下の文字起こしから議事録を作成してください。生成AIの試行導入の打合せです。（文字起こし略）"),
        ("assistant", "【議事録】\n日時：11月5日（水）14:00〜15:30\n場所：第3会議室\n議題：生成AIの試行導入について\n決定事項：1月から3か月間、希望20課で試行する。ガイドライン案は次週の庁議に付議する。\n次回：12月3日"),
    ],
    "survey": [
        ("user", "アンケートの自由記述を「交通」「子育て」「防災」「その他」に分類して件数を出して。（回答10件）"),
        ("assistant", "| カテゴリ | 件数 |\n|---|---|\n| 交通 | 3 |\n| 子育て | 3 |\n| 防災 | 2 |\n| その他 | 2 |"),
    ],
    "toushin": [
        ("user", "この審議会の答申を課長説明用にポイント5つで要約して。（答申本文）"),
        ("assistant", "1. 施設の延床面積を30年間で20%以上縮減\n2. 機能の複合化・多機能化が基本\n3. 学校施設は地域との合意形成を重視\n4. PPP/PFIの積極的検討\n5. 進捗の毎年度公表"),
    ],
    "saikoku": [
        ("user", "市税の滞納者向け催告書の文面、威圧的すぎないけど期限は明確にしたい。"),
        ("assistant", "以下の文案をご提案します。\n\n市税の納付について（催告）\n\n平素より市政にご理解とご協力を賜り、ありがとうございます。さて、下記の市税について、納期限を過ぎても納付が確認できておりません……"),
    ],
    "yasashii": [
        ("user", "やさしい日本語に書き換えて：「転入届は、転入した日から14日以内に届け出てください。」"),
        ("assistant", "ひっこして きたら、14日（じゅうよっか）までに、市役所（しやくしょ）に 「転入届（てんにゅうとどけ）」を 出して ください。"),
    ],
}

# multi-turn history (3 exchanges) for END:6 style templates
H6 = {
    "kinben3": H["kinben"] + [
        ("user", "週15時間30分未満の人はどうなる？"),
        ("assistant", "多くの団体では、週15時間30分未満の短時間勤務者は勤勉手当（及び期末手当）の支給対象外としています。ただし、国の通知では支給対象の範囲は各団体で適切に定めることとされていますので、本市の給与条例・規則をご確認ください。"),
        ("user", "育休中の人の扱いも教えて"),
        ("assistant", "育児休業期間は勤勉手当の勤務期間から除算されるのが一般的です。ただし、育児休業の期間が1か月以下の場合は除算しない取扱いとしている団体もあります。"),
    ],
    "ijuu3": H["ijuu"] + [
        ("user", "その中で3番をもう少し具体化して。日程と費用感も"),
        ("assistant", "【収穫体験ツアー案】\n・時期：9月下旬の土日（1泊2日）\n・定員：10名\n・内容：若手農家と稲刈り、地元食材のBBQ、移住者との座談会\n・費用：参加者負担1万円、市負担は1回あたり約25万円（宿泊補助・バス借上げ等）"),
    ],
    "vba3": [
        ("user", "フォルダ内の複数のExcelファイルを1つのシートにまとめるVBAを書いて。1行目は見出し。"),
        ("assistant", "以下のマクロで、指定フォルダ内の .xlsx を順に開き、2ファイル目以降は見出し行を除いて集約シートに貼り付けます。\n\nSub MergeFiles()\n    Dim path As String, f As String\n    ...\nEnd Sub"),
        ("user", "実行したら「型が一致しません」って出た"),
        ("assistant", "変数 lastRow を Integer で宣言している場合、行数が多いとエラーになることがあります。Long に変更してください。また、空のファイルが含まれていないかも確認してください。"),
    ],
    "gomi3": H["gomi_en"] + [
        ("user", "缶・びん・ペットボトルは第2・第4水曜日、も追加で英訳して"),
        ("assistant", "Cans, bottles, and PET bottles are collected on the 2nd and 4th Wednesdays of each month."),
    ],
    "akiya3": [
        ("user", "空家法の特定空家等に対する措置の流れを教えて"),
        ("assistant", "特定空家等に対しては、①助言・指導、②勧告、③命令、④行政代執行の順に段階的に措置を講じます。勧告を受けると固定資産税の住宅用地特例の対象から除外されます。"),
        ("user", "管理不全空家との違いは？"),
        ("assistant", "管理不全空家等は、放置すれば特定空家等になるおそれのある空家で、令和5年の法改正で創設されました。指導・勧告が可能で、勧告を受けると同じく住宅用地特例が解除されます。命令や代執行の対象にはなりません。"),
    ],
}

# histories whose last turn is the user's (search/RAG query generation happens before the answer)
HQ = {
    "furusato": [("user", "ふるさと納税の返礼品の基準ってどうなってる？最近の見直しも含めて知りたい")],
    "jidouteate": [("user", "児童手当の制度改正（所得制限撤廃、高校生年代までの延長）の開始時期と内容を確認したい")],
    "cashless": [
        ("user", "窓口にキャッシュレス決済を導入した自治体の事例を知りたい"),
        ("assistant", "導入事例としては、証明書交付手数料などにキャッシュレス決済を導入した例が各地にあります。導入方法としては、指定納付受託者制度を活用する方法が一般的です。"),
        ("user", "指定納付受託者制度の手続きの流れを詳しく"),
    ],
    "ai_guideline": [("user", "自治体で生成AIを使うときのガイドライン、国が出しているものを教えて")],
    "kotei_rag": [("user", "（添付：固定資産税事務マニュアル.pdf）家屋の評価替えの年度と、縦覧期間について、このマニュアルではどう書かれている？")],
}


def owui_messages(msgs):
    # open-webui renders {{MESSAGES:...}} as "ROLE: content" lines
    return "\n".join(f"{r.upper()}: {c}" for r, c in msgs)


OWUI_TITLE_CURRENT = """### Task:
Generate a concise title summarizing the chat history.
### Guidelines:
- The title should clearly represent the main theme or subject of the conversation.
- Keep it short: 2-4 words is best.
- Do not use emojis, quotation marks, or special formatting.
- Write the title in the chat's primary language; default to English if multilingual.
- Prioritize accuracy over creativity.
- Your entire response must consist solely of the JSON object, without any introductory or concluding text.
- The output must be a single, raw JSON object, without any markdown code fences or other encapsulating text.
- Ensure no conversational text, affirmations, or explanations precede or follow the raw JSON output, as this will cause direct parsing failure.
### Output:
JSON format: { "title": "your concise title here" }
### Examples:
- { "title": "Stock Trends" },
- { "title": "Chocolate Chip Cookies" },
- { "title": "Music Streaming" },
- { "title": "Remote Work" }
### Chat History:
<chat_history>
{{MESSAGES:END:2}}
</chat_history>"""

OWUI_TITLE_EMOJI = """### Task:
Generate a concise, 3-5 word title with an emoji summarizing the chat history.
### Guidelines:
- The title should clearly represent the main theme or subject of the conversation.
- Use emojis that enhance understanding of the topic, but avoid quotation marks or special formatting.
- Write the title in the chat's primary language; default to English if multilingual.
- Prioritize accuracy over excessive creativity; keep it clear and simple.
### Output:
JSON format: { "title": "your concise title here" }
### Examples:
- { "title": "📉 Stock Market Trends" },
- { "title": "🍪 Perfect Chocolate Chip Recipe" },
- { "title": "Evolution of Music Streaming" },
- { "title": "Remote Work Productivity Tips" },
- { "title": "Artificial Intelligence in Healthcare" },
- { "title": "🎮 Video Game Development Insights" }
### Chat History:
<chat_history>
{{MESSAGES:END:2}}
</chat_history>"""

OWUI_TITLE_OLD = """Create a concise, 3-5 word title with an emoji as a title for the prompt in the given language. Suitable Emojis for the summary can be used to enhance understanding but avoid quotation marks or special formatting. RESPOND ONLY WITH THE TITLE TEXT.

Examples of titles:
📉 Stock Market Trends
🍪 Perfect Chocolate Chip Recipe
Evolution of Music Streaming
Remote Work Productivity Tips
Artificial Intelligence in Healthcare
🎮 Video Game Development Insights

Prompt: {{prompt:middletruncate:8000}}"""

OWUI_TAGS = """### Task:
Generate 1-3 broad tags categorizing the main themes of the chat history, along with 1-3 more specific subtopic tags.

### Guidelines:
- Start with high-level domains (e.g. Science, Technology, Philosophy, Arts, Politics, Business, Health, Sports, Entertainment, Education)
- Consider including relevant subfields/subdomains if they are strongly represented throughout the conversation
- If content is too short (less than 3 messages) or too diverse, use only ["General"]
- Use the chat's primary language; default to English if multilingual
- Prioritize accuracy over specificity

### Output:
JSON format: { "tags": ["tag1", "tag2", "tag3"] }

### Chat History:
<chat_history>
{{MESSAGES:END:6}}
</chat_history>"""

OWUI_FOLLOW_UP = """### Task:
Suggest 3-5 relevant follow-up questions or prompts that the user might naturally ask next in this conversation as a **user**, based on the chat history, to help continue or deepen the discussion.
### Guidelines:
- Write all follow-up questions from the user’s point of view, directed to the assistant.
- Make questions concise, clear, and directly related to the discussed topic(s).
- Only suggest follow-ups that make sense given the chat content and do not repeat what was already covered.
- If the conversation is very short or not specific, suggest more general (but relevant) follow-ups the user might ask.
- Use the conversation's primary language; default to English if multilingual.
- Response must be a JSON object with a "follow_ups" key containing an array of strings, no extra text or formatting.
### Output:
JSON format: { "follow_ups": ["Question 1?", "Question 2?", "Question 3?"] }
### Chat History:
<chat_history>
{{MESSAGES:END:6}}
</chat_history>"""

OWUI_QUERY = """### Task:
Analyze the chat history to determine the necessity of generating search queries, in the given language. By default, **prioritize generating 1-3 broad and relevant search queries** unless it is absolutely certain that no additional information is required. The aim is to retrieve comprehensive, updated, and valuable information even with minimal uncertainty. If no search is unequivocally needed, return an empty list.

### Guidelines:
- Respond **EXCLUSIVELY** with a JSON object. Any form of extra commentary, explanation, or additional text is strictly prohibited.
- When generating search queries, respond in the format: { "queries": ["query1", "query2"] }, ensuring each query is distinct, concise, and relevant to the topic.
- If and only if it is entirely certain that no useful results can be retrieved by a search, return: { "queries": [] }.
- Err on the side of suggesting search queries if there is **any chance** they might provide useful or updated information.
- Be concise and focused on composing high-quality search queries, avoiding unnecessary elaboration, commentary, or assumptions.
- Today's date is: {{CURRENT_DATE}}.
- Always prioritize providing actionable and broad queries that maximize informational coverage.

### Output:
Strictly return in JSON format: 
{
  "queries": ["query1", "query2"]
}

### Chat History:
<chat_history>
{{MESSAGES:END:6}}
</chat_history>
"""

OWUI_AUTOCOMPLETE = """### Task:
You are an autocompletion system. Continue the text in `<text>` based on the **completion type** in `<type>` and the given language.  

### **Instructions**:
1. Analyze `<text>` for context and meaning.  
2. Use `<type>` to guide your output:  
   - **General**: Provide a natural, concise continuation.  
   - **Search Query**: Complete as if generating a realistic search query.  
3. Start as if you are directly continuing `<text>`. Do **not** repeat, paraphrase, or respond as a model. Simply complete the text.  
4. Ensure the continuation:
   - Flows naturally from `<text>`.  
   - Avoids repetition, overexplaining, or unrelated ideas.  
5. If unsure, return: `{ "text": "" }`.  

### **Output Rules**:
- Respond only in JSON format: `{ "text": "<your_completion>" }`.

### **Examples**:
#### Example 1:  
Input:  
<type>General</type>  
<text>The sun was setting over the horizon, painting the sky</text>  
Output:  
{ "text": "with vibrant shades of orange and pink." }

#### Example 2:  
Input:  
<type>Search Query</type>  
<text>Top-rated restaurants in</text>  
Output:  
{ "text": "New York City for Italian cuisine." }  

---
### Context:
<chat_history>
{{MESSAGES:END:6}}
</chat_history>
<type>{{TYPE}}</type>  
<text>{{PROMPT}}</text>  
#### Output:
"""

OWUI_EMOJI = """Your task is to reflect the speaker's likely facial expression through a fitting emoji. Interpret emotions from the message and reflect their facial expression using fitting, diverse emojis (e.g., 😊, 😢, 😡, 😱).

Message: ```{{prompt}}```"""

# LibreChat
LC_EMOJI = 'Start the title with one emoji that fits the topic (REQUIRED), The emoji should help communicate the subject'
LC_TITLE_INSTRUCTION = ('a concise, 5-word-or-less title for the conversation, using its same language, with no punctuation. '
                        'Apply title case conventions appropriate for the language. Never directly mention the language name or the word "title".'
                        + LC_EMOJI)
LC_AGENTS_STRUCTURED = """Analyze this conversation and provide:
1. The detected language of the conversation
2. A concise title in the detected language (5 words or less, no punctuation or quotation)

{convo}"""
LC_AGENTS_COMPLETION = """Provide a concise, 5-word-or-less title for the conversation, using title case conventions. Only return the title itself.

Conversation:
{convo}"""

# Dify
DIFY_TITLE_CURRENT = """You are asked to generate a concise chat title by decomposing the user’s input into two parts: “Intention” and “Subject”.

1. Detect Input Language
Automatically identify the language of the user’s input (e.g. English, Chinese, Italian, Español, Arabic, Japanese, French, and etc.).

2. Generate Title
- Combine Intention + Subject into a single, as-short-as-possible phrase.
- The title must be natural, friendly, and in the same language as the input.
- If the input is a direct question to the model, you may add an emoji at the end.

3. Output Format
Return **only** a valid JSON object with these exact keys and no additional text:
{
"Language Type": "<Detected language>",
"Your Reasoning": "<Brief explanation in that language>",
"Your Output": "<Intention + Subject>"
}

User Input:
"""

DIFY_TITLE_OLD = """You need to decompose the user's input into "subject" and "intention" in order to accurately figure out what the user's input language actually is. 
Notice: the language type user use could be diverse, which can be English, Chinese, Español, Arabic, Japanese, French, and etc.
MAKE SURE your output is the SAME language as the user's input!
Your output is restricted only to: (Input language) Intention + Subject(short as possible)
Your output MUST be a valid JSON.

Tip: When the user's question is directed at you (the language model), you can add an emoji to make it more fun.


example 1:
User Input: hi, yesterday i had some burgers.
{
  "Language Type": "The user's input is pure English",
  "Your Reasoning": "The language of my output must be pure English.",
  "Your Output": "sharing yesterday's food"
}

example 2:
User Input: hello
{
  "Language Type": "The user's input is written in pure English",
  "Your Reasoning": "The language of my output must be pure English.",
  "Your Output": "Greeting myself☺️"
}


example 3:
User Input: why mmap file: oom
{
  "Language Type": "The user's input is written in pure English",
  "Your Reasoning": "The language of my output must be pure English.",
  "Your Output": "Asking about the reason for mmap file: oom"
}


example 4:
User Input: www.convinceme.yesterday-you-ate-seafood.tv讲了什么？
{
  "Language Type": "The user's input English-Chinese mixed",
  "Your Reasoning": "The English-part is an URL, the main intention is still written in Chinese, so the language of my output must be using Chinese.",
  "Your Output": "询问网站www.convinceme.yesterday-you-ate-seafood.tv"
}

example 5:
User Input: why小红的年龄is老than小明？
{
  "Language Type": "The user's input is English-Chinese mixed",
  "Your Reasoning": "The English parts are subjective particles, the main intention is written in Chinese, besides, Chinese occupies a greater "actual meaning" than English, so the language of my output must be using Chinese.",
  "Your Output": "询问小红和小明的年龄"
}

example 6:
User Input: yo, 你今天咋样？
{
  "Language Type": "The user's input is English-Chinese mixed",
  "Your Reasoning": "The English-part is a subjective particle, the main intention is written in Chinese, so the language of my output must be using Chinese.",
  "Your Output": "查询今日我的状态☺️"
}

User Input: 
"""

DIFY_SUGGEST_CURRENT = ("Please help me predict the three most likely questions that human would ask, "
                        "and keep each question under 20 characters.\n"
                        "MAKE SURE your output is the SAME language as the Assistant's latest response. "
                        "The output must be an array in JSON format following the specified schema:\n"
                        '["question1","question2","question3"]\n')
DIFY_SUGGEST_OLD = ("Please help me predict the three most likely questions that human would ask, "
                    "and keeping each question under 20 characters.\n"
                    "The output must be an array in JSON format following the specified schema:\n"
                    '["question1","question2","question3"]\n')


def first_user(msgs):
    return next(c for r, c in msgs if r == "user")


def last_assistant(msgs):
    return [c for r, c in msgs if r == "assistant"][-1]


def dify_history(msgs):
    return "\n".join(("Human: " if r == "user" else "Assistant: ") + c for r, c in msgs)


def lc_legacy_convo(msgs):
    import json
    return '||>User:\n"' + first_user(msgs) + '"\n||>Response:\n"' + json.dumps(last_assistant(msgs), ensure_ascii=False) + '"'


def build():
    out = []

    def add(ui, task, text, note):
        out.append({"text": text, "ui": ui, "task": task, "note": note})

    # ---- Open WebUI: title (current template, no emoji, JSON) ----
    for k in ["keirou", "vlookup", "gomi_en", "kinben", "gijiroku", "yasashii"]:
        add("open-webui", "title",
            OWUI_TITLE_CURRENT.replace("{{MESSAGES:END:2}}", owui_messages(H[k])),
            "Open WebUI current DEFAULT_TITLE_GENERATION_PROMPT_TEMPLATE ('2-4 words', no emoji); {{MESSAGES:END:2}} rendered as 'USER:/ASSISTANT:' lines. Sent as a user message to the task model after the first reply. Embedded history is about "
            + {"keirou": "文書作成", "vlookup": "表計算", "gomi_en": "翻訳", "kinben": "問い合わせ", "gijiroku": "議事録", "yasashii": "翻訳(やさしい日本語)"}[k] + " — must NOT be counted as that category.")
    # ---- Open WebUI: title (0.5/0.6-era template with emoji) ----
    for k in ["ijuu", "survey", "saikoku"]:
        add("open-webui", "title",
            OWUI_TITLE_EMOJI.replace("{{MESSAGES:END:2}}", owui_messages(H[k])),
            "Open WebUI older (≈0.5–0.6) title template '3-5 word title with an emoji', JSON output.")
    # ---- Open WebUI: title (≈0.3 era, prompt only) ----
    for k in ["toushin", "keirou", "vlookup"]:
        add("open-webui", "title",
            OWUI_TITLE_OLD.replace("{{prompt:middletruncate:8000}}", first_user(H[k])),
            "Open WebUI oldest title template (≈0.3.x): only the first user prompt is inserted; the staff request text appears verbatim at the end — a classic false-positive trap.")
    # ---- Open WebUI: tags ----
    for k in ["kinben3", "ijuu3", "vba3", "gomi3", "akiya3"]:
        add("open-webui", "tags",
            OWUI_TAGS.replace("{{MESSAGES:END:6}}", owui_messages(H6[k][-6:])),
            "Open WebUI DEFAULT_TAGS_GENERATION_PROMPT_TEMPLATE; last 6 messages.")
    # ---- Open WebUI: follow-ups ----
    for k in ["kinben3", "ijuu3", "vba3", "akiya3"]:
        add("open-webui", "follow_up",
            OWUI_FOLLOW_UP.replace("{{MESSAGES:END:6}}", owui_messages(H6[k][-6:])),
            "Open WebUI DEFAULT_FOLLOW_UP_GENERATION_PROMPT_TEMPLATE (follow_ups JSON key).")
    for k in ["toushin"]:
        add("open-webui", "follow_up",
            OWUI_FOLLOW_UP.replace("{{MESSAGES:END:6}}", owui_messages(H[k])),
            "Open WebUI follow-up template with a short (2-message) history about 要約.")
    # ---- Open WebUI: query generation (web search / retrieval) ----
    dates = ["2025-06-12", "2025-09-03", "2026-01-20", "2026-04-08", "2026-11-30"]
    for (k, d) in zip(["furusato", "jidouteate", "cashless", "ai_guideline", "kotei_rag"], dates):
        add("open-webui", "query_generation" if k != "kotei_rag" else "query_generation_retrieval",
            OWUI_QUERY.replace("{{CURRENT_DATE}}", d).replace("{{MESSAGES:END:6}}", owui_messages(HQ[k])),
            "Open WebUI DEFAULT_QUERY_GENERATION_PROMPT_TEMPLATE, used for web search and for RAG retrieval; sent before the answer, so the history ends with the user's question.")
    # ---- Open WebUI: autocomplete ----
    ac = [
        ("General", "会計年度任用職員の勤勉手当について、", "kinben"),
        ("General", "敬老会のあいさつ文を", None),
        ("search query", "ふるさと納税 返礼品 基準", None),
    ]
    for typ, partial, hk in ac:
        hist = owui_messages(H[hk]) if hk else ""
        add("open-webui", "autocomplete",
            OWUI_AUTOCOMPLETE.replace("{{MESSAGES:END:6}}", hist).replace("{{TYPE}}", typ).replace("{{PROMPT}}", partial),
            "Open WebUI DEFAULT_AUTOCOMPLETE_GENERATION_PROMPT_TEMPLATE (off by default; fires while the user is typing). TYPE value as sent by the frontend is an assumption ('General' / 'search query').")
    # ---- Open WebUI: emoji (call mode) ----
    for msg in ["承知しました。以下は3分程度のあいさつ文案です。", "原因は検索値と検索範囲のデータ型の不一致と考えられます。"]:
        add("open-webui", "emoji", OWUI_EMOJI.replace("{{prompt}}", msg),
            "Open WebUI DEFAULT_EMOJI_GENERATION_PROMPT_TEMPLATE (voice/call mode); message is an assistant sentence.")

    # ---- LibreChat: legacy titleConvo (OpenAIClient / Anthropic-style) ----
    for k in ["keirou", "kinben", "survey"]:
        add("librechat", "title",
            "Please generate " + LC_TITLE_INSTRUCTION + "\n\n" + lc_legacy_convo(H[k]),
            "LibreChat legacy OpenAIClient.titleConvo: 'Please generate ' + titleInstruction + ||>User:/||>Response: block (titlePrompts.js). In that client the payload is sent with role 'system' by default (titleMessageRole), so a gateway looking only at user messages may not see it.")
    add("librechat", "title",
        "Please generate " + LC_TITLE_INSTRUCTION + "\n\n    " + lc_legacy_convo(H["gomi_en"]) + "\n    \n    ||>Title:",
        "LibreChat legacy Anthropic/Google client variant: same instruction, indented convo block and trailing '||>Title:', sent as a user message.")
    # ---- LibreChat: langchain createTitlePrompt (system) + human 'Language: X' ----
    for k in ["gijiroku", "vlookup"]:
        sys_txt = ("Write a concise title for this conversation in the given language. Title in 5 Words or Less. No Punctuation or Quotation. "
                   "Must be in Title Case, written in the given Language. " + LC_EMOJI + "\n" + lc_legacy_convo(H[k]))
        add("librechat", "title_language_prompt", sys_txt + "\n\n[user message] Language: Japanese",
            "LibreChat createTitlePrompt (langchain 'functions' title method): system message carries the convo; the user message is only 'Language: Japanese'. Rendered here as system text + the user line; a classifier seeing only the newest user message gets 'Language: Japanese'.")
    # ---- LibreChat agents: structured title & completion title ----
    for k in ["ijuu", "toushin", "saikoku"]:
        convo = "User: " + first_user(H[k]) + "\nAI: " + last_assistant(H[k])
        add("librechat", "title", LC_AGENTS_STRUCTURED.replace("{convo}", convo),
            "LibreChat agents endpoint, @librechat/agents default title prompt (structured method). Convo wrapper 'User: …\\nAI: …' is the assumed default titlePromptTemplate.")
    for k in ["yasashii", "kinben"]:
        convo = "User: " + first_user(H[k]) + "\nAI: " + last_assistant(H[k])
        add("librechat", "title", LC_AGENTS_COMPLETION.replace("{convo}", convo),
            "LibreChat agents 'completion' title method default prompt.")

    # ---- Dify: conversation name ----
    for k in ["keirou", "survey", "kinben"]:
        add("dify", "title", DIFY_TITLE_CURRENT + first_user(H[k]) + "\n",
            "Dify current CONVERSATION_TITLE_PROMPT (Intention + Subject, JSON) + the first query, as in LLMGenerator.generate_conversation_name.")
    for k in ["gomi_en", "vlookup"]:
        add("dify", "title", DIFY_TITLE_OLD + first_user(H[k]) + "\n",
            "Dify older CONVERSATION_TITLE_PROMPT (subject/intention with 6 examples) + query.")
    # ---- Dify: suggested questions after answer ----
    for k in ["kinben", "ijuu", "gijiroku"]:
        add("dify", "suggested_questions",
            dify_history(H[k]) + "\n" + DIFY_SUGGEST_CURRENT + "\nquestions:\n",
            "Dify suggested-questions-after-answer: '{{histories}}\\n{{format_instructions}}\\nquestions:\\n' with Human:/Assistant: history; current instruction (same-language line).")
    for k in ["toushin", "gomi_en"]:
        add("dify", "suggested_questions",
            dify_history(H[k]) + "\n" + DIFY_SUGGEST_OLD + "\nquestions:\n",
            "Dify older suggested-questions instruction ('keeping each question under 20 characters', no language line).")
    return out
