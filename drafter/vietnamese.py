"""Vietnamese language helpers: numbers, money in words, dates, numbering, sorting.

Pure functions, standard library only.  The conventions implemented here are
those of Decree 30/2020/NĐ-CP and of Vietnamese banking usage (see
``domain.md`` §1 and §5).  Everything that is a convention rather than logic
lives in a module-level table or constant, so a correction is one edit.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext

__all__ = [
    "BLANK",
    "POINT_LETTERS",
    "date_line",
    "date_words",
    "document_number",
    "fold",
    "format_number",
    "million_vnd",
    "money_in_words",
    "nfc",
    "normalise_tone_style",
    "number_to_words",
    "period",
    "point_letter",
    "quarter",
    "roman",
    "similarity",
    "sort_key",
    "tone_style_conflicts",
]

# The run of spaces left for a number, day or month the signer fills in by hand
# on a draft.  Ordinary spaces, so the DOCX and the PDF carry the same text.
BLANK = " " * 6


# --------------------------------------------------------------------------
# Unicode


def nfc(text: str) -> str:
    """Return *text* in Unicode NFC, the form Vietnamese text is stored in."""
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------
# Numbers written with digits


def _require_int(value: object, name: str) -> int:
    # bool is an int subclass; True as an amount is always a bug.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    return value


_SWAP_SEPARATORS = str.maketrans(",.", ".,")


def format_number(value: int | Decimal, decimals: int = 0) -> str:
    """Format *value* the Vietnamese way: ``.`` groups thousands, ``,`` marks decimals.

    *value* is an ``int`` or a ``Decimal`` (floats are refused: their binary
    rounding would show in money).  It is rounded half-up to *decimals* places
    and always shown with exactly that many: ``format_number(1250000000)`` →
    ``"1.250.000.000"``, ``format_number(Decimal("12.5"), 1)`` → ``"12,5"``,
    ``format_number(-1500)`` → ``"-1.500"``.
    """
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"value must be an int or a Decimal, not {type(value).__name__}")
    if decimals < 0:
        raise ValueError(f"decimals must be >= 0, got {decimals}")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"cannot format {value!r}")
    with localcontext() as ctx:
        # The default precision (28 digits) is too small for large amounts
        # with decimals; quantize would raise instead of rounding.
        ctx.prec = max(28, number.adjusted() + decimals + 2)
        rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded.is_zero():
        rounded = abs(rounded)  # never print "-0" or "-0,0"
    english = format(rounded, f",.{decimals}f")
    return english.translate(_SWAP_SEPARATORS)


def million_vnd(amount: int) -> str:
    """Format an amount in đồng for a ``triệu đồng`` column.

    The amount is divided by one million, rounded half-up to three decimals,
    and trailing zeros are dropped: ``1250000000`` → ``"1.250"``,
    ``1250500000`` → ``"1.250,5"``, ``1234567`` → ``"1,235"``.
    """
    return scaled_amount(amount, 1_000_000)


def scaled_amount(amount: int, scale: int) -> str:
    """Format ``amount`` divided by ``scale`` (1,000,000 for ``triệu đồng``),
    rounded half-up to three decimals, trailing zeros dropped."""
    _require_int(amount, "amount")
    _require_int(scale, "scale")
    scaled = (Decimal(amount) / Decimal(scale)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    # Show only the decimals that carry information (0 to 3).
    exponent = scaled.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # finite by construction
    decimals = max(0, -exponent)
    return format_number(scaled, decimals)


# --------------------------------------------------------------------------
# Numbers in words

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_HUNDRED = "trăm"
_TEN = "mười"  # 10–19
_TENS = "mươi"  # 20–99
_ZERO_TENS = "linh"  # a zero tens digit before a non-zero unit (banking usage; "lẻ" in speech)
# The unit digit after a tens digit, where it is not the plain digit word.
# Key: (tens digit is 1, unit digit).  "tư" for 4 is deliberately not used.
_UNIT_AFTER_TENS = {
    (True, 5): "lăm",
    (False, 5): "lăm",
    (False, 1): "mốt",
}
# Group words for each power of 1000 below one billion, high to low.
_GROUP_UNITS = ((1_000_000, "triệu"), (1_000, "nghìn"), (1, ""))
_BILLION = 1_000_000_000
_BILLION_WORD = "tỷ"
_WORDS_LIMIT = 10**18


def _group_words(group: int, *, full: bool) -> list[str]:
    """Words for 1 ≤ *group* ≤ 999.

    *full* means a non-zero group was already read, so the hundreds are read
    even when zero ("không trăm") and a zero tens digit is read as "linh".
    """
    hundreds, rest = divmod(group, 100)
    tens, unit = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], _HUNDRED]
    if tens == 0:
        if unit:
            if words:
                words.append(_ZERO_TENS)
            words.append(_DIGITS[unit])
        return words
    if tens == 1:
        words.append(_TEN)
    else:
        words += [_DIGITS[tens], _TENS]
    if unit:
        words.append(_UNIT_AFTER_TENS.get((tens == 1, unit), _DIGITS[unit]))
    return words


def _below_billion_words(n: int, *, full: bool) -> list[str]:
    """Words for 1 ≤ *n* < 10**9; zero groups are skipped entirely."""
    words: list[str] = []
    for size, unit_word in _GROUP_UNITS:
        group = n // size % 1000
        if not group:
            continue
        words += _group_words(group, full=full)
        if unit_word:
            words.append(unit_word)
        full = True
    return words


def number_to_words(n: int) -> str:
    """Read a whole number 0 ≤ *n* < 10**18 in Vietnamese words, lower case.

    Groups of three digits are read with ``nghìn``, ``triệu`` and ``tỷ``;
    beyond a billion ``tỷ`` repeats (``một nghìn tỷ``, ``một triệu tỷ``).
    ``mười`` for 10–19, ``mươi`` for 20–99, ``mốt`` for a 1 after a tens
    digit ≥ 2, ``lăm`` for a 5 after any tens digit, ``bốn`` (never ``tư``),
    ``linh`` for a zero tens digit before a unit (``một trăm linh năm``).

    Zero groups are skipped, and the first group read after a non-zero group
    always states its hundreds (``không trăm``), following banking usage:
    1.000.005 → ``một triệu không trăm linh năm`` (not ``một triệu không
    nghìn …``), 1.005.000 → ``một triệu không trăm linh năm nghìn``,
    2.021 → ``hai nghìn không trăm hai mươi mốt``.

    Raises ``ValueError`` outside the range and ``TypeError`` for a non-int.
    """
    _require_int(n, "n")
    if not 0 <= n < _WORDS_LIMIT:
        raise ValueError(f"number_to_words takes 0 <= n < 10**18, got {n}")
    if n == 0:
        return _DIGITS[0]
    billions, rest = divmod(n, _BILLION)
    words: list[str] = []
    if billions:
        words += _below_billion_words(billions, full=False)
        words.append(_BILLION_WORD)
    if rest:
        words += _below_billion_words(rest, full=bool(billions))
    return " ".join(words)


def money_in_words(amount: int) -> str:
    """The ``Bằng chữ`` text for an amount in đồng.

    First letter capitalised, ending in `` đồng``: ``1250000000`` →
    ``"Một tỷ hai trăm năm mươi triệu đồng"``, ``0`` → ``"Không đồng"``.
    Raises ``ValueError`` for a negative amount or one of 10**18 or more.
    """
    _require_int(amount, "amount")
    if amount < 0:
        raise ValueError(f"money in words needs a non-negative amount, got {amount}")
    words = number_to_words(amount)
    return f"{words[0].upper()}{words[1:]} đồng"


# --------------------------------------------------------------------------
# Dates, periods, document numbers


def date_words(d: date) -> str:
    """A date in running text, no leading zeros: ``ngày 24 tháng 5 năm 2023``."""
    return f"ngày {d.day} tháng {d.month} năm {d.year}"


# Decree 30: days below 10 and months 1–2 get a leading zero on the date line,
# so "1" cannot be turned into "11" or "12" by hand.
_PADDED_MONTHS = frozenset({1, 2})


def date_line(place: str, d: date | None, *, year: int | None = None) -> str:
    """The place-and-date line of the header block.

    With a date: ``"Hà Nội, ngày 05 tháng 02 năm 2023"`` (day < 10 and months
    1–2 padded to two digits; ``"Hà Nội, ngày 24 tháng 5 năm 2023"``).
    With ``d=None`` (a draft), day and month are left as :data:`BLANK` and
    *year* is required: ``"Hà Nội, ngày      tháng      năm 2023"``.
    Raises ``ValueError`` when *year* is missing for a draft or contradicts *d*.
    """
    if d is None:
        if year is None:
            raise ValueError("a draft date line needs the year")
        return f"{place}, ngày{BLANK}tháng{BLANK}năm {year}"
    if year is not None and year != d.year:
        raise ValueError(f"year {year} contradicts the date {d.isoformat()}")
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month in _PADDED_MONTHS else str(d.month)
    return f"{place}, ngày {day} tháng {month} năm {d.year}"


def document_number(number: int | None, symbol: str) -> str:
    """The number-and-symbol line: ``document_number(5, "QĐ-UBDT")`` → ``"Số: 05/QĐ-UBDT"``.

    Numbers below 10 get a leading zero; ``None`` (a draft) leaves
    :data:`BLANK` for the number: ``"Số:      /QĐ-UBDT"``.
    Raises ``ValueError`` for a number below 1.
    """
    if number is None:
        return f"Số:{BLANK}/{symbol}"
    _require_int(number, "number")
    if number < 1:
        raise ValueError(f"document numbers start at 1, got {number}")
    return f"Số: {number:02d}/{symbol}"


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(n: int) -> str:
    """Upper-case Roman numeral for 1 ≤ *n* ≤ 3999 (parts, appendices, groups)."""
    _require_int(n, "n")
    if not 1 <= n <= 3999:
        raise ValueError(f"roman numerals cover 1..3999, got {n}")
    out: list[str] = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


# Points in a clause use the Vietnamese alphabet without its accented vowels
# and without f, j, w, z (Decree 30).
POINT_LETTERS = tuple("abcdđeghiklmnopqrstuvxy")  # one NFC character each


def point_letter(i: int) -> str:
    """Letter of the point at 0-based index *i*: 0 → ``"a"``, 4 → ``"đ"``, 5 → ``"e"``.

    Raises ``ValueError`` for a negative index or one past ``"y"``.
    """
    _require_int(i, "i")
    if not 0 <= i < len(POINT_LETTERS):
        raise ValueError(f"point index must be 0..{len(POINT_LETTERS) - 1}, got {i}")
    return POINT_LETTERS[i]


def period(start: int, end: int) -> str:
    """``period(2023, 2025)`` → ``"giai đoạn 2023–2025"`` (en dash, no spaces)."""
    if end < start:
        raise ValueError(f"a period cannot end ({end}) before it starts ({start})")
    return f"giai đoạn {start}–{end}"


def quarter(q: int, year: int) -> str:
    """``quarter(3, 2023)`` → ``"quý III/2023"``; *q* must be 1..4."""
    _require_int(q, "q")
    if not 1 <= q <= 4:
        raise ValueError(f"a quarter is 1..4, got {q}")
    return f"quý {roman(q)}/{year}"


# --------------------------------------------------------------------------
# Comparing and sorting text

_SPACE_RE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Key for duplicate detection: accents removed, lower case, whitespace collapsed.

    ``"Cơ sở  dữ liệu"`` → ``"co so du lieu"``; ``đ`` folds to ``d``.
    """
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACE_RE.sub(" ", bare).strip()


