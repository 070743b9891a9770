"""Find coded document citations in bulletin text.

Bulletins keep pointing at the party and state documents they implement ("Kế hoạch số
339-KH/TU, ngày 27/11/2023 của Thành ủy Cao Bằng về ..."). Linking those mentions to the
document registry needs them as data: a normalised code, the date that identifies the
document (one code can name two documents in different years) and the issuing body.

Recognised code shapes:

* party codes ``<number>-<ABBR>/<ISSUER>``: 26-CT/TW, 02-ĐA/TU, 19-CTr/TU, 168-KH/VPTW;
* state codes ``<number>/<year>/<ABBR>-<ISSUER>`` and ``<number>/<ABBR>-<ISSUER>``:
  130/2020/NĐ-CP, 281/KH-UBND;
* National Assembly codes ``<number>/<year>/QH<term>`` (59/2020/QH14) and its Standing
  Committee's ``<number>/<year>/UBTVQH<term>``, only after a type word such as "Luật", since
  the code itself names no type; the type word may be followed by the law's name ("Luật Dữ
  liệu số 60/2024/QH15");
* joint issuers (06-HD/BTCTW-BTGTW, 01/2015/TTLT-BTP-BNV), reported in ``joint_issuers``;
* official letters numbered by a body and its department (1234/UBND-VX: type CV, issuer UBND);
* elided lists ("Kết luận số 187, 188-KL/TW"): one citation per document, sharing the date;
* aliases the text defines ("..., sau đây gọi là Quy định 377)"): later mentions of the alias
  are citations of that document, with ``alias_of`` set to its code.

A code inside the name of a body ("Ban Chỉ đạo Nghị quyết số 57-NQ/TW") is not a citation of
the document. A date whose year has five digits ("15/5/20216") is a typo: the citation keeps
no date and reports what was typed in ``doubtful_date``, rather than guessing the year.

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

import bisect
import html
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

__all__ = ["Citation", "extract_citations", "normalise_code"]


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
    joint_issuers: tuple[str, ...] = ()
    alias_of: str | None = None
    doubtful_date: str | None = None


_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_DASH = f"[{_DASHES}]"
# Upper-case letters, optionally one trailing lower-case one: CT, ĐA, CTr, TTg, VPTW.
_ABBR = "[A-ZĐ]{1,6}[a-z]?"
_ISSUER_CODE = "[A-ZĐƯ]{1,8}[a-z]?(?:[0-9]{1,2})?"  # UBTVQH15
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

# Type words and the abbreviation their codes carry. Longest first, so "Chương trình hành
# động" wins over "Chương trình".
_TYPE_ABBREVIATIONS = {
    "Báo cáo": "BC",
    "Bộ luật": "BL",
    "Chỉ thị": "CT",
    "Chương trình": "CTr",
    "Chương trình hành động": "CTr",
    "Công điện": "CĐ",
    "Công văn": "CV",
    "Đề án": "ĐA",
    "Hướng dẫn": "HD",
    "Hướng dẫn liên tịch": "HDLT",
    "Kế hoạch": "KH",
    "Kết luận": "KL",
    "Luật": "L",
    "Nghị định": "NĐ",
    "Nghị quyết": "NQ",
    "Nghị quyết liên tịch": "NQLT",
    "Pháp lệnh": "PL",
    "Quy chế": "QC",
    "Quy định": "QĐ",
    "Quyết định": "QĐ",
    "Thông báo": "TB",
    "Thông tri": "TTr",
    "Thông tư": "TT",
    "Thông tư liên tịch": "TTLT",
    "Tờ trình": "TTr",
}
_TYPE_WORDS = sorted(_TYPE_ABBREVIATIONS, key=len, reverse=True)
_ABBREVIATION_OF = {word.lower(): abbr for word, abbr in _TYPE_ABBREVIATIONS.items()}
_KNOWN_ABBREVIATIONS = frozenset(abbr.upper() for abbr in _TYPE_ABBREVIATIONS.values()) | {"QĐI"}
# Codes of the National Assembly carry no type abbreviation: take it from the type word.
_QH_TYPES = {"luật": "L", "bộ luật": "BL", "nghị quyết": "NQ", "pháp lệnh": "PL"}

_TYPE_WORD = (
    r"(?<!\w)(?P<word>"
    + "|".join(r"\s+".join(map(re.escape, word.split())) for word in _TYPE_WORDS)
    + r")"
)
_TYPE_BEFORE = re.compile(
    _TYPE_WORD + r"[\s*]*(?:số(?![^\W\d_])[\s*:.]*)?\Z",
    re.IGNORECASE,
)
# A type word, a name and "số": "Luật Dữ liệu số", "Thông báo kết luận số".
_TYPE_ANYWHERE = re.compile(_TYPE_WORD, re.IGNORECASE)
_NAME_THEN_SO = re.compile(r"(?:[\s*]+[^\W\d_]+){1,8}?[\s*]+số[\s*:.]*\Z", re.IGNORECASE)
_TYPE_LOOKBACK = 40  # "Chương trình hành động số " with room for line breaks
_NAMED_TYPE_LOOKBACK = 80  # "Luật Bảo vệ bí mật nhà nước số "
# The code names a body, not a document to study: "Ban Chỉ đạo Nghị quyết số 57-NQ/TW".
_BODY_BEFORE = re.compile(
    r"(?<!\w)(?:ban|tổ|văn\s+phòng)\s+(?:chỉ\s+đạo|công\s+tác|giúp\s+việc)"
    r"(?:\s+(?:thực\s+hiện|triển\s+khai|tổng\s+kết))?[\s*]*\Z",
    re.IGNORECASE,
)
# Earlier numbers sharing one code: "Kết luận số 187, 188-KL/TW", "số 18, 19 và 20-NQ/TW".
_ELIDED_BEFORE = re.compile(
    r"(?P<numbers>(?:(?<![\w/.])[0-9]{1,5}[\s*]*(?:,|;|và|\s&)[\s*]*)+)\Z", re.IGNORECASE
)
_ELIDED_NUMBER = re.compile(r"[0-9]{1,5}")

_DATE_AFTER = re.compile(
    _GAP
    + r""",?[\s*]*
    (?:(?P<paren>\([\s*]*)(?:ngày[\s*]+)?     # "(ngày 15/5/2016)", "(15/5/2016)"
      | (?:(?:được\s+)?ban\s+hành\s+)?ngày[\s*]+)
    (?P<day>[0-9]{1,2})
    (?:
        \s*[/.-]\s*(?P<month>[0-9]{1,2})
        (?:\s*[/.-]\s*(?P<year>[0-9]{4,5}) | \s+năm\s+(?P<year_word>[0-9]{4,5}))?
      | \s+tháng\s+(?P<month_word>[0-9]{1,2})\s+năm\s+(?P<year_long>[0-9]{4,5})
    )
    (?![0-9])
    (?(paren)(?:[\s*]*\))?)
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


