"""PERSON: names in Japanese, Latin, katakana, Hangul and Chinese script, from morphology, context
words, form layouts, name lists and the name lexicon, then the names mentioned alone later on.

Modules: `chars` and `words` hold the character classes and word lists every stage shares; `cues`
and `filters` the evidence for and vetoes against a candidate; `detector` (the morphology pass),
`context`, `forms`, `minutes`, `lists`, `latin`, `cjk` and `lexicon` find full names; `mentions`
and `echo` the same people mentioned by family or given name alone.
"""