def similarity(a: str, b: str) -> float:
    """How alike two names are, 0.0 (nothing shared) to 1.0 (same after folding).

    Compares the folded texts word by word (difflib's ratio), so accents, case
    and spacing do not count and one changed word in a five-word name gives
    about 0.8.  Two empty texts are identical (1.0).
    """
    words_a, words_b = fold(a).split(), fold(b).split()
    return difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()


# The Vietnamese alphabet, with the four Latin letters it lacks put where
# Latin puts them, so foreign names still sort sensibly.
_ALPHABET = tuple("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")  # NFC, one character each
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_LETTER_MARKS = frozenset({_BREVE, _CIRCUMFLEX, _HORN})
# Tones in dictionary order: ngang (none), huyền, sắc, hỏi, ngã, nặng.
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_TONE_RANK = {mark: rank for rank, mark in enumerate(_TONES) if mark}


def _letter_key(letter: str) -> tuple[str, str]:
    """(base, letter mark) of one NFC alphabet letter; đ is its own base."""
    decomposed = unicodedata.normalize("NFD", letter)
    return decomposed[0], decomposed[1:]


_LETTER_RANK = {_letter_key(letter): rank for rank, letter in enumerate(_ALPHABET)}

# Character classes for the primary key: word breaks first (so "An Bình"
# sorts before "Anh"), then punctuation, digits, letters, anything else.
_CLASS_SPACE, _CLASS_PUNCT, _CLASS_DIGIT, _CLASS_LETTER, _CLASS_OTHER = range(5)

