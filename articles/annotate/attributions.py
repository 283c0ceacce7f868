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

Who a cue names, and which entity that is, is read by ``attribution_text``.

Quotes in “…”, "…", «…», „…“ and ‘…’ are paired per paragraph and may span sentences. A quote
no cue claims is kept only when it opens its sentence, or has five words or more and ends in
punctuation (``‘teroris’`` and ``“de-eskalasi”`` are scare quotes, ``film “…”`` a title;
single-mark quotes never stand alone). It gets the
speaker of the paragraph's last quote, or, opening a paragraph, the speaker of the previous
paragraph's last sentence, else None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon
from .attribution_text import (
    MEDIA_LABELS,
    NAME_TAIL,
    SPEECH_LABELS,
    WEAK_VERBS,
    Cue,
    Doc,
    Quote,
    after_quote,
    find_cues,
    find_name_after,
    find_quotes,
    find_subject,
    quote_at,
    quote_opening,
    quote_touching,
    quote_words,
    resolve_name,
    resolve_outlet,
    resolve_pronoun,
    sentence_of,
    skip_recipient,
    trim,
    trim_words,
)
from .lexicon import alternation
from .spans import pick_non_overlapping
from .types import Attribution, Mention, Metadata, Segment, Span

_RELAYS = ("relay_p", "report_p", "relay_a")
_LEAD_IN = re.compile(r"[\s,:]*(?:(?:[^\s,.:“\"]+\s+){0,4}?(?i:bahwa|that)\b)?[\s,:]*")
_MARKED = re.compile(r"[,:]|(?i:bahwa|that)")
# `…, the television said, citing a statement`: what follows the verb is no statement.
_PARTICIPLE = re.compile(
    rf"(?i:{alternation(lexicon.PARTICIPLES_AFTER_VERB_EN | lexicon.PARTICIPLES_AFTER_VERB_ID)})\b"
)
_MIN_LONE_QUOTE_WORDS = 5
_MAX_TOPIC_WORDS = 6  # `Sebab, kata Ganjar, …`: a cue in mid-sentence follows a short topic
_FOOTER = re.compile(
    rf"\(?\s*(?P<label>(?i:{alternation(lexicon.SOURCE_LABELS)})\s*:|(?i:artikel\s+ini\s+(?:telah\s+)?"
    r"(?:tayang|terbit|dimuat)\s+di))\s*"
)
_FOOTER_SPLIT = re.compile(r"\s*(?:[,;&|]|\s/\s|(?<=\w)/(?=\w)|\b(?i:dan|and)\b)\s*")
_FOOTER_STOP = re.compile(rf"\s(?i:{alternation(lexicon.FOOTER_TITLE_CUES)})\b|[()“\"]")

Chain = tuple[str | None, str | None]  # (speaker, via) a relay hands on to its verb


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
    doc = Doc(text, mentions, [m.start for m in mentions], sentences, [s.start for s in sentences])
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


def _publisher_rows(doc: Doc, metadata: Metadata) -> list[_Row]:
    dateline = metadata.dateline
    if dateline is None or not dateline.outlet or dateline.outlet_span is None:
        return []
    span = dateline.outlet_span
    return [_Row(span.start, span.end, "publisher", resolve_outlet(doc, span))]


def _footer_rows(doc: Doc, segments: list[Segment]) -> list[_Row]:
    rows: list[_Row] = []
    for segment in segments:
        label = _FOOTER.match(doc.text, segment.start, segment.end)
        if segment.type != "source_footer" or not label:
            continue
        stop = _FOOTER_STOP.search(doc.text, label.end(), segment.end)
        names = _footer_names(doc.text, label.end(), stop.start() if stop else segment.end)
        for i, name in enumerate(names):
            cue = Span(*label.span("label")) if i == 0 else name
            rows.append(_Row(cue.start, cue.end, "source_footer", resolve_outlet(doc, name)))
    return rows


def _footer_names(text: str, start: int, end: int) -> list[Span]:
    if re.search(r"://|www\.", text[start:end]):
        return [n for n in [trim(text, start, end, ".")] if n]
    names, begin = [], start
    for sep in _FOOTER_SPLIT.finditer(text, start, end):
        names.append(trim(text, begin, sep.start(), "."))
        begin = sep.end()
    names.append(trim(text, begin, end, "."))
    return [n for n in names if n]


# --- sentences ---------------------------------------------------------------------------------


