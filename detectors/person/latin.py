"""Latin-script names: with a cue (Dear, Mr., my son, an honorific, a reading in brackets, a sign-off) or
a dictionary given name among capitalised words. Used by the context PERSON detector."""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import Final

from detectors.detector import Artifacts
from detectors.keywords import matches_not_after
from detectors.morphology import COUNTRY, NAME_KINDS, PLACE_KINDS, PROPN, Tokens, tokens
from detectors.openings import Before, Opening
from detectors.person.foreign import known_name
from detectors.person.romaji import romanised_japanese
from detectors.person.words import SENTENCE_OPENERS

# (or the person's sex, as lists of trainees and residents give it: SUTRISNO（男）, Rina Wulandari（女）)
_RELATIONS: Final = (
    "(?:父|母|夫|妻|長男|長女|次男|次女|子|本人|祖父|祖母|兄|姉|弟|妹|[小中高][0-9]|男性|女性|男|女|M|F)"
)
# A birth date or an age in the bracket (2017年5月22日生, 8歳); a bare year (2019年開始) is no cue.
_BIRTH_OR_AGE: Final = "[0-9]{4}[年/.-][0-9年月日/.-]{0,8}生|[0-9]{1,2}[歳才]"
# English cues before a Latin name: titles, "My name is", a relation or role, a form label.
_LATIN_CUE_RE: Final = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sr|Sra|Srta|Mme|Mlle|Herr|Frau|Pt)\.?|\b(?:my name is|i am|this is|dear|name|client|applicant|patient|resident|owner|landlord|account holder|"
    r"my (?:son|daughter|wife|husband|mother|father|child|friend|brother|sister|grandfather|grandmother|grandson|granddaughter|"
    r"uncle|aunt|cousin|nephew|niece|neighbou?r|colleague|landlord|employer)|married to|soy|(?:ko|kong|pong|ko pong) si|"
    r"(?:son|daughter|wife|husband|interpreter|translator|contact|tenant|guardian|spouse|child|parent)[:,]?|"
    # Mail headers: From: Lee Jiwoo <…>.
    r"(?:from|to|cc|sender|signed)[:：]|"
    # a role labelled in English (Case: Priya Raghunathan, Team B (leader: Kenji Okamoto), Coach: Mizuno)
    r"(?:case|interviewer|coach|leader|captain|manager|officer|staff in charge|in charge|night shift|day shift|"
    r"contact person|emergency contact|my neighbou?r|neighbou?r|reporter|caller|attendee|participant|member)[:：]?|"
    # "My name is" and "my husband/wife is" in the languages residents write in (vi, pt, es, id, tl).
    r"tên (?:tôi |em )?là|tôi là|(?:chồng|vợ|con) (?:tôi|em) là|meu nome é|me chamo|me llamo|mi nombre es|nama saya|"
    r"aqui é a|aqui é o|habla|hablo con|quem fala é|"
    # Indonesian: a parent of the child named, a form's child or mother, "this is" after a greeting
    r"(?:ibu|ayah|bapak|mama|papa) dari|nama (?:anak|ibu|ayah|suami|istri|bayi)[:：]?|(?:bu|pak|halo|bapak|ibu)[,.]? ini|"
    r"suami saya|istri saya|anak saya|teman saya|kawan saya|bạn (?:tôi|em)|con|ako si|pangalan ko ay|si)|(?:さん|様|氏|殿)[（(]|"
    # A section before a staff member's name in a list (上下水道局 Santos Rafael), or a relative
    # (妻 SANTOS Juliana, むすこ Lucas Oliveira Souza).
    r"(?:課|局|係|室|部|センター|担当|長男|長女|次男|次女|妻|夫|子|むすこ|むすめ|おっと|つま)(?=[ \t\u3000]))"
    r"[ \t\u3000]*[:：]?[ \t\u3000]*$",
    re.IGNORECASE,
)
# Greetings, titles and roles that _LATIN_RE swallows as a first "name" word (Dear Minji Park, Wife Ana Paula).
CUE_WORDS: Final = frozenset(
    {
        "Dear",
        "Hello",
        "Hi",
        "To",
        "From",
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Dr",
        "Prof",
        "Client",
        "Name",
        "Saya",
        "Ako",
        "Eu",
        "Soy",
    }
    | {"Wife", "Husband", "Son", "Daughter", "Mother", "Father", "Interpreter", "Translator", "Applicant", "Patient"}
    | {"Councillor", "Councilor", "Mayor", "Director", "Chairperson", "Professor", "Nurse", "Teacher", "Pt", "Coach"}
)
# Last words that make a capitalised pair an office or a body, not a person (City Hall, Support Team).
ORG_WORDS: Final = frozenset(
    "hall office offices department dept center centre council committee team section division bureau "
    "school hospital clinic company corporation inc ltd university college city ward prefecture town "
    "village government ministry agency association service services support staff desk high elementary junior "
    "academy museum library station heights mansion residence court haitsu coop corpo apartment apartments "
    # what an office is for, and the languages an interpreter speaks (Dear Agriculture, …; Interpreter (Tagalog))
    "agriculture forestry fisheries welfare education tagalog english japanese vietnamese portuguese spanish "
    "chinese korean nepali indonesian thai burmese hindi bengali sinhala mongolian tamil urdu affairs co "
    "restaurant restaurante cafe café mart foods market".split()
)
# Two to four capitalised words (NGUYEN THI THU HA, John F. Kennedy); not preceded by a letter either,
# which `_names` checks so that sre can skip ahead to a capital.
# Letters with diacritics count inside a word (Trần Thị Mai, Lê Văn Hùng, José, Müller).
# (Cyrillic too, as Mongolian, Russian and Ukrainian residents write their names: ТӨМӨРБААТАР Болд)
_L: Final = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\u0400-\u04ff"
# What a word of a name may open with: a capital, with a diacritic too (Đỗ Thị Lan, Ōno, Émile).
_CAP: Final = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f\u1e00-\u1efe\u0400-\u042f\u04a0-\u04fe"
_LATIN_RE: Final = re.compile(
    # REYES, Analyn: a family name in capitals, a comma, the given name.
    rf"(?P<name>[{_CAP}](?:'[{_CAP}])?[{_L}]+(?:[-'](?:[A-Z]?[a-z]+|[A-Z]{{2,}}))?(?:(?<=[A-Z][A-Z]),(?=[ ][A-Z][a-z]))?(?:[ \t\u3000]+[A-Z]\.)?"
    # Lowercase particles inside a name: Oliveira da Silva, Ludwig van Beethoven, Juan dela Cruz.
    rf"(?:[ \t\u3000]+(?:(?:da|de|do|dos|das|dela|della|di|du|van|von|der|den|del|ter|ten|la|le|bin|binti|bint|ibn|al|el)[ \t\u3000]+)?[{_CAP}](?:'[{_CAP}])?[{_L}]+(?:[-'](?:[A-Z]?[a-z]+|[A-Z]{{2,}}))?){{1,3}})(?![{_L}])"
)
# A reading or the name in another script in brackets right after: TRAN THI MAI（チャン・ティ・マイ）,
# Kim Jiwoo（金 智友）. Two parts, so a product's katakana name (アップルミュージック) does not count.
_READING_AFTER_RE: Final = re.compile(
    r"[ \u3000]?(?:[（(]|[／/][ \u3000]?(?=[ァ-ヺ]))[ \u3000]*(?:"
    r"(?:[ァ-ヺー一-龥]{1,8}[ \u3000・][ァ-ヺー一-龥]{1,8}(?:[・ \u3000][ァ-ヺー]{1,8}){0,2}|[가-힣]{2,5})[ \u3000]*(?:[）)]|(?<=[ァ-ヺー])[ \u3000]*(?:様|さん|$|\n))"
    # or a relation or a birth date: Jomar Dela Cruz（父）, Angel（2017年5月22日生）
    rf"|{_RELATIONS}[）)、,]|{_BIRTH_OR_AGE}"
    # or a title in brackets (HAYASHI Mio (Ms.)), or the person's role: Tanaka Yuri（ポルトガル語通訳）
    r"|(?:Mr|Ms|Mrs|Miss|Dr|Mx)\.?[）)]"
    r"|[^）)\n]{0,12}(?:通訳|担当|職員|相談員|支援員|ボランティア|コーディネーター)[）)])"
)
# A single word with such a bracket after it: Angel（2017年5月22日生、小3）, Joshua（父）.
_WORD_BRACKET_RE: Final = re.compile(
    rf"(?P<name>[A-Z][a-z]{{1,15}}|[A-Z]{{3,15}})[ \u3000]?[（(](?:{_RELATIONS}[）)、,]|{_BIRTH_OR_AGE}|[ァ-ヺー一-龥・]{{1,10}}語[）)])"
)
_WORD_BRACKET_AT: Final = Opening(_WORD_BRACKET_RE)  # tried only at capitals
# A relative or a form label, a colon, one capitalised word: 長女：Larissa, 長男: Gabriel.
# (also after a space, and the easy-Japanese むすこ・むすめ residents write: 長女 Sofia, むすめ Beatriz).
_LABEL_WORD_RE: Final = re.compile(
    r"(?:父|母|夫|妻|長男|長女|次男|次女|三男|三女|子|本人|配偶者|世帯主|申請者|同居人|むすこ|むすめ|おっと|つま|旧姓|旧氏|"
    r"実習生|技能実習生|研修生|留学生|相談者|対象者|利用者|来庁者|来所者|請求者|通訳|相手|"
    # staff and helpers named by their role (通訳コーディネーター Silva, 店長 Kapil, 学習者代表 Bình)
    r"店長|ボランティア|コーディネーター|代表|講師|指導員|支援員|相談員|国際交流員|団員|隊員)"
    r"(?:[ \u3000]*[:：（(][ \u3000]*|[ \u3000]+)(?P<name>[A-Z][a-z\u00c0-\u024f\u1e00-\u1eff]{1,15})(?![A-Za-z\u00c0-\u024f\u1e00-\u1eff])"
)
# More names listed after the first (実習生（Rudi、Yanto）, ボランティア Linda・Ahmad).
_MORE_LISTED_RE: Final = re.compile(
    "[、,・][ \u3000]?(?P<name>[A-Z][a-z\u00c0-\u024f\u1e00-\u1eff]{1,15})(?![A-Za-z\u00c0-\u024f\u1e00-\u1eff])"
)
# One word is enough where the cue leaves no doubt: Ms. Tanaka, my friend Sujan, meu filho, Gabriel, Ana さん.
# Found from the capitalised word (sre skips ahead to capitals), the cue checked in the text before it.
# every cue ends in a space or comma (the name with Portuguese and Spanish accents too: Sofía, Conceição)
_WORD_RE: Final = re.compile(r"[ ,](?P<name>[A-Z](?:'[A-Z])?[a-zà-öø-ÿ]{1,15})(?![A-Za-zà-öø-ÿ])")
_SINGLE_CUE_BEFORE_RE: Final = re.compile(
    r"(?:(?<![A-Za-z])(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sr|Sra|Srta|Mme|Mlle|Herr|Frau)\.?[ ]|(?<![A-Za-z])(?:coach|nurse|officer|captain|sergeant|principal|CW|SW|MSW|PSW|caseworker) |(?<![A-Za-z])(?:my name is|nama saya|teman saya|tên (?:tôi |em )?là|me llamo|meu nome é|ako si|(?:ko|kong|pong) si|soy)[ ]|(?<![A-Za-z])(?:case|interviewer|coach|leader|captain|in charge|shift|contact|caller|reporter):[ ]*|(?<![A-Za-z])(?:mother|father|parent|guardian|wife|husband|son|daughter) of[ ]|(?<![A-Za-z])(?:my )?neighbou?r[ ]|(?<![A-Za-z])(?:my|his|her|our) (?:friend|son|daughter|wife|husband|"
    r"mother|father|child|brother|sister)[ ,]+|(?<![A-Za-z])(?:meu|minha|mi|nosso|nossa|nuestro|nuestra) (?:filho|filha|esposa|marido|hijo|hija|esposo)[ ,]+|"
    r"(?<![A-Za-z])(?:child|son|daughter|wife|husband):[ ]*|(?:^|[-•*][ ]?|\. )(?:Husband|Wife|Son|Daughter) |"
    # a staff member after their post or their section (site manager Kuwabara, 建設課住宅係, Matsui)
    r"(?<![A-Za-z])(?:site |project |section |team |store |office |general )?(?:manager|supervisor|foreman)[ ]|[課係室][,、][ ]?|"
    # who handled a case or follows it up (Handled by: Okamoto; Follow-up: Kono to call her back)
    r"(?<![A-Za-z])(?:handled by|follow-up|follow up|assigned to|responded by|observer|checked by|prepared by|written by|reported by):?[ ]+|(?<![A-Za-z])(?:baby|children|child|kids|crianças|filhos|hijos):[ ]+|"
    # Tagalog: the article before a person's name (na si Miya, si Analyn po) and Gng. (Mrs.)
    r"(?<![A-Za-z])(?:si|kay|Gng\.)[ ]+|"
    # Portuguese and Spanish: a parent of the child named (mãe da Isabela, mãe do Arthur e da Helena, la mamá
    # de Sofía), who is speaking (aqui é a Juliana, habla Carmen).
    r"(?<![A-Za-z])(?:mãe|mae|pai|mamá|mamã|papá|papai|madre|padre)[ ](?:d[aoe]s?|de la|del)[ ](?:[A-Z][a-zà-ÿ]+[ ]e[ ]d[ao][ ])?|"
    r"(?<![A-Za-z])(?:aqui é|aqui e|quem fala é|habla|hablo con|soy)[ ](?:a[ ]|o[ ]|la[ ]|el[ ])?|"
    r"(?<![A-Za-z])(?:ibu|ayah|bapak) dari[ ](?:[A-Z][a-z]+[ ]dan[ ])?|(?<![A-Za-z])nama (?:anak|ibu|ayah|bayi)[:：][ ]*)$",
    re.IGNORECASE,
)
_SINGLE_HONORIFIC_RE: Final = re.compile(
    r"(?P<name>[A-Z][a-z\u00e0-\u00f6\u00f8-\u00ff\u0100-\u024f\u1e00-\u1eff]{1,15})(?=[ \u3000]?(?:さん|様|さま|氏|くん|君|ちゃん|先生|殿|委員|会長)|方(?=[\s（(、,]|$)"
    # a Japanese honorific in romaji: Mori-sensei, Tanaka-san
    r"|-(?:sensei|san|sama|kun|chan|senpai)(?![a-z]))"
    # A family name in passport capitals (LEさん, NGUYEN委員, SUPRIYADI さん); not before 様 or 殿,
    # which a company in capitals takes too (JA様).
    r"|(?<![A-Za-z])(?P<caps>[A-Z]{2,15})(?=[ \u3000]?(?:さん|氏|くん|ちゃん|先生|委員|会長))"
)
# Tried only where a match can open (its look-behinds would make sre try every character).
_SINGLE_HONORIFIC_AT: Final = Opening(_SINGLE_HONORIFIC_RE)
# A Japanese form label or role right before a Latin name: 氏名：ZHANG YUTING, 保証人：Wang Haoran, 委員 Ramesh Kumar Sharma.
_JA_LABEL_RE: Final = re.compile(
    r"(?:氏名|名前|旧氏名|新氏名|申請者|申出人|届出人|保証人|保護者|代理人|児童|生徒|委員|委員長|副委員長|会長|世帯主|代表|代表者|問い合わせ者|通称|組長|区長|班長|"
    r"対象者|利用者|相談者|通訳|担任|受取人|名義人|口座名義|患者|入居者|転入者|同居人|配偶者|請求者|"
    r"実習生|技能実習生|研修生|留学生|特定技能|相手)"
    r"(?:[ \t\u3000]*[:：][ \t\u3000]*|[ \t\u3000]+)$"
)
# Between two names of a list: Ana Paula Souza Lima、Ramesh Kumar Sharma / LE VAN THANH.
_LIST_GAP_RE: Final = re.compile(r"[ \t\u3000]*[、,][ \t\u3000]*")
# Capitals that are abbreviations, not family names, before さん, 先生, 委員 or 会長 (PTA会長, ALT先生).
_NOT_CAPS_NAMES: Final = frozenset(
    "PTA NPO NGO JA JR NHK OB OG ALT AET CW SW MSW PSW PT OT ST IT AI DX PR CM TV PC ID HP SNS AED ICT GIGA "
    "CEO CFO COO UN EU USA JICA OK NG QR".split()
    # schools, classes and groups a parent names in Portuguese or Spanish (mãe da Escola …, mamá del Grupo …)
    + "Escola Creche Turma Escuela Colegio Grupo Clase Sala Aula".split()
    # months and days no one is named (April, May and June are names too)
    + "January February March July August September October November December Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday".split()
) | SENTENCE_OPENERS
# The name line under a letter's closing: "Best regards,\nMaria Santos".
_SIGN_OFF_RE: Final = re.compile(
    r"(?:Best regards|Kind regards|Warm regards|Regards|Sincerely(?: yours)?|Yours sincerely|Yours faithfully|"
    r"Best wishes|Best|Thank you|Thanks|Respectfully|Atenciosamente|Saludos)(?:[,.!]?[ \t]*\n[ \t]*|,[ ])"
    r"(?P<name>[A-Z][A-Za-z'\-]+(?:[ ][A-Z][A-Za-z'\-]+){0,3})[ \t]*(?=\n|$|,[ ])"
)
# A signature line opened by a dash (— Kristine; — Chika Zaha, 子育て支援課).
_DASH_SIGNED_RE: Final = re.compile(
    r"(?:^|(?<=\n))[ \t]*[—―–][ \t]*(?P<name>[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2})[ \t]*(?=,|\n|$)"
)
# A letter's greeting to one person by one name (Hi Jonathan,  Dear Mr. O'Brien,).
_GREETING_RE: Final = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?:Dear|Hi|Hello|Hey)[ ]+(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?[ ]+)?"
    r"(?P<name>[A-Z]['’][A-Z][a-z]+|[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?)[ \t]*(?=,|\n|$)"
)
_ROMAJI_HONORIFIC_RE: Final = re.compile(r"-(?:sensei|san|sama|kun|chan|senpai)\Z")
_NOT_GREETED: Final = frozenset("sir madam all everyone there colleagues friends customer customers residents staff world".split())
_ITEM_BEFORE_RE: Final = re.compile(r"(?:^|\n)[ \t\u3000]*(?:[-・•*＊]|[0-9]{1,2}[.)）])[ \t\u3000]*$")
_ITEM_AFTER_RE: Final = re.compile(r"[ \t\u3000]*(?:[（(]|[—–]|-[ ]|$|\n)")
_CAPITAL_RE: Final = re.compile(f"[{_CAP}]")
_ASCII_LETTERS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ASCII_LETTER_RE: Final = re.compile("[A-Za-z]")