SortKey = tuple[tuple[tuple[int, int], ...], tuple[int, ...], tuple[bool, ...], str]


def sort_key(text: str) -> SortKey:
    """A key that sorts text in Vietnamese alphabetical order.

    Primary: letters by the Vietnamese alphabet (a ă â b c d đ e ê g h i k l
    m n o ô ơ p q r s t u ư v x y), case-insensitive.  Secondary: tones, in
    the order none, huyền, sắc, hỏi, ngã, nặng.  Then lower case before upper
    case, then the text itself, so the order is total and stable.
    ``sorted(["Đức", "Dung", "Ân", "An", "Bình", "Ánh"], key=sort_key)`` →
    ``["An", "Ánh", "Ân", "Bình", "Dung", "Đức"]``.
    """
    text = nfc(text)
    # Work on the NFD form so that a letter's marks arrive as separate
    # characters after it: letter marks (breve, circumflex, horn) make a
    # different letter, tone marks only count on the secondary key.
    bases: list[str] = []
    marks: list[str] = []
    tones: list[int] = []
    for c in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.combining(c) and bases:
            if c in _LETTER_MARKS:
                marks[-1] += c
            elif c in _TONE_RANK:
                tones[-1] = _TONE_RANK[c]
            # Other marks (a diaeresis in a foreign name) are ignored.
            continue
        bases.append(c)
        marks.append("")
        tones.append(0)
    primary: list[tuple[int, int]] = []
    for base, mark in zip(bases, marks, strict=True):
        rank = _LETTER_RANK.get((base, mark))
        if rank is None and mark:
            rank = _LETTER_RANK.get((base, ""))  # an unknown mark on a known letter
        if rank is not None:
            primary.append((_CLASS_LETTER, rank))
        elif base.isspace():
            primary.append((_CLASS_SPACE, 0))
        elif base.isdigit():
            primary.append((_CLASS_DIGIT, ord(base)))
        elif base.isalpha():
            primary.append((_CLASS_OTHER, ord(base)))
        else:
            primary.append((_CLASS_PUNCT, ord(base)))
    case = tuple(c.isupper() for c in text)
    return tuple(primary), tuple(tones), case, text


