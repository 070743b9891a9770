"""Find coded document citations in bulletin text.

Bulletins keep pointing at the party and state documents they implement ("Kế hoạch số
339-KH/TU, ngày 27/11/2023 của Thành ủy Cao Bằng về ..."). Linking those mentions to the
document registry needs them as data: a normalised code, the date that identifies the
document (one code can name two documents in different years) and the issuing body.

Recognised code shapes:

* party codes ``<number>-<ABBR>/<ISSUER>``: 26-CT/TW, 02-ĐA/TU, 19-CTr/TU, 168-KH/VPTW;
* state codes ``<number>/<year>/<ABBR>-<ISSUER>`` and ``<number>/<ABBR>-<ISSUER>``:
  130/2020/NĐ-CP, 281/KH-UBND;
* National Assembly codes ``<number>/<year>/QH<term>`` (59/2020/QH14), only after a type
  word such as "Luật", since the code itself names no type.

The text as typed is messy, so the matcher tolerates any dash variant, spaces around the
dash and slash, a space instead of the dash when a type word precedes ("Hướng dẫn số 08
HD/TU"), hard line breaks from PDF extraction, Markdown emphasis markers, HTML tags and
entities, and decomposed Unicode. Mentions without a code ("Nghị quyết Trung ương 5 khóa X",
"Nghị quyết 15") are deliberately not citations: they cannot be resolved to one document.

Offsets always point into the string that was passed in, so callers can highlight or link
the citation in the original HTML. A citation spans from its type word (or its number when
no type word precedes) to the end of its date (or of its code when it has no dated
"ngày ..." after it). The issuer ("của Ban Bí thư") is reported but lies outside the span:
it is free text of unpredictable length, and keeping it out makes the span a stable anchor.
"""

import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

__all__ = ["Citation", "extract_citations"]


@dataclass(frozen=True)
class Citation:
    """One coded mention; ``start``/``end`` index the string given to extract_citations."""

    code: str
    type: str
    number: int
    issuer_code: str
    date: date | None
    issuer: str | None
    start: int
    end: int
    text: str


_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_DASH = f"[{_DASHES}]"
# Upper-case letters, optionally one trailing lower-case one: CT, ĐA, CTr, TTg, VPTW.
_ABBR = "[A-ZĐ]{1,6}[a-z]?"
_ISSUER_CODE = "[A-ZĐƯ]{1,8}[a-z]?"
_ISSUER_CODES = f"{_ISSUER_CODE}(?:{_DASH}{_ISSUER_CODE})*"  # joint issuers: BTGTW-BTCTW
_SUPERSCRIPTS = "¹²³\u2070-\u2079"  # footnote markers glued to a code or date
# What may sit between the code, its date and its issuer: spaces, Markdown emphasis, markers.
_GAP = f"[\\s*{_SUPERSCRIPTS}]*"

_CODE = re.compile(
    rf"""
    (?:(?<=số)|(?<![\w./\\{_DASHES}]))   # not the tail of a word, path, date or other code
    (?P<number>[0-9]{{1,5}})
    (?:
        (?P<sep>\s*{_DASH}\s*|\s+)      # party: 26-CT/TW, 14- KL/TW, 08 HD/TU
        (?P<abbr>{_ABBR})\s*/\s*(?P<issuer>{_ISSUER_CODES})
      | \s*/\s*(?P<qh_year>[0-9]{{4}})\s*/\s*(?P<qh_issuer>(?:UBTV)?QH[0-9]{{1,2}})
      | \s*/\s*(?:(?P<year>[0-9]{{4}})\s*/\s*)?   # state: 130/2020/NĐ-CP, 281/KH-UBND
        (?P<state_abbr>{_ABBR})\s*{_DASH}\s*(?P<state_issuer>{_ISSUER_CODES})
    )
    (?![^\W{_SUPERSCRIPTS}]|/)
    """,
    re.VERBOSE,
)

# Longest first, so "Chương trình hành động" wins over "Chương trình".
_TYPE_WORDS = sorted(
    [
        "Báo cáo",
        "Chỉ thị",
        "Chương trình",
        "Chương trình hành động",
        "Công điện",
        "Công văn",
        "Đề án",
        "Hướng dẫn",
        "Hướng dẫn liên tịch",
        "Kế hoạch",
        "Kết luận",
        "Luật",
        "Nghị định",
        "Nghị quyết",
        "Nghị quyết liên tịch",
        "Pháp lệnh",
        "Quy chế",
        "Quy định",
        "Quyết định",
        "Thông báo",
        "Thông tri",
        "Thông tư",
        "Thông tư liên tịch",
        "Tờ trình",
    ],
    key=len,
    reverse=True,
)
# Codes of the National Assembly carry no type abbreviation: take it from the type word.
_QH_TYPES = {"luật": "L", "nghị quyết": "NQ", "pháp lệnh": "PL"}