def _paragraphs(doc: Doc) -> list[list[int]]:
    """Sentence indexes grouped by paragraph: a new one starts after a line break."""
    groups: list[list[int]] = []
    for i, sentence in enumerate(doc.sentences):
        if not i or "\n" in doc.text[doc.sentences[i - 1].end : sentence.start]:
            groups.append([])
        groups[-1].append(i)
    return groups


def _read_paragraph(doc: Doc, indexes: list[int]) -> list[_Row]:
    first, last = doc.sentences[indexes[0]], doc.sentences[indexes[-1]]
    quotes = find_quotes(doc, first.start, last.end)
    doc.quotes += quotes
    doc.quote_starts += [q.start for q in quotes]
    rows: list[_Row] = []
    for i in indexes:
        rows += _read_sentence(doc, i)
    return rows + _lone_quotes(doc, quotes, rows, indexes)


def _read_sentence(doc: Doc, index: int) -> list[_Row]:
    sentence = doc.sentences[index]
    cues = find_cues(doc, sentence)
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


def _left_extent(text: str, since: int, cue: Cue) -> int:
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
    doc: Doc, clause: _Clause, cue: Cue, following: Cue | None, limit: int
) -> _Row | Chain | None:
    text = doc.text
    name = find_name_after(doc, cue.end, following.start if following else clause.span.end)
    after = name.end if name else cue.end
    subject = find_subject(doc, clause.left, cue.start)
    then_verb = following and following.cls in ("say", "report")
    if then_verb and subject and not text[after : following.start].strip(" ,"):
        clause.left = after
        return _chain(doc, clause.index, cue, subject, name)
    if cue.cls == "relay_a" and subject and text[clause.left : cue.start].rstrip()[-1:] != ",":
        # `Aljazeera melansir bahwa …`: a subject of its own makes it a report
        return _read_statement(doc, clause, Cue(cue.start, cue.end, "report", cue.word), limit)
    source = resolve_name(doc, name, MEDIA_LABELS, clause.index) if name else None
    after = NAME_TAIL.match(text, after).end()
    if text[clause.span.start : cue.start].strip():  # `…, lansir Aljazeera.`
        quote = quote_at(doc, clause.span.start)  # the sentence may start inside a quote
        content = trim(text, quote.start if quote else clause.span.start, cue.start, ",")
    else:  # `Dilansir AFP, …`
        content = trim(text, after, clause.span.end, ".!?")
    clause.left = after
    kind = "reported_by" if cue.cls == "report_p" else "relayed_from"
    return _Row(cue.start, cue.end, kind, source, content=content, relay=True)


def _chain(doc: Doc, index: int, cue: Cue, subject: Span, name: Span | None) -> Chain:
    if cue.cls == "relay_a":  # `Novosti, mengutip Putin mengatakan`: Novosti quotes Putin
        speaker = resolve_name(doc, name, SPEECH_LABELS, index) if name else None
        return speaker, resolve_name(doc, subject, MEDIA_LABELS, index)
    via = resolve_name(doc, name, MEDIA_LABELS, index) if name else None
    return resolve_name(doc, subject, SPEECH_LABELS, index), via


# --- statements: `X mengatakan`, `kata X`, `menurut X`, `X said`, `“…,” said X` ----------------


def _read_statement(
    doc: Doc, clause: _Clause, cue: Cue, limit: int, chain: Chain | None = None
) -> _Row | None:
    left = after_quote(doc, clause.left, cue.start)
    named = _named_by(doc, clause, cue, left, limit, chain)
    if named is None:
        return None
    who, via, subject, after = named
    after, recipient = skip_recipient(doc, cue, after, limit)
    before = Span(left, subject.start if subject else cue.start)
    found = _content(doc, clause, cue, before, after, limit, forward=bool(chain or subject))
    if found is None:
        return None
    kind, content = found
    speaker = who if kind in ("quote", "according_to") else None
    row = _Row(cue.start, cue.end, kind, who, speaker, via or recipient, content)
    if cue.cls == "according" and left > clause.span.start and content.end <= cue.start:
        # `“…,” Putin told servicemen, according to Russian agencies.`: a relay clause
        row.content, row.relay = trim(doc.text, clause.span.start, cue.start, ","), True
    return row


