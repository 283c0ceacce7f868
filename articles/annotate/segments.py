"""Segments: the title, the dateline, the story paragraphs and the inserts that are not the story.

A paragraph is one non-blank line (pasted news keeps one line per paragraph). Every non-blank
line ends up in exactly one segment, or in two or three when a dateline opens it or a sign-off
closes it: inserts are typed, never deleted, and later stages read only ``body``.

Segment types and what goes in them:
- ``title``: the first line when it reads as a headline (short, no dateline or outlet, no
  sentence end unless in headline case, more lines follow); otherwise it stays a paragraph;
- ``dateline``: ``BEIRUT (ANTARA):``, ``Jakarta, CNN Indonesia --``, ``Liputan6.com,
  Jakarta -``... at the start of the lead, punctuation included;
- ``related_link``: ``BACA JUGA: …``, ``Lihat juga: …``, an empty ``Baca Juga``;
- ``caption``: a photo caption, recognised only by a cue (``(kiri)``, ``Foto:``, ``REUTERS/``);
- ``signoff``: editors' initials closing a paragraph (``(S)``, ``(mdk/rdn)``) and staff credit
  lines (``Editor: …``, ``Reporter: …``, ``Penulis: …``): both name the newsroom's own people,
  neither is a source of the story, so ``source_footer`` stays for sources only;
- ``source_footer``: ``Sumber: Aljazeera``, ``Source: Reuters``, ``Artikel ini telah tayang di …``;
- ``other``: advertising and page clutter (``ADVERTISEMENT``, ``Gambas:``, ``Halaman 1 2``,
  share buttons, tag lists) and bare timestamp lines (``Senin, 11 Des 2017 10:13 WIB``).
"""

from __future__ import annotations

import re

from . import lexicon
from .lexicon import alternation
from .text import find_lines, split_sentences, strip_span
from .types import Dateline, Segment, Span

_MAX_DATELINE = 60  # characters before the dateline's separator

# --- datelines -------------------------------------------------------------------------------

_WORD = r"[A-ZÀ-Þ][\w'’.]*(?:-[\w'’.]+)*"
_CONNECTOR = rf"(?:{alternation(lexicon.NAME_PARTICLES - lexicon.PARTICLES_ALSO_WORDS)})"
_ONE_PLACE = rf"{_WORD}(?:\s+(?:{_CONNECTOR}\s+)?{_WORD}){{0,3}}"
_PLACE = rf"(?P<place>{_ONE_PLACE}(?:\s*/\s*{_ONE_PLACE})?)"
_DOMAIN = r"[A-Za-z][\w-]*(?i:\.(?:com|co|id|net|org|news|tv|my|sg))+"
_DASH = r"(?:-{1,2}|–|—)"
_WEEKDAY = rf"(?:{alternation(lexicon.WEEKDAYS, capitalised=True)})"
# `Kamis (25/9/2014)`, `25/9`, `Dec 11`, `11 Desember 2017`: a date between place and outlet.
_WHEN = (
    rf"(?P<when>{_WEEKDAY}\s*\(\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\)"
    r"|\d{1,2}/\d{1,2}(?:/\d{2,4})?"
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2}"
    r"|\d{1,2}\s+[A-Z][a-z]{2,8}(?:\s+\d{4})?)"
)
_END = r"(?=\s|$)"