_ALIAS_DEFINITION = re.compile(
    r"\([\s*]*(?:sau\s+đây\s+)?(?:được\s+)?(?:gọi|viết)(?:\s+tắt)?\s+là[\s*:]*[“\"']?"
    r"(?P<alias>[^\W\d_][^()“”\"'\n,;:]{0,38}?[\w])[”\"']?[\s*]*\)",
    re.IGNORECASE,
)
_ALIAS_REACH = 500  # the definition follows its citation's issuer and subject


@dataclass
class _Found:
    """A citation while the text is read: offsets into the prepared text."""

    start: int
    end: int
    code: str
    type: str
    number: int
    issuer_code: str
    issued: date | None = None
    issuer: str | None = None
    doubtful_date: str | None = None
    alias_of: str | None = None


def extract_citations(text: str) -> list[Citation]:
    """Return the coded citations in plain text or HTML, in order of appearance."""
    plain = _Plain(text)
    source = plain.text
    urls = [url.span() for url in _URL.finditer(source)]
    groups = []  # (start, match, mentions of the numbers sharing this code)
    for match in _CODE.finditer(source):
        if any(start <= match.start() < end for start, end in urls):
            continue
        mentions = _read_code(source, match)
        if mentions:
            groups.append((mentions[0].start, match, mentions))

    found = []
    for index, (_, match, mentions) in enumerate(groups):
        # A citation's tail (date, issuer) never runs into the next citation.
        limit = groups[index + 1][0] if index + 1 < len(groups) else len(source)
        end, issued, doubtful, issuer = _read_tail(source, match.end(), limit)
        mentions[-1].end = end
        for mention in mentions:
            mention.issued, mention.doubtful_date, mention.issuer = issued, doubtful, issuer
        found.extend(mentions)
    found = _with_aliases(source, found)

    citations = []
    for mention in found:
        raw_start, raw_end = plain.raw_span(mention.start, mention.end)
        issuer_code = mention.issuer_code
        citations.append(
            Citation(
                code=mention.code,
                type=mention.type,
                number=mention.number,
                issuer_code=issuer_code,
                date=mention.issued,
                issuer=mention.issuer,
                start=raw_start,
                end=raw_end,
                text=text[raw_start:raw_end],
                joint_issuers=tuple(issuer_code.split("-")) if "-" in issuer_code else (),
                alias_of=mention.alias_of,
                doubtful_date=mention.doubtful_date,
            )
        )
    return citations


