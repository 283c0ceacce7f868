"""Attributions: who said what, and through whom.

Reporting cues are read in story sentences (Indonesian first, English too); two more come from
the article as a whole: the outlet in the dateline and ``Sumber:`` footers.

The chain model (the app draws source trails from it):

* One row per hop the text names, tied to one cue span: the verb or phrase (``mengatakan``,
  ``kata``, ``menurut``, ``lansir``, ``seperti dikutip dari``), the footer's label (``Sumber:``;
  a footer naming several outlets gives one row each, the later ones cued by their name), the
  outlet in the dateline, or the quote itself when a quote has no verb. Cue spans never
  overlap; rows come in text order.
* ``source``: where the content comes from at that hop, an entity id when a mention names it,
  else a plain descriptor (``TV rezim Suriah``): whoever speaks for a statement, the reporting
  outlet for ``reported_by``, the outlet the sentence was taken from for ``relayed_from``, the
  outlet named for ``source_footer`` and ``publisher``.
* ``speaker``: only on ``quote`` and ``according_to`` rows, whose words they are (the same value
  as ``source``); None on every other kind.
* ``via``: the next hop towards this article named in the same sentence. An intermediary inside
  the speaker's clause is only a ``via``, with no row of its own, so no hop is listed twice:
  ``Novosti, mengutip Putin mengatakan bahwa “…”`` is one ``quote`` (speaker Putin, via
  Novosti), and so are ``X, seperti dilansir Reuters, mengatakan`` and ``X told Reuters`` (via
  Reuters). A relay clause of its own (``…, lansir Aljazeera.``, ``Dilansir AFP, …``) gets its
  own ``relayed_from`` row, whose content is the rest of the sentence, and is the ``via`` of the
  sentence's other rows that have none.
* ``content``: the words inside the marks for a quote; the reported clause (after ``bahwa`` or
  ``that``, before a trailing relay clause) for a statement, or the clause before an inverted
  cue (``…, kata X.``), or the whole sentence around a cue in its middle; the rest of the
  sentence for a relay. ``publisher`` and ``source_footer`` rows have None: the whole article.
* A row's trail is ``source`` → ``via`` → the source of every other row whose content holds
  this row's cue, innermost first → the ``source_footer`` sources → the ``publisher``, repeats
  dropped. The seed's quote: Putin → Novosti → Aljazeera → SALAM-ONLINE; its report: TV rezim
  Suriah → Aljazeera → SALAM-ONLINE.

Kinds: speech in quote marks is ``quote``; indirect speech (``X mengatakan bahwa``, ``…, kata
X``, ``menurut X``, ``X said``) is ``according_to``; ``melaporkan``, ``reported`` and ``seperti
diberitakan X`` are ``reported_by``; ``lansir``, ``dikutip dari`` and a subjectless ``mengutip
X`` are ``relayed_from``. ``Seperti diberitakan X, …`` and a closing ``…, according to X.``
after another cue are relay clauses too (they fill ``via``) but keep their own kind. Footers
are ``Sumber:``/``Source:`` and ``Artikel ini telah tayang di …`` lines of ``source_footer``
segments. Story sentences are read from after the dateline, so it is never a claim.

Names: a PER mention in the phrase naming the speaker (ORG first for outlets), else a mention
covering the whole phrase, else the phrase trimmed of function words and cut before a
preposition (``Polisi dalam suatu pernyataan`` → ``Polisi``), which is still an entity id when
a mention elsewhere has that very text (a footer's ``Aljazeera``). A pronoun (``dia``, ``ia``,
``beliau``, ``he``, ``she``) or a ``-nya`` cue (``ujarnya``, ``menurutnya``) is the speaker of
a row in this or the previous sentence, else the first person named outside quote marks in
the nearest of the five sentences before (coreference-lite).

Quotes in “…”, "…", «…», „…“ and ‘…’ are paired per paragraph and may span sentences. A quote
no cue claims is kept only when it opens its sentence, or has five words or more and ends in
punctuation (``‘teroris’`` and ``“de-eskalasi”`` are scare quotes, ``film “…”`` a title;
single-mark quotes never stand alone). It gets the
speaker of the paragraph's last quote, or, opening a paragraph, the speaker of the previous
paragraph's last sentence, else None.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .spans import pick_non_overlapping
from .types import Attribution, Mention, Metadata, Segment, Span


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SAY = (
    "(?i:mengatakan|berkata|menyatakan|menegaskan|menjelaskan|mengungkapkan|mengungkap|"
    "menyebutkan|menuturkan|menambahkan|menerangkan|memaparkan|menyampaikan|mengklaim|"
    "menekankan|membeberkan|menandaskan|mengingatkan|berujar|bertutur)|"
    r"said|says|say|told|tells|stated|added|explained|warned|claimed|insisted|stressed|"
    r"(?:as\s+)?saying"
)
# Verbs that also take a plain object (`menyampaikan surat`): a statement only before `,`,
# `:`, `bahwa` or a quote.
_WEAK = _words(
    "menyatakan mengungkapkan mengungkap menyebutkan menerangkan memaparkan menyampaikan "
    "membeberkan"
)
_SHORT = (  # inverted: `“…,” kata Budi.`, `…, ujarnya.`
    r"(?:kata|ujar|tutur|jelas|ungkap|tegas|tambah|imbuh|lanjut|terang|papar|sebut|ucap|"
    r"tandas|pungkas|kilah|beber|tulis|seru|tukas|urai|timpal|sambung|jawab|lapor)(?:nya)?|"
    r"akunya"
)
_PASSIVE_REPORT = r"(?:dilaporkan|diberitakan|diwartakan)"
_CUES = re.compile(
    r"\b(?:"
    rf"(?P<report_p>(?i:(?:seperti|sebagaimana|demikian)\s+{_PASSIVE_REPORT}(?:\s+oleh)?"
    rf"|{_PASSIVE_REPORT}\s+oleh)|(?:as\s+)?reported\s+by)"
    r"|(?P<relay_p>(?i:(?:(?:seperti|sebagaimana)\s+)?(?:di)?lansir(?:kan)?(?:\s+(?:dari|oleh))?"
    r"|(?:seperti|sebagaimana|demikian)\s+dikutip(?:\s+(?:dari|oleh))?|dikutip\s+(?:dari|oleh))"
    r"|(?:was|were|is|are|been)\s+(?:quoted|cited)(?:\s+by)?|(?:as\s+)?quoted\s+by)"
    r"|(?P<according>(?i:menurut(?:nya)?|according\s+to))"
    r"|(?P<relay_a>(?i:mengutip|melansir)|quoted|cited)"
    r"|(?P<report>(?i:melaporkan|memberitakan|mewartakan)|reported|reports)"
    rf"|(?P<say>{_SAY})|(?P<short>(?i:{_SHORT}))"
    r")\b"
)
_RELAYS = ("relay_p", "report_p", "relay_a")
_QUOTES = re.compile(r"“[^“”\n]*(?:”|$)|„[^„“”\n]*[“”]|«[^«»\n]*(?:»|$)|\"[^\"\n]*\"|‘[^‘’\n]*’")
# Where a name after a cue stops: punctuation, a quote, or a word that starts an adjunct.
_NAME_END = re.compile(
    r"[,;:!?()\[\]“”\"«»‘]|\.(?=\s|$)|\s(?i:kepada|di|dalam|pada|saat|ketika|seperti|usai|"
    r"setelah|sebelum|melalui|lewat|via|bahwa|yang|to|in|on|at|during|when|after|before|"
    r"while|that|as|who|which|from|for|about|last|this|earlier)\b"
)
_PREPOSITION = re.compile(r"\s(?i:dalam|di|pada|saat|ketika|melalui|in|at|on|during)\s")
_FROM_BY = re.compile(r"\s*(?i:(?:dari|oleh|from|by)\s+)?")
_LEAD_IN = re.compile(r"[\s,:]*(?:(?:[^\s,.:“\"]+\s+){0,4}?(?i:bahwa|that)\b)?[\s,:]*")
_MARKED = re.compile(r"[,:]|(?i:bahwa|that)")
_RECIPIENT = re.compile(r"\s+(?i:kepada|to)\s+")
_TOLD_WHOM = re.compile(r"\s+((?:(?:a|an|the)\s+[\w-]+(?:\s+[\w-]+)?)|[\w-]+)")
# `…, the television said, citing a statement`: what follows the verb is no statement.
_PARTICIPLE = re.compile(r"(?i:citing|adding|saying|noting|referring|sambil|seraya)\b")
_AUX_BEFORE = re.compile(r"\b(?:was|were|is|are|be|been|being|the|a|an)\s+$")
# `untuk menegaskan`, `yang mengatakan`, `akan mengatakan`: no one has said it here.
_NOT_SAID_BEFORE = re.compile(
    r"\b(?i:untuk|yang|akan|ingin|mau|hendak|bisa|dapat|harus|perlu|agar|guna|tidak|belum|"
    r"enggan|to|will|would|could|may|might|not|who|which)\s+$"
)
_NAME_TAIL = re.compile(r"(?:\s+(?i:lagi|pula|juga|pun|again|also)|\s*\([^()\n]{1,40}\))*")
# A comma piece opening with one of these is an aside, not the one who speaks.
_ASIDE = re.compile(
    r"(?i:yang|ketika|saat|setelah|sebelum|sejak|karena|sambil|usai|selaku|sebagai|berdasarkan|"
    r"dalam|di|pada|dari|untuk|kepada|who|which|when|while|after|before|since|because|as|in|"
    r"at|on|from|for)\b"
)
_CLAUSE_BREAK = re.compile(
    r".*\b(?i:kalau|jika|bila|apabila|karena|ketika|saat|sehingga|agar|bahwa|if|because|when|"
    r"while|whereas|although)\s+"
)
_MAX_SUBJECT_WORDS = 10
# `berjanji untuk …`, `menyerukan …`: a piece led by a verb is no one's name.
_VERB = re.compile(r"(?:ber|me|di)[a-z]{4,}\b")
_WINDOW = 300  # characters a name or subject is looked for in, next to its cue
_RELATIVE_END = re.compile(r"\b(?i:yang|who|which|that)$")
_EDGE_WORDS = _words(
    """sementara namun tetapi tapi dan pun juga lalu kemudian adapun bahkan sedangkan telah
    sudah sebelumnya pula lagi the a an but and also has had have was were then meanwhile
    however again later"""
)
_LEADING_WORDS = _EDGE_WORDS | {"itu"}  # `Sementara itu, …`; `… sesederhana itu` keeps it
_PRONOUNS = _words("dia ia beliau he she")
_NO_ONE = _words("mereka kami kita saya aku semuanya they we i it all")
_SPEECH_LABELS = ("PER", "ORG")
_MEDIA_LABELS = ("ORG", "PER")
_MAX_NAME_WORDS = 8
_MIN_LONE_QUOTE_WORDS = 5
_MAX_TOPIC_WORDS = 6  # `Sebab, kata Ganjar, …`: a cue in mid-sentence follows a short topic
_FOOTER = re.compile(
    r"\(?\s*(?P<label>(?i:sumber|sources?)\s*:|(?i:artikel\s+ini\s+(?:telah\s+)?"
    r"(?:tayang|terbit|dimuat)\s+di))\s*"
)
_FOOTER_SPLIT = re.compile(r"\s*(?:[,;&|]|\s/\s|(?<=\w)/(?=\w)|\b(?i:dan|and)\b)\s*")
_FOOTER_STOP = re.compile(r"\s(?i:dengan\s+judul|with\s+the\s+title)\b|[()“\"]")

Chain = tuple[str | None, str | None]  # (speaker, via) a relay hands on to its verb


@dataclass(frozen=True, slots=True)
class _Quote:
    start: int
    end: int
    inner: Span
    single: bool


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    cls: str
    word: str


@dataclass(slots=True)
class _Row:
    start: int
    end: int
    kind: str
    source: str | None
    speaker: str | None = None
    via: str | None = None
    content: Span | None = None
    relay: bool = False  # a relay clause of its own: its source is the via of its sentence


@dataclass(slots=True)
class _Doc:
    text: str
    mentions: list[Mention]
    mention_starts: list[int]
    sentences: list[Span]
    sentence_starts: list[int]
    quotes: list[_Quote] = field(default_factory=list)
    quote_starts: list[int] = field(default_factory=list)
    used_quotes: set[int] = field(default_factory=set)  # starts of quotes a cue claimed
    by_surface: dict[str, str] = field(default_factory=dict)  # lowercased mention -> entity
    last_speaker: tuple[str, int] | None = None  # (speaker, sentence index)


@dataclass(slots=True)
class _Clause:
    """Reading state in one sentence: where the next cue's clause may begin."""

    index: int
    span: Span
    left: int