_TYPE_BEFORE = re.compile(
    r"(?<!\w)(?P<word>"
    + "|".join(r"\s+".join(map(re.escape, word.split())) for word in _TYPE_WORDS)
    + r")[\s*]*(?:số(?![^\W\d_])[\s*:.]*)?\Z",
    re.IGNORECASE,
)
_TYPE_LOOKBACK = 60

_DATE_AFTER = re.compile(
    _GAP
    + r""",?[\s*]*(?:(?:được\s+)?ban\s+hành\s+)?ngày[\s*]+(?P<day>[0-9]{1,2})
    (?:
        \s*[/.-]\s*(?P<month>[0-9]{1,2})
        (?:\s*[/.-]\s*(?P<year>[0-9]{4}) | \s+năm\s+(?P<year_word>[0-9]{4}))?
      | \s+tháng\s+(?P<month_word>[0-9]{1,2})\s+năm\s+(?P<year_long>[0-9]{4})
    )
    (?![0-9])
    """,
    re.VERBOSE | re.IGNORECASE,
)

_ISSUER_LEAD = re.compile(_GAP + r",?[\s*]*của(?!\w)", re.IGNORECASE)
_WORD = re.compile(r"[\s*]+(\w+)")
_ISSUER_MAX_WORDS = 16
_ISSUER_STOPS = frozenset({"về", "và", "v"})
# An issuer is a run of capitalised words ("Ban Thường vụ Tỉnh ủy Cao Bằng") in which these
# lower-case words and pairs may also occur; anything else ("về", "và", "thực hiện") ends it.
_ISSUER_SINGLES = frozenset(
    {"ủy", "uỷ", "bộ", "ban", "đảng", "tỉnh", "huyện", "quận", "xã", "phường"}
)
_ISSUER_PAIRS = frozenset(
    tuple(pair.split())
    for pair in (
        "bí thư",
        "chấp hành",
        "chính phủ",
        "chính trị",
        "cơ quan",
        "cơ sở",
        "công an",
        "dân vận",
        "hội đồng",
        "hội nghị",
        "kiểm tra",
        "lần thứ",
        "mặt trận",
        "nhân dân",
        "nội chính",
        "quân sự",
        "quốc hội",
        "thành phố",
        "thị trấn",
        "thị xã",
        "thủ tướng",
        "thường trực",
        "thường vụ",
        "tổ chức",
        "tổ quốc",
        "trung ương",
        "tuyên giáo",
        "uỷ ban",
        "ủy ban",
        "văn phòng",
    )
)

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)

# Block-level tags end a line of text; other tags (<strong>, <a>) and footnote references
# vanish without a trace.
_MARKUP = re.compile(
    r"<(?P<block>/?(?:address|article|aside|blockquote|br|dd|div|dl|dt|figcaption|figure"
    r"|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead"
    r"|tr|ul))\b[^>]*>"
    r"|<sup\b[^>]*>.*?</sup>"  # footnote references: "26-CT/TW<sup>1</sup>, ngày ..."
    r"|<!--.*?-->|</?[a-zA-Z][a-zA-Z0-9]*\b[^>]*>"
    r"|(?P<entity>&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);)",
    re.DOTALL | re.IGNORECASE,
)
_DECOMPOSED = re.compile(r".[\u0300-\u036f]+", re.DOTALL)


