"""Time the citation extractor on a bulletin-sized text.

Extraction runs on every save and import of a bulletin, so it must stay cheap: the target is
well under 50 ms for a 60 KB bulletin. Uses the shared real samples when they are present
(SAMPLES_DIR, or ../shared/samples beside the repository), else a synthetic text. The
"every form" line times 60 KB of the project's own test bulletin holding every citation form
(acts of the National Assembly, joint issuers, elided lists, aliases, dates in words ...),
which is far denser in citations than a real bulletin. Ratios are to the plain-text line.

    python bench/citations.py [--runs N]
"""

import argparse
import html
import os
import statistics
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from documents.citations import extract_citations  # noqa: E402

TARGET_SIZE = 60_000
SAMPLES_DIR = Path(os.environ.get("SAMPLES_DIR", ROOT.parent / "shared" / "samples"))
EVERY_FORM = ROOT / "tests" / "citations" / "forms_2026.txt"
SYNTHETIC_PARAGRAPH = (
    "Các chi bộ tiếp tục quán triệt Kế hoạch số 339-KH/TU, ngày 27/11/2023 của Thành ủy "
    "về xây dựng tổ chức cơ sở đảng, gắn với Chỉ thị số 26-CT/TW ngày 23/11/2023 của Ban "
    "Bí thư và Nghị định số 130/2020/NĐ-CP. Trong năm, 22/24 chỉ tiêu đạt và vượt kế hoạch; "
    "công tác phòng, chống dịch COVID-19 được duy trì, giai đoạn 2021 - 2025 hoàn thành "
    "xây dựng nông thôn mới tại 3/3 xã trên địa bàn.\n\n"
)


def bulletin_text() -> tuple[str, str]:
    samples = sorted(SAMPLES_DIR.glob("*.txt")) if SAMPLES_DIR.is_dir() else []
    if samples:
        text = "\n\n".join(path.read_text(encoding="utf-8") for path in samples)
        source = f"{len(samples)} samples from {SAMPLES_DIR}"
    else:
        text = SYNTHETIC_PARAGRAPH * (TARGET_SIZE // len(SYNTHETIC_PARAGRAPH) + 1)
        source = "synthetic text"
    return text.encode()[:TARGET_SIZE].decode(errors="ignore"), source


def every_form_text() -> str:
    """The test bulletin of every form, repeated to the target size."""
    text = EVERY_FORM.read_text(encoding="utf-8")
    text = text * (TARGET_SIZE // len(text.encode()) + 1)
    return text.encode()[:TARGET_SIZE].decode(errors="ignore")


def as_html(text: str) -> str:
    """The same content as an editor would store it: paragraphs with inline markup."""
    paragraphs = (html.escape(p).replace("số ", "số&nbsp;") for p in text.split("\n\n"))
    return "".join(f"<p><span>{p}</span></p>\n" for p in paragraphs)


def timed(text: str, runs: int) -> tuple[int, list[float]]:
    found = len(extract_citations(text))
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        extract_citations(text)
        timings.append((time.perf_counter() - started) * 1000)
    return found, timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs

    text, source = bulletin_text()
    print(f"source: {source}, {runs} runs per variant")
    print(f"{'variant':<22}{'bytes':>9}{'citations':>11}{'min ms':>9}{'median ms':>11}{'ratio':>7}")
    variants = {
        "plain text (NFC)": text,
        "HTML": as_html(text),
        "decomposed (NFD)": unicodedata.normalize("NFD", text),
        "every form (NFC)": every_form_text(),
        "every form (HTML)": as_html(every_form_text()),
    }
    baseline = None
    for name, variant in variants.items():
        found, timings = timed(variant, runs)
        median = statistics.median(timings)
        baseline = baseline or median
        size = len(variant.encode())
        print(
            f"{name:<22}{size:>9,}{found:>11}"
            f"{min(timings):>9.2f}{median:>11.2f}{median / baseline:>7.2f}"
        )


if __name__ == "__main__":
    main()