def find_attributions(
    text: str,
    segments: list[Segment],
    sentences: list[Span],
    mentions: list[Mention],
    metadata: Metadata,
) -> list[Attribution]:
    mentions = sorted(mentions, key=_start)
    sentences = _after_dateline(text, sorted(sentences, key=_start), metadata)
    doc = _Doc(text, mentions, [m.start for m in mentions], sentences, [s.start for s in sentences])
    doc.by_surface = {m.text.lower(): m.entity for m in reversed(mentions)}
    whole = _publisher_rows(doc, metadata) + _footer_rows(doc, segments)
    rows: list[_Row] = []
    for paragraph in _paragraphs(doc):
        rows += _read_paragraph(doc, paragraph)
    # The article-level rows win a clash with a sentence cue (a dateline inside a paragraph).
    firsts = {id(row) for row in whole}
    kept = pick_non_overlapping(whole + rows, lambda r: (id(r) not in firsts, r.start))
    return [_as_attribution(row) for row in kept]


def _start(span: Span | Mention) -> int:
    return span.start


def _after_dateline(text: str, sentences: list[Span], metadata: Metadata) -> list[Span]:
    """A lead sentence starts after its dateline: `JAKARTA (ANTARA) - Harga naik` is no claim."""
    dateline = metadata.dateline
    if dateline is None:
        return sentences
    clipped = []
    for sentence in sentences:
        if sentence.start < dateline.end:
            rest = text[dateline.end : sentence.end].lstrip(" -–—:\n")
            sentence = Span(sentence.end - len(rest), sentence.end)
        if sentence.end > sentence.start:
            clipped.append(sentence)
    return clipped