def latin_persons(t: str, artifacts: Artifacts, honorific_re: re.Pattern[str] | None) -> list[tuple[int, int, float]]:
    """(start, end, score) of Latin-script names in `t`, the normalised text of `artifacts`."""
    if _CAPITAL_RE.search(t) is None:
        return []
    out: list[tuple[int, int, float]] = []
    toks: Tokens | None = None
    for m in _after_offices(t, _names(t)):
        s, e = m.span("name")
        first = re.match(r"[A-Za-z]+\.?\s*", t[s:e])
        cue = False
        if first is not None and first.group().rstrip(". ") in CUE_WORDS:
            s += first.end()
            cue = " " in t[s:e].strip()  # still two words after the greeting
            if not cue:
                continue
        # 「Dear City Hall」「Dear Support Team」: a greeting to an office, not a person.
        if t[s:e].rsplit(None, 1)[-1].lower() in ORG_WORDS:
            continue
        cue = (
            cue
            or _LATIN_CUE_RE.search(t, max(0, s - 24), s) is not None
            or _READING_AFTER_RE.match(t, e) is not None
            or _JA_LABEL_RE.search(t, max(0, s - 12), s) is not None
            or (bool(out) and _LIST_GAP_RE.fullmatch(t, out[-1][1], s) is not None)
            or known_name(t[s:e].replace(",", " ").split())
            or romanised_japanese(t[s:e].replace(",", " ").split())
        )
        if not cue and (e < len(t) and t[e] in _BRACKET_OR_SPACE):
            if toks is None:
                toks = tokens(artifacts)
            cue = _country_after(t, e, toks) and _name_words(t, s, e, toks)
        cue = cue or _email_after(t, s, e) or _ROLE_OR_BIRTH_AFTER_RE.match(t, e) is not None
        # 「Maria Santos 様」: an honorific may follow after a space.
        k = e
        while k < len(t) and t[k] in " \u3000":
            k += 1
        after = honorific_re is not None and honorific_re.match(t, k) is not None
        if cue or after:
            out.append((s, e, 0.85))
            continue
        # No context: a pair counts when the dictionary knows one word as a personal name and the
        # others are names, places or unknown (John Smith, Maria Santos, Emily Clark; not Apple Music).
        if toks is None:
            toks = tokens(artifacts)
        words = list(re.finditer(r"[A-Za-z][A-Za-z'\-]*", t[s:e]))
        info = [i for w in words if (i := _token_at(toks, s + w.start())) is not None]
        if len(words) >= 2 and len(info) == len(words):
            named = any(k in NAME_KINDS and not oov for k, oov in info)
            fits = all(_nameish(k, oov) for k, oov in info)
            if named and fits:
                out.append((s, e, 0.7))
            # An item of a list, alone before a bracket, a dash or the line's end (- Putri Anggraeni（帰国予定）,
            # 3) Ni Made Ayu Lestari — …): a name when no word of it is one the dictionary knows otherwise.
            elif fits and _ITEM_BEFORE_RE.search(t, max(0, s - 8), s) and _ITEM_AFTER_RE.match(t, e):
                out.append((s, e, 0.75))
    out.extend(_single_and_signed(t))
    if "（" in t or "(" in t:
        for m in _ONE_WORD_BRACKET_RE.finditer(t):
            s, e = m.span("name")
            # One word alone (not the last word of Apple Music), not a place (Tokyo（日本）).
            if (s == 0 or t[s - 1] not in _ASCII_LETTERS) and t[s:e] not in _NOT_CAPS_NAMES and not _AFTER_WORD_RE.search(t, max(0, s - 2), s):
                if toks is None:
                    toks = tokens(artifacts)
                at = _token_at(toks, s)
                if at is not None and at[0] in PLACE_KINDS:
                    continue
                if _country_after(t, e, toks) and t[s:e].lower() not in ORG_WORDS:
                    out.append((s, e, 0.8))
    if "@" in t:
        out.extend(_named_in_address(t))
    if ", " in t:
        out.extend(_family_comma_given(t))
    return out