# Tried in order: an outlet domain first, since `Liputan6.com` also looks like a place word.
_DATELINE_FORMS = tuple(
    re.compile(form)
    for form in (
        # Liputan6.com, Jakarta -  |  REPUBLIKA.CO.ID, JAKARTA --  |  Merdeka.com -
        rf"(?P<outlet>{_DOMAIN})(?:\s*,\s*{_PLACE})?\s*(?P<sep>{_DASH}){_END}",
        # BEIRUT (ANTARA):  |  Jakarta (ANTARA) -  |  LONDON, Dec 11 (Reuters) -
        rf"{_PLACE}(?:\s*,\s*{_WHEN})?\s*\(\s*(?P<outlet>[A-Za-z][\w.\-’' ]{{0,30}}?)\s*\)"
        rf"\s*(?P<sep>:|{_DASH}){_END}",
        # Jakarta, CNN Indonesia --  |  JAKARTA, KOMPAS.com -
        rf"{_PLACE}\s*,\s*(?P<outlet>{_DOMAIN}|{_WORD}(?:\s+{_WORD}){{0,2}})"
        rf"\s*(?P<sep>{_DASH}){_END}",
        # Jakarta, Kamis (25/9/2014) -
        rf"{_PLACE}\s*,\s*{_WHEN}\s*(?P<sep>{_DASH}){_END}",
        # Jakarta -  (Detik): the story must go on in capitals, so `Pemerintah Jerman - termasuk`
        # is not taken for a dateline.
        rf"{_PLACE}\s*(?P<sep>{_DASH})(?=\s+[\"“'‘(]?[A-Z0-9À-Þ])",
    )
)


def match_dateline(text: str, start: int, end: int) -> Dateline | None:
    """The dateline opening ``text[start:end]``, punctuation included, or None."""
    for form in _DATELINE_FORMS:
        match = form.match(text, start, end)
        if match and _is_plausible_dateline(match, start):
            return _as_dateline(text, match, start)
    return None


def _is_plausible_dateline(match: re.Match[str], start: int) -> bool:
    if match.start("sep") - start > _MAX_DATELINE:
        return False
    if match.group("sep") != ":":
        return True
    # A colon also follows `Presiden Joko Widodo (Jokowi):`; datelines write the place or the
    # outlet in capitals.
    groups = match.groupdict()
    place, outlet = groups.get("place") or "", groups.get("outlet") or ""
    return place.isupper() or outlet.isupper()


def _as_dateline(text: str, match: re.Match[str], start: int) -> Dateline:
    place_span = _group_span(text, match, "place")
    outlet_span = _group_span(text, match, "outlet")
    if place_span and not outlet_span and _is_outlet(text[place_span.start : place_span.end]):
        # `Rimanews - `, `Kumparan - `: the dateline names the outlet, not a place.
        place_span, outlet_span = None, place_span
    return Dateline(
        start=start,
        end=match.end("sep"),
        text=text[start : match.end("sep")],
        place=text[place_span.start : place_span.end] if place_span else None,
        place_span=place_span,
        outlet=text[outlet_span.start : outlet_span.end] if outlet_span else None,
        outlet_span=outlet_span,
    )


def _is_outlet(name: str) -> bool:
    return " ".join(name.casefold().split()) in lexicon.NEWS_OUTLETS


def _group_span(text: str, match: re.Match[str], group: str) -> Span | None:
    if match.groupdict().get(group) is None:
        return None
    span = strip_span(text, match.start(group), match.end(group))
    return span if span.end > span.start else None


# --- inserts: whole lines that are not the story ---------------------------------------------