def _as_attribution(row: _Row) -> Attribution:
    return Attribution(row.start, row.end, row.kind, row.source, row.speaker, row.via, row.content)


# --- article-level rows ------------------------------------------------------------------------


def _publisher_rows(doc: _Doc, metadata: Metadata) -> list[_Row]:
    dateline = metadata.dateline
    if dateline is None or not dateline.outlet or dateline.outlet_span is None:
        return []
    span = dateline.outlet_span
    return [_Row(span.start, span.end, "publisher", _outlet(doc, span))]


def _footer_rows(doc: _Doc, segments: list[Segment]) -> list[_Row]:
    rows: list[_Row] = []
    for segment in segments:
        label = _FOOTER.match(doc.text, segment.start, segment.end)
        if segment.type != "source_footer" or not label:
            continue
        stop = _FOOTER_STOP.search(doc.text, label.end(), segment.end)
        names = _footer_names(doc.text, label.end(), stop.start() if stop else segment.end)
        for i, name in enumerate(names):
            cue = Span(*label.span("label")) if i == 0 else name
            rows.append(_Row(cue.start, cue.end, "source_footer", _outlet(doc, name)))
    return rows


def _outlet(doc: _Doc, span: Span) -> str:
    """The entity of an outlet's name, also when only another mention of it was found."""
    name = _surface(doc, span)
    entity = _entity_in(doc, span.start, span.end, _MEDIA_LABELS)
    return entity or doc.by_surface.get(name.lower()) or name