# A roster's Family, Given (Reyes, Andrea Mae; Costa, Enzo) as a cell of its own: the family name one the
# romanised list knows, the cell bounded by a column separator, a tab, a line's ends or a numbering.
_FAMILY_COMMA_GIVEN_RE: Final = re.compile(
    r"(?:^|(?<=[|｜\t;])|(?<=[|｜\t] )|(?<=[0-9][.)] ))(?P<name>(?P<family>[A-Z][a-z]{1,15}), [A-Z][a-z]{1,15}(?: [A-Z][a-z]{1,15}){0,2})"
    r"(?=[ ]?(?:[|｜\t;,]|$|\n|[（(]))",
    re.M,
)


def _family_comma_given(t: str) -> list[tuple[int, int, float]]:
    return [
        (*m.span("name"), 0.8)
        for m in _FAMILY_COMMA_GIVEN_RE.finditer(t)
        if known_name([m.group("family")])
        and m.group("family") not in _NOT_CAPS_NAMES
        and m.group("name").rsplit(", ", 1)[1].split(" ")[0] not in _PLACES_AFTER_COMMA
    ]


# (Lima, Peru; Santos, Brazil: a city and its country)
_PLACES_AFTER_COMMA: Final = frozenset(
    "Peru Brazil Brasil Japan Philippines Vietnam China Korea Nepal India Indonesia Spain Portugal Bolivia Paraguay "
    "Argentina Mexico Colombia Chile Ecuador Thailand Myanmar Cambodia Bangladesh Pakistan Sri Mongolia Taiwan "
    "Sao Rio Manila Cebu Hanoi Kathmandu Lima Jakarta".split()
)


