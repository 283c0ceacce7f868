"""What the attribution stage reads in the text: reporting cues, quote marks, and the names
next to them resolved to entities. ``attributions`` builds the rows and chains from these.

Names: a PER mention in the phrase naming the speaker (ORG first for outlets), else a mention
covering the whole phrase, else the phrase trimmed of function words and cut before a
preposition (``Polisi dalam suatu pernyataan`` → ``Polisi``), which is still an entity id when
a mention elsewhere has that very text (a footer's ``Aljazeera``). A pronoun (``dia``, ``ia``,
``beliau``, ``he``, ``she``) or a ``-nya`` cue (``ujarnya``, ``menurutnya``) is the speaker of
a row in this or the previous sentence, else the first person named outside quote marks in
the nearest of the five sentences before (coreference-lite).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from . import lexicon
from .lexicon import alternation
from .types import Mention, Span

_SAY = (
    rf"(?i:{alternation(lexicon.SAY_VERBS_ID)})|{alternation(lexicon.SAY_VERBS_EN)}"
    r"|(?:as\s+)?saying"
)
# Verbs that also take a plain object (`menyampaikan surat`): a statement only before `,`,
# `:`, `bahwa` or a quote.
WEAK_VERBS = lexicon.WEAK_SAY_VERBS
_SHORT = alternation(  # inverted: `“…,” kata Budi.`, `…, ujarnya.`
    lexicon.INVERTED_SAY_VERBS_ID
    | lexicon.INVERTED_REPORT_VERBS_ID
    | lexicon.INVERTED_SAY_VERBS_NYA
)
_PASSIVE_REPORT = rf"(?:{alternation(lexicon.PASSIVE_REPORT_VERBS_ID)})"
# Every cue starts with a letter: `(?=\w)` spares the branches the ends of words `\b` also meets.
_CUES = re.compile(
    r"\b(?=\w)(?:"
    rf"(?P<report_p>(?i:(?:seperti|sebagaimana|demikian)\s+{_PASSIVE_REPORT}(?:\s+oleh)?"
    rf"|{_PASSIVE_REPORT}\s+oleh)|(?:as\s+)?reported\s+by)"
    r"|(?P<relay_p>(?i:(?:(?:seperti|sebagaimana)\s+)?(?:di)?lansir(?:kan)?(?:\s+(?:dari|oleh))?"
    r"|(?:seperti|sebagaimana|demikian)\s+dikutip(?:\s+(?:dari|oleh))?|dikutip\s+(?:dari|oleh))"
    r"|(?:was|were|is|are|been)\s+(?:quoted|cited)(?:\s+by)?|(?:as\s+)?quoted\s+by)"
    r"|(?P<according>(?i:menurut(?:nya)?|according\s+to))"
    r"|(?P<relay_a>(?i:mengutip|melansir)|quoted|cited)"
    rf"|(?P<report>(?i:{alternation(lexicon.REPORT_VERBS_ID)})|{alternation(lexicon.REPORT_VERBS_EN)})"
    rf"|(?P<say>{_SAY})|(?P<short>(?i:{_SHORT}))"
    r")\b"
)
_AUX_BEFORE = re.compile(r"\b(?:was|were|is|are|be|been|being|the|a|an)\s+$")
# `untuk menegaskan`, `yang mengatakan`, `akan mengatakan`: no one has said it here.
_NOT_SAID_BEFORE = re.compile(
    rf"\b(?i:{alternation(lexicon.NOT_SAID_BEFORE_ID | lexicon.NOT_SAID_BEFORE_EN)})\s+$"
)
_QUOTES = re.compile(r"“[^“”\n]*(?:”|$)|„[^„“”\n]*[“”]|«[^«»\n]*(?:»|$)|\"[^\"\n]*\"|‘[^‘’\n]*’")
# Where a name after a cue stops: punctuation, a quote, or a word that starts an adjunct.
_NAME_END = re.compile(
    r"[,;:!?()\[\]“”\"«»‘]|\.(?=\s|$)"
    rf"|\s(?i:{alternation(lexicon.NAME_END_WORDS_ID | lexicon.NAME_END_WORDS_EN)})\b"
)
_PREPOSITION = re.compile(
    rf"\s(?i:{alternation(lexicon.SETTING_PREPOSITIONS_ID | lexicon.SETTING_PREPOSITIONS_EN)})\s"
)
_FROM_BY = re.compile(r"\s*(?i:(?:dari|oleh|from|by)\s+)?")
_RECIPIENT = re.compile(r"\s+(?i:kepada|to)\s+")
_TOLD_WHOM = re.compile(r"\s+((?:(?:a|an|the)\s+[\w-]+(?:\s+[\w-]+)?)|[\w-]+)")
NAME_TAIL = re.compile(
    rf"(?:\s+(?i:{alternation(lexicon.NAME_TAIL_WORDS_ID | lexicon.NAME_TAIL_WORDS_EN)})"
    r"|\s*\([^()\n]{1,40}\))*"
)
# A comma piece opening with one of these is an aside, not the one who speaks.
_ASIDE = re.compile(rf"(?i:{alternation(lexicon.ASIDE_OPENERS_ID | lexicon.ASIDE_OPENERS_EN)})\b")
_CLAUSE_BREAK = re.compile(
    rf".*\b(?i:{alternation(lexicon.CLAUSE_OPENERS_ID | lexicon.CLAUSE_OPENERS_EN)})\s+"
)
_MAX_SUBJECT_WORDS = 10
# `berjanji untuk …`, `menyerukan …`: a piece led by a verb is no one's name.
_VERB = re.compile(r"(?:ber|me|di)[a-z]{4,}\b")
_WINDOW = 300  # characters a name or subject is looked for in, next to its cue
_RELATIVE_END = re.compile(
    rf"\b(?i:{alternation(lexicon.RELATIVE_PRONOUNS_ID | lexicon.RELATIVE_PRONOUNS_EN)})$"
)
_EDGE_WORDS = lexicon.EDGE_WORDS_ID | lexicon.EDGE_WORDS_EN
_LEADING_WORDS = _EDGE_WORDS | {"itu"}  # `Sementara itu, …`; `… sesederhana itu` keeps it
_PRONOUNS = lexicon.SPEAKER_PRONOUNS
_NO_ONE = lexicon.NON_SPEAKER_PRONOUNS
SPEECH_LABELS = ("PER", "ORG")
MEDIA_LABELS = ("ORG", "PER")
_MAX_NAME_WORDS = 8


@dataclass(frozen=True, slots=True)
class Quote:
    start: int
    end: int
    inner: Span
    single: bool


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    cls: str
    word: str


@dataclass(slots=True)
class Doc:
    text: str
    mentions: list[Mention]
    mention_starts: list[int]
    sentences: list[Span]
    sentence_starts: list[int]
    quotes: list[Quote] = field(default_factory=list)
    quote_starts: list[int] = field(default_factory=list)
    used_quotes: set[int] = field(default_factory=set)  # starts of quotes a cue claimed
    by_surface: dict[str, str] = field(default_factory=dict)  # lowercased mention -> entity
    last_speaker: tuple[str, int] | None = None  # (speaker, sentence index)


# --- cues --------------------------------------------------------------------------------------


def find_cues(doc: Doc, sentence: Span) -> list[Cue]:
    cues = []
    for match in _CUES.finditer(doc.text, sentence.start, sentence.end):
        cue = Cue(match.start(), match.end(), match.lastgroup or "", match.group())
        if _is_cue(doc, cue, sentence):
            cues.append(cue)
    return cues


def _is_cue(doc: Doc, cue: Cue, sentence: Span) -> bool:
    if quote_at(doc, cue.start) or mentions_in(doc, cue.start, cue.end):
        return False  # words inside a quote are the quote's; `Said Aqil` is a name
    before = doc.text[max(sentence.start, cue.start - _WINDOW) : cue.start]
    if cue.cls in ("say", "report") and _NOT_SAID_BEFORE.search(before[-10:]):
        return False
    if cue.cls in ("report", "say", "relay_a") and cue.word[0] not in "mbMB":  # English
        return not _AUX_BEFORE.search(before[-12:])  # `were reported killed`
    if cue.cls == "short":
        return before.rstrip()[-1:] in tuple(',”"’»')
    return True


# --- quotes ------------------------------------------------------------------------------------


def find_quotes(doc: Doc, start: int, end: int) -> list[Quote]:
    quotes = []
    for match in _QUOTES.finditer(doc.text, start, end):
        closed = len(match.group()) > 1 and match.group()[-1] in '”“»"’'
        inner = Span(match.start() + 1, match.end() - 1 if closed else match.end())
        if not trim(doc.text, inner.start, inner.end, ",.!?"):
            continue  # `“”`: marks with nothing said
        quotes.append(Quote(match.start(), match.end(), inner, match.group()[0] == "‘"))
    return quotes


def quote_at(doc: Doc, pos: int) -> Quote | None:
    i = bisect_right(doc.quote_starts, pos) - 1
    if i >= 0 and doc.quotes[i].start <= pos < doc.quotes[i].end:
        return doc.quotes[i]
    return None


def after_quote(doc: Doc, left: int, pos: int) -> int:
    """A clause never starts inside a quote that closes before the cue."""
    i = bisect_left(doc.quote_starts, pos) - 1
    while i >= 0 and doc.quotes[i].end > left:
        if doc.quotes[i].end <= pos:
            return doc.quotes[i].end
        i -= 1
    return left


def quote_touching(doc: Doc, left: int, pos: int) -> Quote | None:
    """The quote just before a cue: `“…,” kata Budi`, `“…,” Budi menambahkan`."""
    i = bisect_left(doc.quote_starts, pos) - 1
    quote = doc.quotes[i] if i >= 0 else None
    if quote is None or not left <= quote.end <= pos or quote.start in doc.used_quotes:
        return None
    return None if doc.text[quote.end : pos].strip(" ,") else quote


def quote_opening(doc: Doc, pos: int) -> Quote | None:
    quote = quote_at(doc, pos)
    return quote if quote and quote.start == pos and quote.start not in doc.used_quotes else None


def quote_words(doc: Doc, quote: Quote) -> Span:
    return trim(doc.text, quote.inner.start, quote.inner.end, ",") or quote.inner


def sentence_of(doc: Doc, pos: int) -> int:
    return bisect_right(doc.sentence_starts, pos) - 1


# --- names -------------------------------------------------------------------------------------


def find_subject(doc: Doc, left: int, pos: int) -> Span | None:
    """The phrase before a verb naming who speaks: the last comma piece that is no aside."""
    left = max(left, pos - _WINDOW)  # a run-on sentence must not make this quadratic
    cuts = [left + m.start() for m in re.finditer(r"[,;]", doc.text[left:pos])]
    bounds = zip([left] + [c + 1 for c in cuts], [*cuts, pos], strict=True)
    pieces = [trim_words(doc.text, start, end) for start, end in bounds]
    for i in reversed(range(len(pieces))):
        span = pieces[i]
        if span is None or _ASIDE.match(doc.text, span.start) or _VERB.match(doc.text, span.start):
            continue
        if _RELATIVE_END.search(doc.text, span.start, span.end):
            return None  # `dia yang mengungkapkan`: a relative clause, no attribution
        unnamed = entity_in(doc, span.start, span.end, SPEECH_LABELS) is None
        if unnamed and i and pieces[i - 1] and _is_name(doc, pieces[i - 1]):
            return pieces[i - 1]  # `Budi, juru bicara polisi, mengatakan`: the name, not the title
        return _subject_tail(doc, span)
    return None


def _is_name(doc: Doc, span: Span) -> bool:
    """Whether a person or organisation mention is the whole phrase."""
    found = mentions_in(doc, span.start, span.end)
    return any(
        m.start <= span.start and span.end <= m.end for m in found if label_of(m) in SPEECH_LABELS
    )


def _subject_tail(doc: Doc, span: Span) -> Span | None:
    """The end of a long phrase, after its last clause break: names come right before verbs."""
    clause_break = _CLAUSE_BREAK.match(doc.text, span.start, span.end)
    start = clause_break.end() if clause_break else span.start
    words = [m.start() for m in re.finditer(r"\S+", doc.text[start : span.end])]
    if len(words) > _MAX_SUBJECT_WORDS:
        start += words[-_MAX_SUBJECT_WORDS]
    for mention in mentions_in(doc, start, start + 1):
        start = min(start, mention.start)
    return Span(start, span.end) if start < span.end else None


def find_name_after(doc: Doc, pos: int, limit: int) -> Span | None:
    start = _FROM_BY.match(doc.text, pos, max(pos, limit)).end()
    limit = min(limit, start + _WINDOW)
    stop = _NAME_END.search(doc.text, start, max(start, limit))
    end = stop.start() if stop else limit
    for mention in mentions_in(doc, start, end):
        end = max(end, mention.end)  # `Dr. Budi`: a name runs past the stop
    end = _apposition_end(doc, start, end)
    span = trim_words(doc.text, start, end)
    first = doc.text[span.start : span.end].split(maxsplit=1)[:1] if span else []
    if first and first[0].lower() in _NO_ONE:  # `menurut saya adalah …`: the writer, no source
        return None
    if span and len(doc.text[span.start : span.end].split()) > _MAX_NAME_WORDS:
        # `Ketua DPP Bidang … PDIP Djarot Saiful Hidayat di …`: up to the person, if named
        named = sorted(mentions_in(doc, span.start, span.end), key=_person_first)
        return Span(span.start, named[0].end) if named else None
    return span


def _person_first(mention: Mention) -> tuple[bool, int]:
    return label_of(mention) != "PER", mention.start


def _apposition_end(doc: Doc, start: int, end: int) -> int:
    """`kantor berita Malaysia, Bernama, Senin`, `Kepala Humas Telkom, Rochiman Sukarno`."""
    named = mentions_in(doc, end + 2, end + 3) if doc.text.startswith(", ", end) else []
    if not named or named[0].start != end + 2:
        return end
    if label_of(named[0]) == "PER" and not entity_in(doc, start, end, ("PER",)):
        return named[0].end
    closes = doc.text[named[0].end : named[0].end + 1] in ("", ",", ".", "\n")
    return named[0].end if closes and label_of(named[0]) == "ORG" else end


def skip_recipient(doc: Doc, cue: Cue, pos: int, limit: int) -> tuple[int, str | None]:
    """`mengatakan kepada Reuters`, `told Reuters`: an outlet spoken to is the via."""
    match = _RECIPIENT.match(doc.text, pos, max(pos, limit))
    if match:
        name = find_name_after(doc, match.end(), limit)
    elif cue.word.lower() in ("told", "tells"):
        name = _told_whom(doc, pos, limit)
    else:
        return pos, None
    if name is None:
        return pos, None
    return name.end, entity_in(doc, name.start, name.end, ("ORG",))


def _told_whom(doc: Doc, pos: int, limit: int) -> Span | None:
    """`told Reuters`, `told reporters`, `told a news conference`: one short phrase."""
    named = mentions_in(doc, pos + 1, pos + 2)
    if named and named[0].start == pos + 1:
        return Span(named[0].start, named[0].end)
    words = _TOLD_WHOM.match(doc.text, pos, max(pos, limit))
    return Span(words.start(1), words.end(1)) if words else None


def resolve_name(doc: Doc, span: Span, labels: tuple[str, ...], index: int) -> str | None:
    entity = entity_in(doc, span.start, span.end, labels)
    if entity:
        return entity
    for mention in mentions_in(doc, span.start, span.end):
        if mention.start <= span.start and mention.end >= span.end:
            return mention.entity
    words = doc.text[span.start : span.end]
    if words.lower() in _PRONOUNS:
        return resolve_pronoun(doc, index)
    cut = _PREPOSITION.search(words)
    words = words[: cut.start()] if cut else words
    if words.lower() in _NO_ONE or len(words.split()) > _MAX_NAME_WORDS:
        return None
    return doc.by_surface.get(words.lower(), words)


def resolve_pronoun(doc: Doc, index: int) -> str | None:
    if doc.last_speaker and doc.last_speaker[1] >= index - 1:
        return doc.last_speaker[0]
    for earlier in reversed(doc.sentences[max(0, index - 5) : index]):
        for mention in mentions_in(doc, earlier.start, earlier.end):
            if label_of(mention) == "PER" and not quote_at(doc, mention.start):
                return mention.entity
    return None


def resolve_outlet(doc: Doc, span: Span) -> str:
    """The entity of an outlet's name, also when only another mention of it was found."""
    name = _surface(doc, span)
    entity = entity_in(doc, span.start, span.end, MEDIA_LABELS)
    return entity or doc.by_surface.get(name.lower()) or name