def _footer_names(text: str, start: int, end: int) -> list[Span]:
    if re.search(r"://|www\.", text[start:end]):
        return [n for n in [_trim(text, start, end, ".")] if n]
    names, begin = [], start
    for sep in _FOOTER_SPLIT.finditer(text, start, end):
        names.append(_trim(text, begin, sep.start(), "."))
        begin = sep.end()
    names.append(_trim(text, begin, end, "."))
    return [n for n in names if n]


# --- paragraphs, quotes and cues ---------------------------------------------------------------


def _paragraphs(doc: _Doc) -> list[list[int]]:
    """Sentence indexes grouped by paragraph: a new one starts after a line break."""
    groups: list[list[int]] = []
    for i, sentence in enumerate(doc.sentences):
        if not i or "\n" in doc.text[doc.sentences[i - 1].end : sentence.start]:
            groups.append([])
        groups[-1].append(i)
    return groups


def _find_quotes(doc: _Doc, start: int, end: int) -> list[_Quote]:
    quotes = []
    for match in _QUOTES.finditer(doc.text, start, end):
        closed = len(match.group()) > 1 and match.group()[-1] in '”“»"’'
        inner = Span(match.start() + 1, match.end() - 1 if closed else match.end())
        if not _trim(doc.text, inner.start, inner.end, ",.!?"):
            continue  # `“”`: marks with nothing said
        quotes.append(_Quote(match.start(), match.end(), inner, match.group()[0] == "‘"))
    return quotes


def _quote_at(doc: _Doc, pos: int) -> _Quote | None:
    i = bisect_right(doc.quote_starts, pos) - 1
    if i >= 0 and doc.quotes[i].start <= pos < doc.quotes[i].end:
        return doc.quotes[i]
    return None


def _find_cues(doc: _Doc, sentence: Span) -> list[_Cue]:
    cues = []
    for match in _CUES.finditer(doc.text, sentence.start, sentence.end):
        cue = _Cue(match.start(), match.end(), match.lastgroup or "", match.group())
        if _is_cue(doc, cue, sentence):
            cues.append(cue)
    return cues


def _is_cue(doc: _Doc, cue: _Cue, sentence: Span) -> bool:
    if _quote_at(doc, cue.start) or _mentions_in(doc, cue.start, cue.end):
        return False  # words inside a quote are the quote's; `Said Aqil` is a name
    before = doc.text[max(sentence.start, cue.start - _WINDOW) : cue.start]
    if cue.cls in ("say", "report") and _NOT_SAID_BEFORE.search(before[-10:]):
        return False
    if cue.cls in ("report", "say", "relay_a") and cue.word[0] not in "mbMB":  # English
        return not _AUX_BEFORE.search(before[-12:])  # `were reported killed`
    if cue.cls == "short":
        return before.rstrip()[-1:] in tuple(',”"’»')
    return True


# --- sentences ---------------------------------------------------------------------------------


def _read_paragraph(doc: _Doc, indexes: list[int]) -> list[_Row]:
    first, last = doc.sentences[indexes[0]], doc.sentences[indexes[-1]]
    quotes = _find_quotes(doc, first.start, last.end)
    doc.quotes += quotes
    doc.quote_starts += [q.start for q in quotes]
    rows: list[_Row] = []
    for i in indexes:
        rows += _read_sentence(doc, i)
    return rows + _lone_quotes(doc, quotes, rows, indexes)