# A role after a comma (Emily Watanabe, coordinator) or a birth date after a space (MATSUDA KEN 1987/12/03生).
_ROLE_OR_BIRTH_AFTER_RE: Final = re.compile(
    r",[ ](?:coordinator|interpreter|translator|staff|teacher|manager|officer|director|nurse|caseworker|volunteer|"
    r"social worker|counsel+or|supervisor|advisor|adviser|secretary|student|trainee)\b"
    r"|[ \u3000]+[0-9]{4}[/.年-][0-9]{1,2}[/.月-][0-9]{1,2}日?生"
)


# A country in brackets after a name, as rosters of residents and trainees give it: LI XIAOMEI（中国）,
# Budi（インドネシア、姓なし）, Nguyen Van An (ベトナム国籍).
_BRACKET_OR_SPACE: Final = frozenset(" \u3000（(")
_AFTER_WORD_RE: Final = re.compile(rf"[{_L}][ \u3000]$")
_BRACKET_OPEN_RE: Final = re.compile(r"[ \u3000]?[（(][ \u3000]*")
_ONE_WORD_BRACKET_RE: Final = re.compile(rf"(?P<name>[{_CAP}][a-z\u00c0-\u024f\u1e00-\u1eff]{{1,15}}|[A-Z]{{3,15}})(?=[ \u3000]?[（(])")


