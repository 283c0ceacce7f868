"""People named by the words around them: titles and reporting verbs.

``Presiden Rusia Vladimir Putin`` and ``kata Putin`` name a person whatever the model
thinks of a foreign name it never saw. Returns (start, end) spans of the names.
"""

from __future__ import annotations

import re

# Titles that stand right before a person's name (capitalised, as news writes them).
_TITLES = (
    r"Presiden|Wakil Presiden|Wapres|Perdana Menteri|PM|Raja|Ratu|Pangeran|Putra Mahkota|"
    r"Kanselir|Paus|Syekh|Sheikh|Emir|Sultan|Jenderal|Jend\.|Letjen|Mayjen|Brigjen|Marsekal|"
    r"Laksamana|Kolonel|Kapten|Bapak|Ibu|Pak|Bu|Dr\.|Prof\.|Ustaz|Ustadz|Kiai|Habib|"
    r"President|Prime Minister|King|Queen|Prince|Chancellor|Pope|Mr\.|Mrs\.|Ms\.|Gen\."
)
# Lower-case nouns that put a leader's name after them: `rezim Asad`, `penguasa … el-Sisi`.
_LEADER_NOUNS = r"rezim|penguasa|pemimpin|diktator|regime|leader"
_REPORTING = r"kata|ujar|tutur|ungkap|imbuh|tambah|papar|tegas|mengutip|said|says|told"
_CALENDAR = (
    r"Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Januari|Februari|Maret|April|Mei|"
    r"Juni|Juli|Agustus|September|Oktober|November|Desember|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday"
)
_NAME_WORD = (
    rf"(?:(?!(?:{_CALENDAR})\b)[A-Z][\w'’]*(?:-[\w'’]+)*"
    r"|(?:al|el|bin|binti|ibn|van|von|de|da)[- ][A-Z][\w'’-]*)"
)
_NAME = rf"{_NAME_WORD}(?:\s{_NAME_WORD}){{0,3}}"
_AFTER_TITLE = re.compile(rf"\b(?:{_TITLES})\s+(?P<name>{_NAME})")
_AFTER_LEADER = re.compile(rf"\b(?:{_LEADER_NOUNS})(?:\s+kudeta)?\s+(?P<name>{_NAME})")
_AFTER_REPORTING = re.compile(rf"\b(?:{_REPORTING})\s+(?P<name>{_NAME})")
_CUES = (_AFTER_TITLE, _AFTER_LEADER, _AFTER_REPORTING)
# A capitalised run that starts with one of these is an office or body, not a name.
_NOT_NAMES = frozenset(
    """
    menteri presiden wakil ketua kepala direktur gubernur bupati wali juru komisi dewan badan
    kementerian partai pemerintah dia ia mereka kami kita saya beliau the a an it he she they
    this that senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni
    juli agustus september oktober november desember
    """.split()
)


def find_named_people(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Names right after a title, a leader noun or a reporting verb in ``text[start:end]``."""
    found = []
    for cue in _CUES:
        for match in cue.finditer(text, start, end):
            first = match.group("name").split(maxsplit=1)[0].casefold().rstrip(".")
            if first not in _NOT_NAMES:
                found.append((match.start("name"), match.end("name")))
    return found