def _read_code(source: str, match: re.Match) -> list[_Found]:
    """The mentions a code match stands for: usually one, several for an elided list."""
    abbr = match.group("abbr") or match.group("state_abbr")
    elided = None
    if match.group("abbr") and source[max(0, match.start() - 5) : match.start()].rstrip(" *\n")[
        -2:
    ].endswith((",", ";", "và", "&")):
        elided = _ELIDED_BEFORE.search(source, max(0, match.start() - 40), match.start())
    first = elided.start() if elided else match.start()
    type_word = _type_word(source, first, abbr)
    if elided and not (
        type_word or source[max(0, first - 10) : first].rstrip(" *:.").endswith("số")
    ):
        elided, first = None, match.start()
        type_word = _type_word(source, first, abbr)
    start = type_word.start() if type_word else first
    before = source[max(0, start - 30) : start].lower()
    if ("đạo" in before or "tác" in before or "việc" in before) and _BODY_BEFORE.search(before):
        return []
    parsed = _parse_code(match, type_word)
    if parsed is None:
        return []
    code, kind, issuer_code = parsed
    mentions = []
    if elided:
        numbers = list(_ELIDED_NUMBER.finditer(source, elided.start(), elided.end()))
        for index, number in enumerate(numbers):
            mentions.append(
                _Found(
                    start if index == 0 else number.start(),
                    number.end(),
                    code.replace(match.group("number"), number.group(), 1),
                    kind,
                    int(number.group()),
                    issuer_code,
                )
            )
    number = match.group("number")
    mentions.append(
        _Found(
            start if not mentions else match.start(),
            match.end(),
            code,
            kind,
            int(number),
            issuer_code,
        )
    )
    return mentions


def _type_word(source: str, start: int, abbr: str | None) -> re.Match | None:
    """The type word before a code: right before it, or before a name ("Luật Dữ liệu số").

    A type word whose abbreviation contradicts the code ("kết luận" in "Thông báo kết luận
    số 12-TB/TW") gives way to one that agrees, further back.
    """
    direct = _TYPE_BEFORE.search(source, max(0, start - _TYPE_LOOKBACK), start)
    if direct and _agrees(direct, abbr):
        return direct
    low = max(0, start - _NAMED_TYPE_LOOKBACK)
    for word in reversed(list(_TYPE_ANYWHERE.finditer(source, low, start))):
        if _agrees(word, abbr) and _NAME_THEN_SO.match(source, word.end(), start):
            return word
    return direct


def _agrees(type_word: re.Match, abbr: str | None) -> bool:
    word = " ".join(type_word.group("word").lower().split())
    if abbr is None:  # a National Assembly code: only its own types
        return word in _QH_TYPES
    expected = _ABBREVIATION_OF[word].upper()
    return abbr.upper().startswith(expected) or expected.startswith(abbr.upper())


