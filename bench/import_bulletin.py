"""Time the bulletin importer on a ~60-page issue.

    DEBUG=1 .venv/bin/python bench/import_bulletin.py

Builds a Word bulletin with python-docx (6 sections of 10 subsections, each with paragraphs,
a bulleted list, a table and a photo: about 60 printed pages), times reading and parsing it;
renders the same outline to a PDF of about 60 pages or more with WeasyPrint and times reading
and parsing it, against PDFium's plain text extraction of the same file as the baseline (the
target is under 2 s); and each of the three text samples when the shared samples are there. When
the database is migrated, the full import (sections, citations, footnotes, photos) is timed
too, inside a transaction that is rolled back, with photos written to a temporary folder.
The target is under 2 seconds for the full import. Any database works, e.g. a scratch one:

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 DEBUG=1 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 DEBUG=1 .venv/bin/python bench/import_bulletin.py
"""

import logging
import os
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

import docx  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402
from django.test import override_settings  # noqa: E402
from PIL import Image as Picture  # noqa: E402

from bulletins.importing import import_bulletin, read_bytes  # noqa: E402
from people.models import Organisation  # noqa: E402

SAMPLES_DIR = Path(os.environ.get("SAMPLES_DIR", ROOT.parent / "shared" / "samples"))
PARAGRAPH = (
    "Các cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội "
    "tiếp tục quán triệt, triển khai thực hiện nghiêm túc Kế hoạch số {n}-KH/TU, ngày 14/8/2026 "
    "của Ban Thường vụ Thành ủy; gắn với thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị về đẩy "
    "mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, bảo đảm thiết thực, "
    "hiệu quả, phù hợp với tình hình thực tế của địa phương, cơ quan, đơn vị."
)


def photo():
    stream = BytesIO()
    Picture.new("RGB", (320, 200), "steelblue").save(stream, "JPEG")
    return stream.getvalue()


