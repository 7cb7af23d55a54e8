"""Spanish to English word translations, so a question in one language finds an entry in the other.

The word list is FreeDict's Spanish-English and English-Spanish dictionaries (GPL-2.0-or-later,
freedict.org; Debian's dict-freedict-spa-eng and dict-freedict-eng-spa), cut down to single
words on both sides and stored in `bot/faq/es_en.py`. It is a general dictionary, written for
the languages and not for any FAQ or question set.

Matching meets in English: a Spanish word (in a question or in a Spanish entry) also carries
the English stems of its translations, so "huelga" meets "strike" whichever side is Spanish.

To rebuild the word list from the Debian packages (apt-get install dict-freedict-spa-eng
dict-freedict-eng-spa):

    .venv/bin/python -m bot.faq.bilingual /usr/share/dictd > bot/faq/es_en.py
"""

from __future__ import annotations

import gzip
import re
import sys
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from bot.faq.stem import spanish as spanish_stem

MAX_TRANSLATIONS = 4  # a word's first few senses; the rest are rare ones that mislead

_HEADWORD = re.compile(r"^(?P<word>[^/]+?) /[^/]*/\s*$")
_SENSE_NUMBER = re.compile(r"^\s*\d+\.\s*")
_WORD = re.compile(r"^[a-z]+$")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def _entries(path: Path) -> Iterator[tuple[str, list[str]]]:
    """(headword, translations) of a dictd file, in file order, the header skipped."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        started = False
        word: str | None = None
        senses: list[str] = []
        for line in lines:
            line = line.rstrip("\n")
            if not started:
                started = "FreeDict Dictionary ver." in line
                continue
            match = _HEADWORD.match(line)
            if match:
                if word is not None:
                    yield word, senses
                word, senses = match["word"], []
            elif word is not None and line.strip():
                text = _SENSE_NUMBER.sub("", line)
                senses.extend(s.strip() for s in text.split(","))
        if word is not None:
            yield word, senses


def build(dictd: Path) -> dict[str, list[str]]:
    """Spanish word -> English words, single folded words only, from the two dictionaries."""
    pairs: dict[str, list[str]] = {}

    def add(spanish: str, english: str) -> None:
        es, en = _fold(spanish), _fold(english)
        if _WORD.match(es) and _WORD.match(en) and len(es) > 2 and len(en) > 2:
            known = pairs.setdefault(es, [])
            if en not in known:
                known.append(en)

    for spanish, senses in _entries(dictd / "freedict-spa-eng.dict.dz"):
        for english in senses:
            add(spanish, english)
    for english, senses in _entries(dictd / "freedict-eng-spa.dict.dz"):
        for spanish in senses:
            add(spanish, english)
    return dict(sorted(pairs.items()))


@cache
def _tables() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(word -> English words, Spanish stem -> English words of every word with that stem)."""
    from bot.faq.es_en import PAIRS  # 100 kB of text: read on first use, not on import

    words: dict[str, tuple[str, ...]] = {}
    stems: dict[str, list[str]] = {}
    for line in PAIRS.splitlines():
        spanish, _, english = line.partition(" ")
        if english:
            words[spanish] = tuple(english.split())
            known = stems.setdefault(spanish_stem(spanish), [])
            known.extend(w for w in words[spanish] if w not in known)
    return words, {stem: tuple(english[:MAX_TRANSLATIONS]) for stem, english in stems.items()}


def english_words(spanish: str) -> tuple[str, ...]:
    """The English translations of a folded Spanish word, or of the words sharing its stem
    ("coches" -> the words of "coche"); most common sense first."""
    words, stems = _tables()
    found = words.get(spanish)
    return found if found is not None else stems.get(spanish_stem(spanish), ())


def main(argv: list[str]) -> None:
    pairs = build(Path(argv[0]))
    print('"""FreeDict Spanish-English word pairs (GPL-2.0-or-later): see bot/faq/bilingual.py."""')
    print()
    print('PAIRS = """')
    for spanish, english in pairs.items():
        print(spanish, " ".join(english[:MAX_TRANSLATIONS]))
    print('"""')


if __name__ == "__main__":
    main(sys.argv[1:])