def _parse_code(match: re.Match, type_word: re.Match | None) -> tuple[str, str, str] | None:
    """Normalise the matched code to (code, type, issuer code), or None if it is no citation."""
    number = match.group("number")
    if match.group("abbr"):
        # "08 HD/TU" without a dash is only trusted right after a type word.
        if not type_word and not re.search(_DASH, match.group("sep")):
            return None
        abbr, issuer = match.group("abbr"), _dashed(match.group("issuer"))
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
    issuer = _dashed(issuer)
    prefix = f"{number}/{year}" if year else number
    code = f"{prefix}/{abbr}-{issuer}"
    if abbr.upper() not in _KNOWN_ABBREVIATIONS:
        # 1234/UBND-VX: an official letter of the UBND, from its department VX.
        return code, "CV", abbr
    return code, abbr, issuer


_DASH_RUN = re.compile(rf"\s*{_DASH}\s*")
_SLASH_RUN = re.compile(r"\s*/\s*")


def _dashed(issuer_codes: str) -> str:
    return _DASH_RUN.sub("-", issuer_codes)


def normalise_code(code: str) -> str:
    """A code as the engine writes it: "26 – CT / TW" is 26-CT/TW. Letter case is kept, since
    it is part of the code (CTr, TTg)."""
    return _SLASH_RUN.sub("/", _DASH_RUN.sub("-", unicodedata.normalize("NFC", code.strip())))


def _with_aliases(source: str, found: list[_Found]) -> list[_Found]:
    """Add the mentions of aliases the text defines, resolved to their citation.

    An alias stands for its latest definition: two sections may each define "Kế hoạch 15".
    """
    if not found or "là" not in source:
        return found
    starts, ends = [m.start for m in found], [m.end for m in found]
    definitions = defaultdict(list)  # alias -> [(definition's span, citation)], in order
    for definition in _ALIAS_DEFINITION.finditer(source):
        index = bisect.bisect_right(ends, definition.start()) - 1
        if index >= 0 and definition.start() - ends[index] <= _ALIAS_REACH:
            alias = " ".join(definition.group("alias").split())
            definitions[alias.lower()].append((definition.span(), found[index]))
    mentions = list(found)
    for alias, defined in definitions.items():
        words = r"[\s*]+".join(map(re.escape, alias.split()))
        uses = re.compile(rf"(?<!\w){words}(?![\w{_DASHES}/])", re.IGNORECASE)
        defined_at = [span for span, _ in defined]
        for use in uses.finditer(source, defined_at[0][1]):
            latest = bisect.bisect_right(defined_at, (use.start(),)) - 1
            before = bisect.bisect_left(starts, use.end()) - 1
            if defined_at[latest][1] > use.start() or (before >= 0 and ends[before] > use.start()):
                continue  # inside a definition or a coded citation: "Quy định 377-QĐ/TW"
            cited = defined[latest][1]
            mentions.append(
                _Found(
                    *use.span(),
                    cited.code,
                    cited.type,
                    cited.number,
                    cited.issuer_code,
                    cited.issued,
                    cited.issuer,
                    alias_of=cited.code,
                )
            )
    return sorted(mentions, key=lambda mention: mention.start)


def _read_tail(
    source: str, position: int, limit: int
) -> tuple[int, date | None, str | None, str | None]:
    """Read the date and issuer after a code: (end of the citation, date, doubtful date as
    typed, issuer)."""
    end, issued, doubtful = position, None, None
    dated = _DATE_AFTER.match(source, position, limit)
    if dated:
        issued = _to_date(dated)
        year = dated.group("year") or dated.group("year_word") or dated.group("year_long")
        if issued or (year and len(year) > 4):
            end = dated.end()
        if year and len(year) > 4:
            doubtful = " ".join(source[dated.start("day") : dated.end()].split()).rstrip(" )")
        position = dated.end()
    return end, issued, doubtful, _read_issuer(source, position, limit)


def _to_date(match: re.Match) -> date | None:
    year = match.group("year") or match.group("year_word") or match.group("year_long")
    month = match.group("month") or match.group("month_word")
    if not year or len(year) != 4:
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