def _read_sentence(doc: _Doc, index: int) -> list[_Row]:
    sentence = doc.sentences[index]
    cues = _find_cues(doc, sentence)
    clause = _Clause(index, sentence, sentence.start)
    rows: list[_Row] = []
    chain: Chain | None = None
    for k, cue in enumerate(cues):
        following = cues[k + 1] if k + 1 < len(cues) else None
        limit = _left_extent(doc.text, cue.end, following) if following else sentence.end
        if cue.cls in _RELAYS:
            found = _read_relay(doc, clause, cue, following, limit)
        else:
            found, chain = _read_statement(doc, clause, cue, limit, chain), None
        if isinstance(found, tuple):
            chain = found
        elif found and (found.source or found.kind == "quote"):
            rows.append(found)
            if found.speaker:
                doc.last_speaker = (found.speaker, index)
    return _fill_via(rows)


def _left_extent(text: str, since: int, cue: _Cue) -> int:
    """Where the clause of ``cue`` begins, to stop the previous content there."""
    comma = max(text.rfind(",", since, cue.start), text.rfind(";", since, cue.start))
    return comma if comma >= 0 else cue.start


def _fill_via(rows: list[_Row]) -> list[_Row]:
    relays = [r for r in rows if r.relay]
    for row in rows:
        if not row.relay and not row.via:
            row.via = next((r.source for r in relays if r.source != row.source), None)
    return rows


# --- relays: `lansir X`, `seperti dikutip dari X`, `mengutip X`, `quoted by X` -----------------


def _read_relay(
    doc: _Doc, clause: _Clause, cue: _Cue, following: _Cue | None, limit: int
) -> _Row | Chain | None:
    text = doc.text
    name = _name_after(doc, cue.end, following.start if following else clause.span.end)
    after = name.end if name else cue.end
    subject = _subject(doc, clause.left, cue.start)
    then_verb = following and following.cls in ("say", "report")
    if then_verb and subject and not text[after : following.start].strip(" ,"):
        clause.left = after
        return _chain(doc, clause.index, cue, subject, name)
    if cue.cls == "relay_a" and subject and text[clause.left : cue.start].rstrip()[-1:] != ",":
        # `Aljazeera melansir bahwa …`: a subject of its own makes it a report
        return _read_statement(doc, clause, _Cue(cue.start, cue.end, "report", cue.word), limit)
    source = _resolve(doc, name, _MEDIA_LABELS, clause.index) if name else None
    after = _NAME_TAIL.match(text, after).end()
    if text[clause.span.start : cue.start].strip():  # `…, lansir Aljazeera.`
        quote = _quote_at(doc, clause.span.start)  # the sentence may start inside a quote
        content = _trim(text, quote.start if quote else clause.span.start, cue.start, ",")
    else:  # `Dilansir AFP, …`
        content = _trim(text, after, clause.span.end, ".!?")
    clause.left = after
    kind = "reported_by" if cue.cls == "report_p" else "relayed_from"
    return _Row(cue.start, cue.end, kind, source, content=content, relay=True)


def _chain(doc: _Doc, index: int, cue: _Cue, subject: Span, name: Span | None) -> Chain:
    if cue.cls == "relay_a":  # `Novosti, mengutip Putin mengatakan`: Novosti quotes Putin
        speaker = _resolve(doc, name, _SPEECH_LABELS, index) if name else None
        return speaker, _resolve(doc, subject, _MEDIA_LABELS, index)
    via = _resolve(doc, name, _MEDIA_LABELS, index) if name else None
    return _resolve(doc, subject, _SPEECH_LABELS, index), via


# --- statements: `X mengatakan`, `kata X`, `menurut X`, `X said`, `“…,” said X` ----------------


def _read_statement(
    doc: _Doc, clause: _Clause, cue: _Cue, limit: int, chain: Chain | None = None
) -> _Row | None:
    left = _after_quote(doc, clause.left, cue.start)
    named = _named_by(doc, clause, cue, left, limit, chain)
    if named is None:
        return None
    who, via, subject, after = named
    after, recipient = _skip_recipient(doc, cue, after, limit)
    before = Span(left, subject.start if subject else cue.start)
    found = _content(doc, clause, cue, before, after, limit, forward=bool(chain or subject))
    if found is None:
        return None
    kind, content = found
    speaker = who if kind in ("quote", "according_to") else None
    row = _Row(cue.start, cue.end, kind, who, speaker, via or recipient, content)
    if cue.cls == "according" and left > clause.span.start and content.end <= cue.start:
        # `“…,” Putin told servicemen, according to Russian agencies.`: a relay clause
        row.content, row.relay = _trim(doc.text, clause.span.start, cue.start, ","), True
    return row