def _named_by(
    doc: Doc, clause: _Clause, cue: Cue, left: int, limit: int, chain: Chain | None
) -> tuple[str | None, str | None, Span | None, int] | None:
    """Who a statement cue names, the via, the subject's span and where the cue's words end."""
    if chain:
        return chain[0], chain[1], None, cue.end
    subject = find_subject(doc, left, cue.start) if cue.cls in ("say", "report") else None
    if subject:
        return resolve_name(doc, subject, _labels_for(cue), clause.index), None, subject, cue.end
    if cue.word.lower().endswith("nya"):  # `ujarnya`, `menurutnya`
        return resolve_pronoun(doc, clause.index), None, None, cue.end
    name = find_name_after(doc, cue.end, limit)  # `kata Budi`, `menurut Budi`, `said Putin`
    if name is None:
        return None
    who = resolve_name(doc, name, _labels_for(cue), clause.index)
    return who, None, None, NAME_TAIL.match(doc.text, name.end).end()


def _labels_for(cue: Cue) -> tuple[str, ...]:
    report = cue.cls == "report" or cue.word.lower().startswith("lapor")
    return MEDIA_LABELS if report else SPEECH_LABELS


def _content(
    doc: Doc, clause: _Clause, cue: Cue, before: Span, after: int, limit: int, forward: bool
) -> tuple[str, Span] | None:
    """What a statement covers: a quote next to it, the clause after it or before it."""
    text = doc.text
    statement = "reported_by" if _labels_for(cue) is MEDIA_LABELS else "according_to"
    lead = _LEAD_IN.match(text, after, max(after, limit))
    quote = quote_touching(doc, before.start, before.end) or quote_opening(doc, lead.end())
    if quote:
        doc.used_quotes.add(quote.start)
        clause.left = max(clause.left, cue.end, quote.end)
        return ("quote" if statement == "according_to" else statement), quote_words(doc, quote)
    marked = bool(_MARKED.search(lead.group()))
    if forward and cue.word.lower() in WEAK_VERBS and not marked:
        return None
    prior = trim_words(text, before.start, before.end)
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
    doc: Doc,
    cue: Cue,
    before: Span,
    lead: re.Match,
    limit: int,
    forward: bool,
    marked: bool,
    prior: Span | None,
) -> Span | None:
    """The words after a cue that it vouches for; None when they are only an adjunct."""
    text = doc.text
    rest = trim(text, lead.end(), limit, ".!?,")
    if rest is None or (prior and _PARTICIPLE.match(text, lead.end())):
        return None  # `…, the television said, citing a statement`
    if forward or prior is None:
        return rest
    if not (marked or cue.cls == "according"):
        return None  # `…, kata dia saat ditemui di Jakarta`
    if len(text[prior.start : prior.end].split()) > _MAX_TOPIC_WORDS:
        return None  # `…, kata Ashabul Kahfi, Ketua PAN Sulsel, saat …`: the rest is an aside
    return trim(text, before.start, limit, ".!?,")  # `Sebab, kata Ganjar, permintaan itu …`


# --- quotes no cue claims ----------------------------------------------------------------------


def _lone_quotes(doc: Doc, quotes: list[Quote], rows: list[_Row], indexes: list[int]) -> list[_Row]:
    claimed = [r.content for r in rows if r.content] + [Span(r.start, r.end) for r in rows]
    lone: list[_Row] = []
    for quote in quotes:
        if quote.single or quote.start in doc.used_quotes or not _is_speech(doc, quote):
            continue
        if any(s.start < quote.end and quote.start < s.end for s in claimed):
            continue
        speaker = _inherited_speaker(doc, quote, rows + lone, indexes)
        words = quote_words(doc, quote)
        lone.append(_Row(quote.start, quote.end, "quote", speaker, speaker, None, words))
        if speaker:
            doc.last_speaker = (speaker, sentence_of(doc, quote.start))
    return lone


def _is_speech(doc: Doc, quote: Quote) -> bool:
    """A quote opening its sentence, or a long one ending in punctuation (not a title)."""
    words = doc.text[quote.inner.start : quote.inner.end].rstrip()
    sentence = doc.sentences[sentence_of(doc, quote.start)]
    if not doc.text[sentence.start : quote.start].strip():
        return True
    return len(words.split()) >= _MIN_LONE_QUOTE_WORDS and words[-1:] in tuple(".,!?…")


def _inherited_speaker(doc: Doc, quote: Quote, rows: list[_Row], indexes: list[int]) -> str | None:
    earlier = [r for r in rows if r.kind == "quote" and r.start < quote.start]
    if earlier:
        return earlier[-1].speaker
    opens_paragraph = not doc.text[doc.sentences[indexes[0]].start : quote.start].strip()
    if opens_paragraph and doc.last_speaker and doc.last_speaker[1] == indexes[0] - 1:
        return doc.last_speaker[0]
    return None