_RELATED_CUE = re.compile(
    rf"(?i)(?:(?:{alternation(lexicon.RELATED_LINK_VERBS_ID | lexicon.RELATED_LINK_VERBS_EN)})\s+"
    rf"(?:{alternation(lexicon.RELATED_LINK_WORDS_ID | lexicon.RELATED_LINK_WORDS_EN)})"
    rf"|{alternation(lexicon.RELATED_LINK_LABELS_ID | lexicon.RELATED_LINK_LABELS_EN)})"
    r"\b\s*(?P<punct>[:\-–—|»>]|$)?"
)
_SOURCE_FOOTER = re.compile(
    rf"(?i)\(?\s*(?:{alternation(lexicon.SOURCE_LABELS)})\s*:"
    r"|artikel ini (?:telah|sudah|pernah) (?:tayang|dimuat|terbit|diterbitkan)"
    r"|this (?:article|story) (?:was |first |originally )+(?:published|appeared)"
)
_CREDIT = re.compile(
    r"(?i:\(?\s*(?:(?:additional\s+)?(?:reporting|editing|writing)\s+by\b"
    rf"|(?:{alternation(lexicon.CREDIT_LABELS_ID | lexicon.CREDIT_LABELS_EN)})\s*:))"
    # A byline: `By Jane Doe`, `Oleh Ahmad Syaiful`, names in capitals and nothing else.
    r"|(?:By|BY|Oleh|OLEH)\s+[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}\s*$"
)
_CLUTTER = re.compile(
    r"(?i)(?:advertisement|iklan|ads|sponsored|konten sponsor|loading\.*|read more"
    r"|scroll (?:to|untuk) (?:continue|resume|melanjutkan)(?: with| membaca)?(?: content)?"
    r"|halaman\s*:?\s*(?:\d+\s*)+(?:selanjutnya|berikutnya|next)?"
    r"|halaman (?:selanjutnya|berikutnya)"
    r"|(?:next )?page \d+(?: of \d+)?|next page)\s*$"
    r"|\[?\s*gambas\s*:"
    rf"|(?:{alternation(lexicon.TAG_LABELS_ID | lexicon.TAG_LABELS_EN, any_space=False)})\s*:"
    r"|ikuti\b.{0,120}\b(?:google news|whatsapp|telegram|instagram)"
)
_SHARE_WORDS = lexicon.SHARE_BUTTON_WORDS
_MONTH_WORD = r"[A-Za-z]{3,9}\.?"
# `Senin, 11 Des 2017 10:13 WIB`, `Kompas.com - 01/01/2020, 10:15 WIB`: when, and nothing else.
_TIMESTAMP = re.compile(
    rf"(?i)(?:(?:{alternation(lexicon.TIMESTAMP_LABELS_ID | lexicon.TIMESTAMP_LABELS_EN)})"
    r"(?:\s+(?:on|pada))?\s*:?\s*|[\w.\- ]{2,30}?\s*[|\-–—]\s*)?"
    rf"(?:{_WEEKDAY}\s*,?\s*)?"
    rf"(?:\d{{1,2}}\s+{_MONTH_WORD}\s+\d{{4}}|{_MONTH_WORD}\s+\d{{1,2}},?\s+\d{{4}}"
    r"|\d{1,2}/\d{1,2}/\d{2,4})"
    r"(?:\s*[,|\-–/]?\s*(?:pukul\s*)?\d{1,2}[:.]\d{2}(?:\s*(?:WIB|WITA|WIT|GMT|UTC|AM|PM))?)?"
    r"\s*$"
)
# Each form but `Getty Images` holds a `/` or a `:` (`_has_credit_mark` counts on it).
_CREDIT_MARK = re.compile(
    r"ANTARA FOTO/|ANTARA/|REUTERS/|AFP(?: PHOTO)?/|AP Photo/|EPA(?:-EFE)?/|Getty Images"
    # KOMPAS.com/Firman Taufiqurrahman; only searched for, so the domain may skip starts
    # inside a run of letters (where one matches, one matches from the run's first letter too).
    rf"|(?<![A-Za-z]){_DOMAIN}/[A-Z]"
    r"|(?i:\b(?:foto|photo|gambar|image)\s*:)"
)
_CAPTION_START = re.compile(
    rf"(?i)(?:{alternation(lexicon.CAPTION_WORDS_ID | lexicon.CAPTION_WORDS_EN)})\b"
)
_POSITION = re.compile(
    r"(?i)\((?:(?:kedua|ketiga|keempat|second|third|fourth)\s+)?(?:dari\s+|from\s+)?"
    r"(?:kiri|kanan|tengah|left|right|center|centre|ki-ka|ka-ki|kiri ke kanan|left to right)\)"
)
_INITIALS = r"[(\[](?:\*{2,3}|[A-Za-z]{1,8}(?:[./\-][A-Za-z0-9]{1,8}){0,4})[)\]]"
_SIGNOFF_LINE = re.compile(rf"{_INITIALS}$")
# Initials close a paragraph only after its last sentence: `… mengungsi. (S)`.
_SIGNOFF_TAIL = re.compile(rf"(?<=[.!?\"'”’])\s*(?P<initials>{_INITIALS})$")
_MAX_INSERT = 300