def _named_by(
    doc: _Doc, clause: _Clause, cue: _Cue, left: int, limit: int, chain: Chain | None
) -> tuple[str | None, str | None, Span | None, int] | None:
    """Who a statement cue names, the via, the subject's span and where the cue's words end."""
    if chain:
        return chain[0], chain[1], None, cue.end
    subject = _subject(doc, left, cue.start) if cue.cls in ("say", "report") else None
    if subject:
        return _resolve(doc, subject, _labels_for(cue), clause.index), None, subject, cue.end
    if cue.word.lower().endswith("nya"):  # `ujarnya`, `menurutnya`
        return _pronoun_speaker(doc, clause.index), None, None, cue.end
    name = _name_after(doc, cue.end, limit)  # `kata Budi`, `menurut Budi`, `said Putin`
    if name is None:
        return None
    who = _resolve(doc, name, _labels_for(cue), clause.index)
    return who, None, None, _NAME_TAIL.match(doc.text, name.end).end()


def _labels_for(cue: _Cue) -> tuple[str, ...]:
    report = cue.cls == "report" or cue.word.lower().startswith("lapor")
    return _MEDIA_LABELS if report else _SPEECH_LABELS


def _after_quote(doc: _Doc, left: int, pos: int) -> int:
    """A clause never starts inside a quote that closes before the cue."""
    i = bisect_left(doc.quote_starts, pos) - 1
    while i >= 0 and doc.quotes[i].end > left:
        if doc.quotes[i].end <= pos:
            return doc.quotes[i].end
        i -= 1
    return left


def _skip_recipient(doc: _Doc, cue: _Cue, pos: int, limit: int) -> tuple[int, str | None]:
    """`mengatakan kepada Reuters`, `told Reuters`: an outlet spoken to is the via."""
    match = _RECIPIENT.match(doc.text, pos, max(pos, limit))
    if match:
        name = _name_after(doc, match.end(), limit)
    elif cue.word.lower() in ("told", "tells"):
        name = _told_whom(doc, pos, limit)
    else:
        return pos, None
    if name is None:
        return pos, None
    return name.end, _entity_in(doc, name.start, name.end, ("ORG",))


def _told_whom(doc: _Doc, pos: int, limit: int) -> Span | None:
    """`told Reuters`, `told reporters`, `told a news conference`: one short phrase."""
    named = _mentions_in(doc, pos + 1, pos + 2)
    if named and named[0].start == pos + 1:
        return Span(named[0].start, named[0].end)
    words = _TOLD_WHOM.match(doc.text, pos, max(pos, limit))
    return Span(words.start(1), words.end(1)) if words else None


def _content(
    doc: _Doc, clause: _Clause, cue: _Cue, before: Span, after: int, limit: int, forward: bool
) -> tuple[str, Span] | None:
    """What a statement covers: a quote next to it, the clause after it or before it."""
    text = doc.text
    statement = "reported_by" if _labels_for(cue) is _MEDIA_LABELS else "according_to"
    lead = _LEAD_IN.match(text, after, max(after, limit))
    quote = _quote_touching(doc, before.start, before.end) or _quote_opening(doc, lead.end())
    if quote:
        doc.used_quotes.add(quote.start)
        clause.left = max(clause.left, cue.end, quote.end)
        return ("quote" if statement == "according_to" else statement), _quote_words(doc, quote)
    marked = bool(_MARKED.search(lead.group()))
    if forward and cue.word.lower() in _WEAK and not marked:
        return None
    prior = _trim_words(text, before.start, before.end)
    content = _clause_after(doc, cue, before, lead, limit, forward, marked, prior) or prior
    clause.left = max(clause.left, content.end if content else after, after)
    if content is None:
        return None
    # `Jadi enggak sesederhana itu,” kata Luhut.`: the quote opened in an earlier sentence
    closing = text[before.start : before.end].rstrip(" ,")[-1:] in tuple('”"’»')
    if content is prior and closing and statement == "according_to":
        return "quote", content
    return statement, content


def _clause_after(
    doc: _Doc,
    cue: _Cue,
    before: Span,
    lead: re.Match,
    limit: int,
    forward: bool,
    marked: bool,
    prior: Span | None,
) -> Span | None:
    """The words after a cue that it vouches for; None when they are only an adjunct."""
    text = doc.text
    rest = _trim(text, lead.end(), limit, ".!?,")
    if rest is None or (prior and _PARTICIPLE.match(text, lead.end())):
        return None  # `…, the television said, citing a statement`
    if forward or prior is None:
        return rest
    if not (marked or cue.cls == "according"):
        return None  # `…, kata dia saat ditemui di Jakarta`
    if len(text[prior.start : prior.end].split()) > _MAX_TOPIC_WORDS:
        return None  # `…, kata Ashabul Kahfi, Ketua PAN Sulsel, saat …`: the rest is an aside
    return _trim(text, before.start, limit, ".!?,")  # `Sebab, kata Ganjar, permintaan itu …`


