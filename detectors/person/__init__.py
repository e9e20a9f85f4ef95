"""PERSON: names in Japanese, Latin, katakana, Hangul and Chinese script, from morphology, context
words, form layouts, name lists and the name lexicon, then the names mentioned alone later on.

Modules: `chars` and `words` hold the character classes and word lists every stage shares; `cues`
and `filters` the evidence for and vetoes against a candidate; `detector` (the morphology pass),
`context`, `forms`, `minutes`, `lists`, `latin`, `cjk` and `lexicon` find full names; `called` a word
called by name or given a title, `relatives` a given name after a relative or an introduction,
`signature` the name a message is signed with; `echo` (one pass, after every detector) the same people
mentioned alone, with `siblings` (family names listed beside a name found), `rows` (the same place of
sibling lines and table columns) and `covered` (its overlap check).
"""