def classify_line(text: str, line: Span) -> str | None:
    """The insert type of a whole line, or None for a line of the story (or the title)."""
    if line.end - line.start > _MAX_INSERT * 2:
        return None
    for kind, test in _LINE_TESTS:
        if test(text, line):
            return kind
    return None


def _is_related_link(text: str, line: Span) -> bool:
    cue = _RELATED_CUE.match(text, line.start, line.end)
    if not cue:
        return False
    # Without `:` after the cue, only a short headline-like line is a teaser.
    return cue.group("punct") is not None or _is_short_unfinished(text, line)


def _is_short_unfinished(text: str, line: Span) -> bool:
    return line.end - line.start <= 160 and not _ends_sentence(text, line)


def _is_source_footer(text: str, line: Span) -> bool:
    return _fits(line) and _SOURCE_FOOTER.match(text, line.start, line.end) is not None


def _is_staff_signoff(text: str, line: Span) -> bool:
    if _SIGNOFF_LINE.match(text, line.start, line.end):
        return True
    return _fits(line) and _CREDIT.match(text, line.start, line.end) is not None


def _is_clutter(text: str, line: Span) -> bool:
    if not _fits(line):
        return False
    if _CLUTTER.match(text, line.start, line.end) or _TIMESTAMP.match(text, line.start, line.end):
        return True
    if line.end - line.start > 80:
        return False
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)?", text[line.start : line.end].lower())
    return bool(words) and all(w in _SHARE_WORDS for w in words)


def _is_caption(text: str, line: Span) -> bool:
    if not _fits(line):
        return False
    if _CAPTION_START.match(text, line.start, line.end) and _is_short_unfinished(text, line):
        return True
    if _has_credit_mark(text, line):
        return True
    # `Asad (kiri) dan Putin (tengah)`: one sentence naming who stands where.
    if not _POSITION.search(text, line.start, line.end):
        return False
    return len(split_sentences(text, line)) == 1


def _has_credit_mark(text: str, line: Span) -> bool:
    # Every credit mark but `Getty Images` holds a `/` or a `:`; a line without is searched
    # no further (the domain form tries each letter, the slowest search of the stage).
    chunk = text[line.start : line.end]
    if "/" not in chunk and ":" not in chunk and "Getty Images" not in chunk:
        return False
    return _CREDIT_MARK.search(text, line.start, line.end) is not None


def _fits(line: Span) -> bool:
    return line.end - line.start <= _MAX_INSERT


_LINE_TESTS = (
    ("related_link", _is_related_link),
    ("source_footer", _is_source_footer),
    ("signoff", _is_staff_signoff),
    ("other", _is_clutter),
    ("caption", _is_caption),
)


# --- the title -------------------------------------------------------------------------------

_CLOSERS = "\"'”’)]"
# A headline is short: news headlines run to about 15 words, never a paragraph.
_MAX_HEADLINE_CHARS = 150
_MAX_HEADLINE_WORDS = 20
_MIN_HEADLINE_WORDS = 2
_OUTLET_START = re.compile(rf"{_DOMAIN}\b|[A-Z][\w.]*\s*\(\s*[A-Z][\w.\- ]*\)\s*[:\-–—]")
# `Kamis (21/12)`: the lead dates its event this way, headlines do not.
_LEAD_DATE = re.compile(rf"{_WEEKDAY}\s*,?\s*\(\s*\d{{1,2}}\s*/\s*\d{{1,2}}")


def _ends_sentence(text: str, line: Span) -> bool:
    last = text[line.start : line.end].rstrip(_CLOSERS)
    return last.endswith((".", ":", ";", ",")) and not last.endswith(("...", "…"))