def build_docx(sections=6, subsections=10, paragraphs=10):
    document = docx.Document()
    document.add_paragraph("THÀNH ỦY CAO BẰNG\nBAN TUYÊN GIÁO")
    document.add_paragraph("TÀI LIỆU\nPHỤC VỤ SINH HOẠT CHI BỘ\nTháng 9 năm 2026")
    document.add_paragraph("SỬ DỤNG VÀ BẢO QUẢN TRONG NỘI BỘ CỦA ĐẢNG")
    table = document.add_table(rows=sections + 1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Stt", "Nội dung"
    for number in range(1, sections + 1):
        row = table.rows[number]
        row.cells[0].text, row.cells[1].text = str(number), f"Nội dung số {number}"
    document.add_paragraph("NỘI DUNG")
    image = photo()
    for number in range(1, sections + 1):
        heading = f"{number}. Kế hoạch số {300 + number}-KH/TU, ngày 14/8/2026 của Thành ủy"
        document.add_paragraph().add_run(heading).bold = True
        for sub in range(1, subsections + 1):
            document.add_paragraph().add_run(f"{number}.{sub}. Nhiệm vụ và giải pháp").bold = True
            for index in range(paragraphs):
                document.add_paragraph(PARAGRAPH.format(n=100 + index))
            for _ in range(3):
                document.add_paragraph("Nâng cao nhận thức của cán bộ.", style="List Bullet")
            grid = document.add_table(rows=3, cols=3)
            for cells in grid.rows:
                for cell in cells.cells:
                    cell.text = "Quán triệt"
            document.add_picture(BytesIO(image))
            document.add_paragraph("Quang cảnh hội nghị")
    stream = BytesIO()
    document.save(stream)
    return stream.getvalue()


def build_pdf(sections=6, subsections=10, paragraphs=10):
    """The same outline as build_docx, as a printed PDF (WeasyPrint, the project's PDF stack)."""
    from weasyprint import HTML

    parts = ["<p><b>THÀNH ỦY CAO BẰNG<br>BAN TUYÊN GIÁO</b></p>"]
    parts.append("<p><b>TÀI LIỆU<br>PHỤC VỤ SINH HOẠT CHI BỘ<br>Tháng 9 năm 2026</b></p>")
    parts.append("<p>SỬ DỤNG VÀ BẢO QUẢN TRONG NỘI BỘ CỦA ĐẢNG</p><table>")
    parts.append("<tr><td>Stt</td><td>Nội dung</td></tr>")
    parts += [f"<tr><td>{n}</td><td>Nội dung số {n}</td></tr>" for n in range(1, sections + 1)]
    parts.append("</table><p>NỘI DUNG</p>")
    for number in range(1, sections + 1):
        parts.append(f"<h1>{number}. Kế hoạch số {300 + number}-KH/TU, ngày 14/8/2026</h1>")
        for sub in range(1, subsections + 1):
            parts.append(f"<h2>{number}.{sub}. Nhiệm vụ và giải pháp</h2>")
            parts += [f"<p>{PARAGRAPH.format(n=100 + i)}</p>" for i in range(paragraphs)]
            parts.append("<ul>" + "<li>Nâng cao nhận thức của cán bộ.</li>" * 3 + "</ul>")
    style = "body{font:13pt serif} h1,h2{font-size:13pt} p{margin:0 0 6pt}"
    return HTML(string=f"<style>{style}</style>{''.join(parts)}").write_pdf()


def timed(label, function, repeat=3):
    """Best of ``repeat`` runs, printed; returns the seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<48} {best * 1000:8.0f} ms")
    return best


def database_ready():
    """A database with every migration applied (any DATABASE_URL will do)."""
    try:
        executor = MigrationExecutor(connection)
        return not executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:  # no database configured is a normal case here
        return False


def full_import(data, filename):
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        start = time.perf_counter()
        with transaction.atomic():
            bulletin = read_bytes(data, filename)
            publisher = Organisation.objects.create(name="Bench", kind=Organisation.Kind.BOARD)
            # replace: the same file may already be imported in this database (sample 003)
            issue = import_bulletin(bulletin, publisher=publisher, replace=True)
            sections = issue.sections.count()
            transaction.set_rollback(True)
        return time.perf_counter() - start, sections


def main():
    logging.getLogger("fontTools").setLevel(logging.WARNING)  # WeasyPrint's font subsetting
    data = build_docx()
    timed("docx: read + parse", lambda: read_bytes(data, "bench.docx"))
    bulletin = read_bytes(data, "bench.docx")
    print(
        f"  {len(data) / 1024:.0f} KiB, {len(bulletin.sections)} sections, "
        f"{len(bulletin.images)} photos, {len(bulletin.captions)} captions"
    )
    pdf = build_pdf(paragraphs=6)  # about 60 pages
    import pypdfium2 as pdfium

    def plain_text():
        document = pdfium.PdfDocument(pdf)
        return [page.get_textpage().get_text_range() for page in document]

    pages = len(plain_text())
    plain_seconds = timed(f"pdf ({pages} pages): PDFium plain text (baseline)", plain_text)
    start = time.perf_counter()
    parsed = read_bytes(pdf, "bench.pdf")
    seconds = time.perf_counter() - start
    print(
        f"{'pdf: read + parse':<48} {seconds * 1000:8.0f} ms "
        f"({seconds / plain_seconds:.1f}x the baseline; {len(parsed.sections)} sections; "
        "target under 2 s)"
    )
    samples = sorted(SAMPLES_DIR.glob("*.txt"))
    for path in samples:
        raw = path.read_bytes()
        timed(f"{path.name}: read + parse", lambda raw=raw, path=path: read_bytes(raw, path.name))
    if not database_ready():
        print("Database missing or not migrated: full import not timed (manage.py migrate).")
        return
    seconds, sections = full_import(data, "bench.docx")
    print(f"{'docx: full import, rolled back':<48} {seconds * 1000:8.0f} ms ({sections} sections)")
    if samples:
        md = next(path for path in samples if path.name.startswith("003"))
        seconds, sections = full_import(md.read_bytes(), "bench.md")
        print(f"{'003 sample: full import, rolled back':<48} {seconds * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