def _nameish(kind: int, oov: bool) -> bool:
    """A word the dictionary reads as a name, a place or a proper noun, or does not know: one a name may hold."""
    return kind in NAME_KINDS or kind in PLACE_KINDS or kind == PROPN or oov


def _name_words(t: str, s: int, e: int, toks: Tokens) -> bool:
    """Whether every word of t[s:e] is a name, a place, a proper noun or unknown to the dictionary (not Apple
    Music); a name in passport capitals (LI XIAOMEI) whatever the dictionary makes of its words."""
    if t[s:e].isupper():
        return True
    for w in re.finditer(r"[^ \t\u3000,]+", t[s:e]):
        info = _token_at(toks, s + w.start())
        # (a word the dictionary splits, Bat-Erdene, is none it knows)
        if info is not None and not _nameish(*info):
            return False
    return True


def _country_after(t: str, e: int, toks: Tokens) -> bool:
    """Whether a bracket opening at `e` starts with the name of a country (and closes or lists after it)."""
    m = _BRACKET_OPEN_RE.match(t, e)
    if m is None:
        return False
    i = bisect.bisect_left(toks.begins, m.end())
    if i >= len(toks.begins) or toks.begins[i] != m.end() or toks.kinds[i] != COUNTRY:
        return False
    end = toks.begins[i + 1] if i + 1 < len(toks.begins) else len(t)
    return end >= len(t) or t[end] in "）)、,・/籍人"