def entity_in(doc: Doc, start: int, end: int, labels: tuple[str, ...]) -> str | None:
    found = mentions_in(doc, start, end)
    for label in labels:
        for mention in found:
            if label_of(mention) == label:
                return mention.entity
    return None


def mentions_in(doc: Doc, start: int, end: int) -> list[Mention]:
    i = max(0, bisect_left(doc.mention_starts, start) - 1)  # mentions never overlap
    found = []
    while i < len(doc.mentions) and doc.mentions[i].start < end:
        if doc.mentions[i].end > start:
            found.append(doc.mentions[i])
        i += 1
    return found


def label_of(mention: Mention) -> str:
    return mention.label.upper()[:3]


def _surface(doc: Doc, span: Span) -> str:
    return doc.text[span.start : span.end]


# --- spans -------------------------------------------------------------------------------------


def trim(text: str, start: int, end: int, punctuation: str = "") -> Span | None:
    """``text[start:end]`` without edge space (any Unicode space), leading separators and
    ``punctuation``."""
    while start < end and (text[start].isspace() or text[start] in ",:;" + punctuation):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in punctuation):
        end -= 1
    return Span(start, end) if end > start else None


def trim_words(text: str, start: int, end: int) -> Span | None:
    """A phrase without its edge punctuation and function words (`Sementara itu`, `juga`)."""
    span = trim(text, start, end, ',.:;“”"«»‘’')
    while span:
        words = list(re.finditer(r"\S+", text[span.start : span.end]))
        if words[0].group().lower() in _LEADING_WORDS:
            span = trim(text, span.start + words[0].end(), span.end, ",")
        elif words[-1].group().lower() in _EDGE_WORDS:
            span = trim(text, span.start, span.start + words[-1].start(), ",")
        else:
            return span
    return None