def _looks_like_headline(text: str, line: Span) -> bool:
    """Short, not opened by a dateline or an outlet, no lead-style date, and no sentence end
    unless written in headline case (`Putin Tarik Pasukan dari Suriah.`, `Mengapa …?`)."""
    surface = text[line.start : line.end]
    count = len(surface.split())
    if (
        len(surface) > _MAX_HEADLINE_CHARS
        or not _MIN_HEADLINE_WORDS <= count <= _MAX_HEADLINE_WORDS
    ):
        return False
    if not (surface[0].isalnum() or surface[0] in "\"'“‘"):  # `(Kredit: …)`, `/ / <![CDATA[`
        return False
    if match_dateline(text, line.start, line.end) or _OUTLET_START.match(surface):
        return False
    if _LEAD_DATE.search(surface):
        return False
    last = surface.rstrip(_CLOSERS)
    if last.endswith(("?", "!")) or _ends_sentence(text, line):
        # A list of names also reads in capitals: `Cady Heron, Regina George, …, dan Karen.`
        return _is_headline_case(surface) and surface.count(",") <= 1
    return True


def _is_headline_case(line: str) -> bool:
    """`Putin Tarik Pasukan dari Suriah.`: few words, most of them capitalised."""
    words = [w for w in line.split() if len(w) > 3]
    if not words or len(line.split()) > 12:
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _find_title(text: str, lines: list[Span], kinds: list[str | None]) -> int | None:
    """The first line when it reads as a headline and a story paragraph follows it.

    A lone line is a sentence to annotate, never a title; a first paragraph that is not a
    headline stays in the body (the title is then proposed from it, see ``metadata``).
    """
    if len(lines) < 2 or kinds[0] is not None:
        return None
    first, second = lines[0], lines[1]
    second_is_lead = kinds[1] is None and match_dateline(text, second.start, second.end)
    if _looks_like_headline(text, first):
        return 0
    # A dateline opening the second line marks a short first line as the headline even when it
    # is written as sentences (`Putin tiba di pangkalan udara. Ia lalu bertemu Asad.`).
    short = first.end - first.start <= _MAX_HEADLINE_CHARS
    plain = not match_dateline(text, first.start, first.end) and not _LEAD_DATE.search(
        text, first.start, first.end
    )
    return 0 if second_is_lead and short and plain else None


# --- paragraphs ------------------------------------------------------------------------------


def find_segments(text: str) -> list[Segment]:
    """Every non-blank line as typed segments, in text order; nothing is dropped."""
    lines = find_lines(text)
    kinds = [classify_line(text, line) for line in lines]
    title = _find_title(text, lines, kinds)
    segments: list[Segment] = []
    lead_seen = False
    for index, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        if index == title:
            segments.append(Segment(line.start, line.end, "title"))
        elif kind is not None:
            segments.append(Segment(line.start, line.end, kind))
        elif not lead_seen:
            lead_seen = True
            segments.extend(_split_lead(text, line))
        else:
            segments.extend(_split_signoff(text, line))
    return segments


def plain_segments(text: str) -> list[Segment]:
    """Every non-blank line a body paragraph: the reading when segmenting itself fails."""
    return [Segment(line.start, line.end, "body") for line in find_lines(text)]


def _split_lead(text: str, line: Span) -> list[Segment]:
    dateline = match_dateline(text, line.start, line.end)
    if dateline is None:
        return _split_signoff(text, line)
    rest = strip_span(text, dateline.end, line.end)
    head = [Segment(dateline.start, dateline.end, "dateline")]
    return head + _split_signoff(text, rest) if rest.end > rest.start else head


def _split_signoff(text: str, line: Span) -> list[Segment]:
    tail = _SIGNOFF_TAIL.search(text, max(line.start, line.end - 60), line.end)
    if tail is None:
        return [Segment(line.start, line.end, "body")]
    body = strip_span(text, line.start, tail.start("initials"))
    signoff = Segment(tail.start("initials"), line.end, "signoff")
    return [Segment(body.start, body.end, "body"), signoff] if body.end > body.start else [signoff]