# An e-mail address on the same line whose local part spells a word of the name before it
# (Juan dela Cruz / juan.dc@example.com, Hương / huong.t@example.org).
_EMAIL_RE: Final = re.compile(r"(?P<local>[A-Za-z0-9._%+\-]+)@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_BEFORE_EMAIL_RE: Final = re.compile(
    rf"(?:^|(?<=[\n\t|｜:：]))[ \t\u3000]*(?:[-・•*＊][ \t\u3000]*|[0-9]{{1,2}}[.)）][ \t\u3000]*)?"
    rf"(?P<name>[{_CAP}][{_L}'\-]+(?:[ ](?:(?:da|de|do|dos|dela|van|von|bin|binti)[ ])?[{_CAP}][{_L}'\-]+){{0,3}})"
    r"[ \t\u3000]*(?:[/／,，、|｜:：<＜(（\-–—][ \t\u3000]*)?$"
)
_LOCAL_PART_RE: Final = re.compile(r"[._+\-]|[0-9]+")


def _fold(word: str) -> str:
    """A word lowercased and without its diacritics (Hương → huong, Đỗ → do)."""
    word = word.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()


def _spelt_in(local: str, words: list[str]) -> bool:
    parts = [p for p in _LOCAL_PART_RE.split(local.lower()) if p]
    folded = [_fold(w) for w in words]
    return any(len(w) >= 3 and any(p == w or (len(p) >= 4 and (w.startswith(p) or p.startswith(w))) for p in parts) for w in folded)