class _Plain:
    """Text prepared for matching, with the way back to offsets in the raw input.

    ``starts[i]``/``ends[i]`` give the raw span that produced character ``i``; both are None
    when the input needed no change, which is the common, fast case.
    """

    def __init__(self, raw: str):
        self.raw = raw
        self.starts: list[int] | None = None
        self.ends: list[int] | None = None
        has_markup = _MARKUP.search(raw) is not None
        if not has_markup and unicodedata.is_normalized("NFC", raw):
            self.text = raw
            return
        self._parts: list[str] = []
        self.starts, self.ends = [], []
        position = 0
        for markup in _MARKUP.finditer(raw):
            self._copy(position, markup.start())
            if markup.group("block"):
                self._emit("\n", markup.start(), markup.end())
            elif markup.group("entity"):
                self._emit(html.unescape(markup.group()), markup.start(), markup.end())
            position = markup.end()
        self._copy(position, len(raw))
        self.text = "".join(self._parts)

    def _copy(self, start: int, end: int) -> None:
        """Copy raw[start:end], composing decomposed characters (NFC) on the way."""
        position = start
        for cluster in _DECOMPOSED.finditer(self.raw, start, end):
            self._copy_verbatim(position, cluster.start())
            self._emit(unicodedata.normalize("NFC", cluster.group()), *cluster.span())
            position = cluster.end()
        self._copy_verbatim(position, end)

    def _copy_verbatim(self, start: int, end: int) -> None:
        self._parts.append(self.raw[start:end])
        self.starts.extend(range(start, end))
        self.ends.extend(range(start + 1, end + 1))

    def _emit(self, text: str, raw_start: int, raw_end: int) -> None:
        self._parts.append(text)
        self.starts.extend([raw_start] * len(text))
        self.ends.extend([raw_end] * len(text))

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        if self.starts is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def extract_citations(text: str) -> list[Citation]:
    """Return the coded citations in plain text or HTML, in order of appearance."""
    plain = _Plain(text)
    source = plain.text
    urls = [url.span() for url in _URL.finditer(source)]
    found = []
    for match in _CODE.finditer(source):
        if any(start <= match.start() < end for start, end in urls):
            continue
        type_word = _TYPE_BEFORE.search(
            source, max(0, match.start() - _TYPE_LOOKBACK), match.start()
        )
        parsed = _parse_code(match, type_word)
        if parsed is not None:
            start = type_word.start() if type_word else match.start()
            found.append((start, match, parsed))

    citations = []
    for index, (start, match, (code, kind, issuer_code)) in enumerate(found):
        # A citation's tail (date, issuer) never runs into the next citation.
        limit = found[index + 1][0] if index + 1 < len(found) else len(source)
        end, issued, issuer = _read_tail(source, match.end(), limit)
        raw_start, raw_end = plain.raw_span(start, end)
        citations.append(
            Citation(
                code=code,
                type=kind,
                number=int(match.group("number")),
                issuer_code=issuer_code,
                date=issued,
                issuer=issuer,
                start=raw_start,
                end=raw_end,
                text=text[raw_start:raw_end],
            )
        )
    return citations


def _parse_code(match: re.Match, type_word: re.Match | None) -> tuple[str, str, str] | None:
    """Normalise the matched code to (code, type, issuer code), or None if it is no citation."""
    number = match.group("number")
    if match.group("abbr"):
        # "08 HD/TU" without a dash is only trusted right after a type word.
        if not type_word and not re.search(_DASH, match.group("sep")):
            return None
        abbr, issuer = match.group("abbr"), match.group("issuer")
        return f"{number}-{abbr}/{issuer}", abbr, issuer
    if match.group("qh_issuer"):
        if not type_word:
            return None
        kind = _QH_TYPES.get(" ".join(type_word.group("word").lower().split()))
        if kind is None:
            return None
        issuer = match.group("qh_issuer")
        return f"{number}/{match.group('qh_year')}/{issuer}", kind, issuer
    abbr, issuer, year = match.group("state_abbr"), match.group("state_issuer"), match.group("year")
    prefix = f"{number}/{year}" if year else number
    return f"{prefix}/{abbr}-{issuer}", abbr, issuer


def _read_tail(source: str, position: int, limit: int) -> tuple[int, date | None, str | None]:
    """Read the date and issuer after a code: (end of the citation, date, issuer)."""
    end, issued = position, None
    dated = _DATE_AFTER.match(source, position, limit)
    if dated:
        issued = _to_date(dated)
        if issued:
            end = dated.end()
        position = dated.end()
    return end, issued, _read_issuer(source, position, limit)


def _to_date(match: re.Match) -> date | None:
    year = match.group("year") or match.group("year_word") or match.group("year_long")
    month = match.group("month") or match.group("month_word")
    if not year:
        return None
    try:
        return date(int(year), int(month), int(match.group("day")))
    except ValueError:
        return None


def _read_issuer(source: str, position: int, limit: int) -> str | None:
    lead = _ISSUER_LEAD.match(source, position, limit)
    if not lead:
        return None
    words: list[str] = []
    word = _WORD.match(source, lead.end(), limit)
    while word and len(words) < _ISSUER_MAX_WORDS:
        following = _WORD.match(source, word.end(), limit)
        previous = words[-1].lower() if words else ""
        if not _continues_issuer(previous, word.group(1), following.group(1) if following else ""):
            break
        words.append(word.group(1))
        word = following
    return " ".join(words) or None


def _continues_issuer(previous: str, token: str, following: str) -> bool:
    lower = token.lower()
    if lower in _ISSUER_STOPS:
        return False
    return (
        token[0].isupper()
        or lower in _ISSUER_SINGLES
        or (previous, lower) in _ISSUER_PAIRS
        or (lower, following.lower()) in _ISSUER_PAIRS
        or previous == "thứ"  # "Hội nghị lần thứ tám Ban Chấp hành Trung ương"
        or (lower in {"khóa", "khoá"} and following[:1].isupper())  # "khóa XIII"
    )