def _quote_touching(doc: _Doc, left: int, pos: int) -> _Quote | None:
    """The quote just before a cue: `“…,” kata Budi`, `“…,” Budi menambahkan`."""
    i = bisect_left(doc.quote_starts, pos) - 1
    quote = doc.quotes[i] if i >= 0 else None
    if quote is None or not left <= quote.end <= pos or quote.start in doc.used_quotes:
        return None
    return None if doc.text[quote.end : pos].strip(" ,") else quote


def _quote_opening(doc: _Doc, pos: int) -> _Quote | None:
    quote = _quote_at(doc, pos)
    return quote if quote and quote.start == pos and quote.start not in doc.used_quotes else None


def _quote_words(doc: _Doc, quote: _Quote) -> Span:
    return _trim(doc.text, quote.inner.start, quote.inner.end, ",") or quote.inner


# --- quotes no cue claims ----------------------------------------------------------------------


def _lone_quotes(
    doc: _Doc, quotes: list[_Quote], rows: list[_Row], indexes: list[int]
) -> list[_Row]:
    claimed = [r.content for r in rows if r.content] + [Span(r.start, r.end) for r in rows]
    lone: list[_Row] = []
    for quote in quotes:
        if quote.single or quote.start in doc.used_quotes or not _is_speech(doc, quote):
            continue
        if any(s.start < quote.end and quote.start < s.end for s in claimed):
            continue
        speaker = _inherited_speaker(doc, quote, rows + lone, indexes)
        words = _quote_words(doc, quote)
        lone.append(_Row(quote.start, quote.end, "quote", speaker, speaker, None, words))
        if speaker:
            doc.last_speaker = (speaker, _sentence_of(doc, quote.start))
    return lone


def _sentence_of(doc: _Doc, pos: int) -> int:
    return bisect_right(doc.sentence_starts, pos) - 1


def _is_speech(doc: _Doc, quote: _Quote) -> bool:
    """A quote opening its sentence, or a long one ending in punctuation (not a title)."""
    words = doc.text[quote.inner.start : quote.inner.end].rstrip()
    sentence = doc.sentences[_sentence_of(doc, quote.start)]
    if not doc.text[sentence.start : quote.start].strip():
        return True
    return len(words.split()) >= _MIN_LONE_QUOTE_WORDS and words[-1:] in tuple(".,!?…")


def _inherited_speaker(
    doc: _Doc, quote: _Quote, rows: list[_Row], indexes: list[int]
) -> str | None:
    earlier = [r for r in rows if r.kind == "quote" and r.start < quote.start]
    if earlier:
        return earlier[-1].speaker
    opens_paragraph = not doc.text[doc.sentences[indexes[0]].start : quote.start].strip()
    if opens_paragraph and doc.last_speaker and doc.last_speaker[1] == indexes[0] - 1:
        return doc.last_speaker[0]
    return None


# --- names -------------------------------------------------------------------------------------


def _subject(doc: _Doc, left: int, pos: int) -> Span | None:
    """The phrase before a verb naming who speaks: the last comma piece that is no aside."""
    left = max(left, pos - _WINDOW)  # a run-on sentence must not make this quadratic
    cuts = [left + m.start() for m in re.finditer(r"[,;]", doc.text[left:pos])]
    bounds = zip([left] + [c + 1 for c in cuts], [*cuts, pos], strict=True)
    pieces = [_trim_words(doc.text, start, end) for start, end in bounds]
    for i in reversed(range(len(pieces))):
        span = pieces[i]
        if span is None or _ASIDE.match(doc.text, span.start) or _VERB.match(doc.text, span.start):
            continue
        if _RELATIVE_END.search(doc.text, span.start, span.end):
            return None  # `dia yang mengungkapkan`: a relative clause, no attribution
        unnamed = _entity_in(doc, span.start, span.end, _SPEECH_LABELS) is None
        if unnamed and i and pieces[i - 1] and _is_name(doc, pieces[i - 1]):
            return pieces[i - 1]  # `Budi, juru bicara polisi, mengatakan`: the name, not the title
        return _subject_tail(doc, span)
    return None


def _is_name(doc: _Doc, span: Span) -> bool:
    """Whether a person or organisation mention is the whole phrase."""
    found = _mentions_in(doc, span.start, span.end)
    return any(
        m.start <= span.start and span.end <= m.end for m in found if _label(m) in _SPEECH_LABELS
    )


def _subject_tail(doc: _Doc, span: Span) -> Span | None:
    """The end of a long phrase, after its last clause break: names come right before verbs."""
    clause_break = _CLAUSE_BREAK.match(doc.text, span.start, span.end)
    start = clause_break.end() if clause_break else span.start
    words = [m.start() for m in re.finditer(r"\S+", doc.text[start : span.end])]
    if len(words) > _MAX_SUBJECT_WORDS:
        start += words[-_MAX_SUBJECT_WORDS]
    for mention in _mentions_in(doc, start, start + 1):
        start = min(start, mention.start)
    return Span(start, span.end) if start < span.end else None