def _email_after(t: str, s: int, e: int) -> bool:
    """Whether an address spelling a word of t[s:e] follows on the same line, within a few characters."""
    # (the address must start within a few characters; it may run on well past them: dilshan.p@example.lk)
    m = _EMAIL_RE.search(t, e, min(len(t), e + 80))
    if m is None or m.start() - e > 12 or "\n" in t[e : m.start()]:
        return False
    return _spelt_in(m.group("local"), t[s:e].split())


def _named_in_address(t: str) -> list[tuple[int, int, float]]:
    """A name alone before the e-mail address that spells it, on a line of a list (one word too: Hương)."""
    out: list[tuple[int, int, float]] = []
    for m in _EMAIL_RE.finditer(t):
        lo = t.rfind("\n", 0, m.start()) + 1
        b = _BEFORE_EMAIL_RE.search(t, max(lo, m.start() - 60), m.start())
        if b is None:
            continue
        words = b.group("name").split()
        if words[-1].lower() not in ORG_WORDS and words[0] not in CUE_WORDS and _spelt_in(m.group("local"), words):
            out.append((*b.span("name"), 0.8))
    return out


# A group of people named after the word for them (Our trainees Agus, Wahyudi and Putri Lestari; 実習生のAgusとYanto).
_GROUP_RE: Final = re.compile(
    r"(?:(?<![A-Za-z])(?:trainees|interns|workers|students|children|members|kids|sons|daughters)[:,]?[ ]+"
    r"|(?:実習生|技能実習生|研修生|留学生|子ども|子供)(?:の|[:：][ \u3000]*))"
    r"(?P<list>[A-Z][a-z]{1,15}(?:[ ][A-Z][a-z]{1,15})?(?:(?:,[ ]|、|と|・|,? and )[A-Z][a-z]{1,15}(?:[ ][A-Z][a-z]{1,15})?)*)"
)
_GROUP_SPLIT_RE: Final = re.compile(r",[ ]and[ ]|,[ ]|[ ]and[ ]|、|と|・")
_GROUP_CUES: Final = (
    "trainees",
    "interns",
    "workers",
    "students",
    "children",
    "members",
    "kids",
    "sons",
    "daughters",
    "実習生",
    "研修生",
    "留学生",
    "子ども",
    "子供",
)
# Words that open a phrase, not a name, after such a word (our workers The Team, students This year).
_NOT_GROUP_NAMES: Final = frozenset(
    "The A An This These Those All Each Both Some Our Their Your My Many Several Two Three".split()
)


# A single Latin name and an age after a space (子ども2人（Joshua 8歳、Angel 5歳）).
_LATIN_AGE_RE: Final = re.compile(r"(?<![A-Za-z])(?P<name>[A-Z][a-z]{2,15})[ \u3000][0-9０-９]{1,2}歳")
_LATIN_AGE_AT: Final = Before(_LATIN_AGE_RE, ("歳",), 19)  # (a name of 16 letters, a space, two digits)


