"""Text to search terms, the same rule as themes/default/static/search/tokenize.js (shared test vectors)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

# Code points split into character bigrams rather than words: Han, Hiragana, Katakana, Hangul. Written as
# ranges, not script properties, because Python's `re` has none and the JavaScript side must see the same set.
# The prolonged sound mark ー (U+30FC) is Common, not Katakana, but belongs inside a word (サービス);
# the middle dot ・ (U+30FB) separates words, so it is left out.
CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK and Kangxi radicals
    (0x3005, 0x3007),  # 々 〆 〇
    (0x303B, 0x303C),  # 〻 〼
    (0x3041, 0x3096),  # Hiragana
    (0x3099, 0x309F),  # voicing marks, ゝ ゞ ゟ
    (0x30A1, 0x30FA),  # Katakana
    (0x30FC, 0x30FF),  # ー ヽ ヾ ヿ
    (0x3130, 0x318F),  # Hangul compatibility jamo
    (0x31F0, 0x31FF),  # Katakana phonetic extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xA960, 0xA97F),  # Hangul Jamo extended A
    (0xAC00, 0xD7FF),  # Hangul syllables, Jamo extended B
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3134F),  # CJK extensions B to G
)
_VOWELS = set("aeiouy")
_KEEP_S = ("ss", "us", "is")  # class, status, analysis: the s is not a plural
_DOUBLE_KEEP = set("lsz")  # call, pass, buzz keep their double letter
_VARIATION = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF))  # emoji presentation selectors are no part of a word


def _char_class(ranges: Iterable[tuple[int, int]]) -> str:
    return "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges)


def _mark_ranges() -> list[tuple[int, int]]:
    """Joining marks (Mn, Mc) outside the CJK ranges; above U+1FFFF there are only variation selectors."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x20000):
        if unicodedata.category(chr(code)) in ("Mn", "Mc") and not is_cjk(code) \
                and not any(lo <= code <= hi for lo, hi in _VARIATION):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return ranges


def is_cjk(code: int) -> bool:
    """Whether the code point is split into bigrams."""
    return any(lo <= code <= hi for lo, hi in CJK_RANGES)


# A word is a run of letters and digits (categories L and N, which is what [^\W_] is in Python 3.11) and
# joining marks, as /[\p{L}\p{N}\p{Mn}\p{Mc}]/u in tokenize.js. Python's `re` has no \p{...}: the marks are
# a class of ranges, found once at import, so that a text is scanned by the regular expressions, not
# classified a character at a time.
_CJK_RUNS = re.compile(f"([{_char_class(CJK_RANGES)}]+)")
_WORDS = re.compile(f"(?:[^\\W_]|[{_char_class(_mark_ranges())}])+")


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A small English suffix stemmer: train, trains, trained, training all give `train`.

    Only words of four or more ASCII letters are touched, in three steps:
    1. plural: -sses gives -ss, -ies gives -y, else a final -s goes (not after s, u or i: class, status, axis);
    2. the first of -ing, -ed, -ly goes when what remains has a vowel and at least three letters (four for -ly,
       and not after p: apply is not app); then a doubled final consonant other than l, s, z is undoubled
       while three letters remain (running: run, added: add);
    3. a final -e goes when three letters remain (create: creat, as created and creating give).
    """
    if len(word) < 4 or not (word.isascii() and word.isalpha()):
        return word
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(_KEEP_S):
        word = word[:-1]
    for suffix, least in (("ing", 3), ("ed", 3), ("ly", 4)):
        rest = word[: -len(suffix)]
        if word.endswith(suffix):
            if len(rest) >= least and _VOWELS & set(rest) and not (suffix == "ly" and rest.endswith("p")):
                word = _undouble(rest)
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def _undouble(word: str) -> str:
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in _VOWELS | _DOUBLE_KEEP:
        return word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    """NFKC, lower case, then words (stemmed) and CJK runs (overlapping bigrams; a lone character stays)."""
    terms: list[str] = []
    for i, piece in enumerate(_CJK_RUNS.split(unicodedata.normalize("NFKC", text).lower())):
        if i % 2:  # split() puts the captured CJK runs at odd places
            terms.extend(piece[j:j + 2] for j in range(max(len(piece) - 1, 1)))
        elif piece:
            terms.extend(map(stem, _WORDS.findall(piece)))
    return terms