# --------------------------------------------------------------------------
# Tone-mark placement style

# In a syllable ending in the rising diphthongs oa, oe, uy (no final
# consonant), Decree 30's own text puts the tone mark on the first vowel
# ("hòa", "khỏe", "thủy"); the other common style puts it on the second
# ("hoà", "khoẻ", "thuỷ").  Linguists call the former the *old* style; this
# module follows the project brief and calls Decree 30's style the *new* one.
# With a final consonant or a third vowel (hoàng, toán, thuyền, ngoài) both
# styles agree, and after "q" the "u" belongs to the onset (quý, quà), so
# neither is touched.
_DIPHTHONGS = frozenset({("o", "a"), ("o", "e"), ("u", "y")})
_SYLLABLE_RE = re.compile(r"[^\W\d_]+")  # runs of letters


# Every toned a, e, y (the second vowel of the diphthongs), mapped to
# (plain vowel, tone mark), in both cases.
_TONED_SECOND_VOWELS = {
    unicodedata.normalize("NFC", vowel + tone): (vowel, tone)
    for vowel in "aeyAEY"
    for tone in _TONES
    if tone
}


def _new_style_syllable(syllable: str) -> str:
    """*syllable* (NFC, letters only) with an old-style tone mark moved; else unchanged."""
    if len(syllable) < 2 or syllable[-1] not in _TONED_SECOND_VOWELS:
        return syllable
    first = syllable[-2]
    second, tone = _TONED_SECOND_VOWELS[syllable[-1]]
    if (first.lower(), second.lower()) not in _DIPHTHONGS:
        return syllable
    if len(syllable) >= 3 and syllable[-3] in "qQ":
        return syllable
    return syllable[:-2] + unicodedata.normalize("NFC", first + tone) + second


def normalise_tone_style(text: str) -> str:
    """Return *text* in NFC with every old-style tone mark moved to the new style.

    ``"Hoà Bình, sức khoẻ, Uỷ ban"`` → ``"Hòa Bình, sức khỏe, Ủy ban"``; case is
    kept (``"HOÀ"`` → ``"HÒA"``).  Syllables where both styles agree
    (``hoàng``, ``toán``, ``thuyền``, ``quý``) are left as they are.
    """
    return _SYLLABLE_RE.sub(lambda m: _new_style_syllable(m.group()), nfc(text))


def tone_style_conflicts(texts: Iterable[str]) -> list[tuple[str, str]]:
    """Old-style spellings found in *texts*, as ``(old_form, new_form)`` pairs.

    Each distinct syllable is reported once, in order of first appearance and
    as written (NFC): ``["Hoà Bình", "hoà"]`` → ``[("Hoà", "Hòa"), ("hoà", "hòa")]``.
    The caller turns them into warnings ("mixed tone-mark styles: hoà vs hòa").
    """
    found: dict[str, str] = {}
    for text in texts:
        for match in _SYLLABLE_RE.finditer(nfc(text)):
            syllable = match.group()
            if syllable in found:
                continue
            new = _new_style_syllable(syllable)
            if new != syllable:
                found[syllable] = new
    return list(found.items())