def _groups(t: str) -> list[tuple[int, int, float]]:
    out: list[tuple[int, int, float]] = []
    for m in _GROUP_RE.finditer(t):
        pos = m.start("list")
        for part in _GROUP_SPLIT_RE.split(m.group("list")):
            s = t.index(part, pos)
            first = part.split(" ")[0]
            if first not in _NOT_CAPS_NAMES and first not in _NOT_GROUP_NAMES and part.lower() not in ORG_WORDS:
                out.append((s, s + len(part), 0.8))
            pos = s + len(part)
    return out


def _single_and_signed(t: str) -> list[tuple[int, int, float]]:
    out: list[tuple[int, int, float]] = _groups(t) if any(w in t for w in _GROUP_CUES) else []
    if "歳" in t:
        out.extend((*m.span("name"), 0.8) for m in _LATIN_AGE_AT.finditer(t) if m.group("name") not in _NOT_GROUP_NAMES)
    for m in _WORD_RE.finditer(t):
        s, e = m.span("name")
        if (
            t[s:e].lower() not in ORG_WORDS
            and t[s:e] not in _NOT_CAPS_NAMES
            and _SINGLE_CUE_BEFORE_RE.search(t, max(0, s - 24), s) is not None
        ):
            out.append((s, e, 0.8))
    for rx in (_WORD_BRACKET_AT, _SINGLE_HONORIFIC_AT, _LABEL_WORD_RE):
        for m in rx.finditer(t):
            s, e = m.span("name") if m.group("name") is not None else m.span("caps")
            if t[s:e] in _NOT_CAPS_NAMES or t[s:e] in _NOT_GROUP_NAMES:
                continue
            if (s == 0 or t[s - 1] not in _ASCII_LETTERS) and t[s:e].lower() not in ORG_WORDS:
                out.append((s, e, 0.8))
                if rx is _LABEL_WORD_RE:
                    while (more := _MORE_LISTED_RE.match(t, e)) is not None and more.group("name") not in _NOT_CAPS_NAMES:
                        s, e = more.span("name")
                        out.append((s, e, 0.8))
    if "Dear" in t or "Hi" in t or "Hello" in t or "Hey" in t:
        for m in _GREETING_RE.finditer(t):
            s, e = m.span("name")
            if (h := _ROMAJI_HONORIFIC_RE.search(t, s, e)) is not None:
                e = h.start()  # (Hi Mori-sensei)
            word = t[s:e].lower()
            if word not in ORG_WORDS and word not in _NOT_GREETED:
                out.append((s, e, 0.8))
    if "—" in t or "―" in t or "–" in t:
        for m in _DASH_SIGNED_RE.finditer(t):
            words = m.group("name").split()
            if words[-1].lower() not in ORG_WORDS and words[0] not in _NOT_CAPS_NAMES:
                out.append((*m.span("name"), 0.8))
    for m in _SIGN_OFF_RE.finditer(t):
        s, e = m.span("name")
        if t[s:e].rsplit(None, 1)[-1].lower() not in ORG_WORDS:
            out.append((s, e, 0.8))
    return out


def _names(t: str) -> list[re.Match[str]]:
    """_LATIN_RE's matches that do not start inside a Latin word."""
    return list(matches_not_after(_LATIN_RE, t, _ASCII_LETTER_RE))


def _after_offices(t: str, matches: list[re.Match[str]]) -> list[re.Match[str]]:
    """The matches, each read again from the word after an office's word inside it (Fire Prevention
    Division Kenji Sakakibara), or dropped where no name follows that word."""
    out = []
    for m in matches:
        inner = list(_WORD_IN_RE.finditer(m.group("name")))[:-1]
        cut = max((w.end() for w in inner if w.group().lower() in ORG_WORDS), default=0)
        if not cut:
            out.append(m)
        elif (again := _LATIN_RE.match(t, _skip_spaces(t, m.start("name") + cut))) is not None:
            out.append(again)
    return out


_WORD_IN_RE: Final = re.compile(r"[^ \t\u3000]+")


def _skip_spaces(t: str, i: int) -> int:
    while i < len(t) and t[i] in " \t\u3000":
        i += 1
    return i


def _token_at(toks: Tokens, begin: int) -> tuple[int, bool] | None:
    """(kind, oov) of the token starting exactly at `begin`, if one does."""
    i = bisect.bisect_left(toks.begins, begin)
    if i < len(toks.begins) and toks.begins[i] == begin:
        return toks.kinds[i], toks.oov[i]
    return None