def _name_after(doc: _Doc, pos: int, limit: int) -> Span | None:
    start = _FROM_BY.match(doc.text, pos, max(pos, limit)).end()
    limit = min(limit, start + _WINDOW)
    stop = _NAME_END.search(doc.text, start, max(start, limit))
    end = stop.start() if stop else limit
    for mention in _mentions_in(doc, start, end):
        end = max(end, mention.end)  # `Dr. Budi`: a name runs past the stop
    end = _apposition_end(doc, start, end)
    span = _trim_words(doc.text, start, end)
    if span and len(doc.text[span.start : span.end].split()) > _MAX_NAME_WORDS:
        # `Ketua DPP Bidang … PDIP Djarot Saiful Hidayat di …`: up to the person, if named
        named = sorted(_mentions_in(doc, span.start, span.end), key=_person_first)
        return Span(span.start, named[0].end) if named else None
    return span


def _person_first(mention: Mention) -> tuple[bool, int]:
    return _label(mention) != "PER", mention.start


def _apposition_end(doc: _Doc, start: int, end: int) -> int:
    """`kantor berita Malaysia, Bernama, Senin`, `Kepala Humas Telkom, Rochiman Sukarno`."""
    named = _mentions_in(doc, end + 2, end + 3) if doc.text.startswith(", ", end) else []
    if not named or named[0].start != end + 2:
        return end
    if _label(named[0]) == "PER" and not _entity_in(doc, start, end, ("PER",)):
        return named[0].end
    closes = doc.text[named[0].end : named[0].end + 1] in ("", ",", ".", "\n")
    return named[0].end if closes and _label(named[0]) == "ORG" else end


def _resolve(doc: _Doc, span: Span, labels: tuple[str, ...], index: int) -> str | None:
    entity = _entity_in(doc, span.start, span.end, labels)
    if entity:
        return entity
    for mention in _mentions_in(doc, span.start, span.end):
        if mention.start <= span.start and mention.end >= span.end:
            return mention.entity
    words = doc.text[span.start : span.end]
    if words.lower() in _PRONOUNS:
        return _pronoun_speaker(doc, index)
    cut = _PREPOSITION.search(words)
    words = words[: cut.start()] if cut else words
    if words.lower() in _NO_ONE or len(words.split()) > _MAX_NAME_WORDS:
        return None
    return doc.by_surface.get(words.lower(), words)


def _pronoun_speaker(doc: _Doc, index: int) -> str | None:
    if doc.last_speaker and doc.last_speaker[1] >= index - 1:
        return doc.last_speaker[0]
    for earlier in reversed(doc.sentences[max(0, index - 5) : index]):
        for mention in _mentions_in(doc, earlier.start, earlier.end):
            if _label(mention) == "PER" and not _quote_at(doc, mention.start):
                return mention.entity
    return None


def _entity_in(doc: _Doc, start: int, end: int, labels: tuple[str, ...]) -> str | None:
    found = _mentions_in(doc, start, end)
    for label in labels:
        for mention in found:
            if _label(mention) == label:
                return mention.entity
    return None


def _mentions_in(doc: _Doc, start: int, end: int) -> list[Mention]:
    i = max(0, bisect_left(doc.mention_starts, start) - 1)  # mentions never overlap
    found = []
    while i < len(doc.mentions) and doc.mentions[i].start < end:
        if doc.mentions[i].end > start:
            found.append(doc.mentions[i])
        i += 1
    return found


def _label(mention: Mention) -> str:
    return mention.label.upper()[:3]


def _surface(doc: _Doc, span: Span) -> str:
    return doc.text[span.start : span.end]


def _trim(text: str, start: int, end: int, punctuation: str = "") -> Span | None:
    """``text[start:end]`` without edge space, leading separators and ``punctuation``."""
    while start < end and text[start] in " \t\n,:;" + punctuation:
        start += 1
    while end > start and text[end - 1] in " \t\n" + punctuation:
        end -= 1
    return Span(start, end) if end > start else None


def _trim_words(text: str, start: int, end: int) -> Span | None:
    """A phrase without its edge punctuation and function words (`Sementara itu`, `juga`)."""
    span = _trim(text, start, end, ',.:;“”"«»‘’')
    while span:
        words = list(re.finditer(r"\S+", text[span.start : span.end]))
        if words[0].group().lower() in _LEADING_WORDS:
            span = _trim(text, span.start + words[0].end(), span.end, ",")
        elif words[-1].group().lower() in _EDGE_WORDS:
            span = _trim(text, span.start, span.start + words[-1].start(), ",")
        else:
            return span
    return None
