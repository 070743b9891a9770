"""Time the admin pages that grow with the data, against a trivial admin page in the same run.

    DATABASE_URL=sqlite:////tmp/bench-admin.sqlite3 DEBUG=1 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench-admin.sqlite3 DEBUG=1 .venv/bin/python bench/admin.py

Fills the database once (kept for the next run) with the large shape: 2,400 issues of 40
sections (plus one of 1,000 sections and one section citing 6,000 times), so about 100,000
sections, 20,000 accounts in 400 party cells, every one of them confirming one issue. Then
times each page as a superuser: the section list (plain and filtered), the issue page of the
1,000-section issue, the page of the much-cited section, the read report and its CSV. Each
figure is the median of five requests, printed with its ratio to the admin's index page; the
target is 300 ms. ``--scale 0.1`` builds a tenth of everything, for a quick look.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from bulletins.models import Issue, ReadConfirmation, Section  # noqa: E402
from documents.models import Citation, Document, DocumentType  # noqa: E402
from people.models import Organisation  # noqa: E402

BODY = (
    "<p>Các chi bộ quán triệt, triển khai Kế hoạch số 412-KH/TU, ngày 14/8/2026 của Ban "
    "Thường vụ Thành ủy; liên hệ với nhiệm vụ chính trị của địa phương, cơ quan, đơn vị.</p>"
)


@transaction.atomic
def build(scale):
    """The large shape, in bulk; nothing is built when it is there already."""
    if Issue.objects.filter(title_override__startswith="[bench]").exists():
        return
    city = Organisation.objects.create(name="Thành ủy (bench)", kind="city", citation_code="TU")
    boards = Organisation.objects.bulk_create(
        Organisation(name=f"Ban Tuyên giáo bench {n}", kind="board", parent=city)
        for n in range(max(1, int(100 * scale)))
    )
    ward = Organisation.objects.create(name="Đảng ủy phường (bench)", kind="ward", parent=city)
    cells = Organisation.objects.bulk_create(
        Organisation(name=f"Chi bộ bench {n}", kind="cell", parent=ward)
        for n in range(int(400 * scale))
    )
    readers = User.objects.bulk_create(
        User(username=f"bench{n}", first_name=f"Số {n}", last_name="Đảng viên")
        for n in range(int(20000 * scale))
    )
    User.organisations.through.objects.bulk_create(
        User.organisations.through(user_id=reader.pk, organisation_id=cells[n % len(cells)].pk)
        for n, reader in enumerate(readers)
    )
    issues = Issue.objects.bulk_create(
        Issue(
            publisher=boards[n % len(boards)],
            year=2000 + n // (12 * len(boards)),
            month=n // len(boards) % 12 + 1,
            title_override=f"[bench] số {n}",
            status=Issue.Status.PUBLISHED,
        )
        for n in range(int(2400 * scale))
    )
    levels = [1, 2, 2, 3, 1, 2, 3, 3]
    counts = [1000 if issue is issues[0] else 40 for issue in issues]
    for issue, count in zip(issues, counts, strict=True):
        Section.objects.bulk_create(
            Section(
                issue=issue,
                position=10 * n,
                level=levels[n % len(levels)],
                heading=f"Mục {n} của {issue.title_override}",
                body=BODY,
            )
            for n in range(count)
        )
    issues[0].renumber_sections()
    document = Document.objects.create(
        document_type=DocumentType.objects.get(name="Kế hoạch"), number=412, code="412-KH/TU"
    )
    cited = issues[0].sections.order_by("position").first()
    Citation.objects.bulk_create(
        Citation(
            section=cited, document=document, code="412-KH/TU", text="412-KH/TU", start=n, end=n
        )
        for n in range(int(6000 * scale))
    )
    ReadConfirmation.objects.bulk_create(
        ReadConfirmation(issue=issues[0], reader=reader) for reader in readers
    )


def median_ms(client, url, **params):
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        response = client.get(url, params)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, params)
    return statistics.median(timings), len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    scale = parser.parse_args().scale
    started = time.perf_counter()
    build(scale)
    print(f"data ready in {time.perf_counter() - started:.1f} s: "
          f"{Section.objects.count()} sections, {Issue.objects.count()} issues, "
          f"{User.objects.count()} accounts")  # fmt: skip
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "bench-admin", "bench@example.org", None
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(admin)
    big = Issue.objects.filter(title_override="[bench] số 0").get()
    publisher = big.publisher_id
    cited = big.sections.order_by("position").first()
    sections = reverse("admin:bulletins_section_changelist")
    report = reverse("admin:bulletins_issue_read_report", args=[big.pk])
    pages = [
        ("section list", sections, {}),
        ("section list, one publisher", sections, {"issue__publisher__id__exact": publisher}),
        ("issue page, 1,000 sections", reverse("admin:bulletins_issue_change", args=[big.pk]), {}),
        (
            "section citing thousands",
            reverse("admin:bulletins_section_change", args=[cited.pk]),
            {},
        ),
        ("read report", report, {}),
        ("read report CSV", report, {"format": "csv"}),
    ]
    baseline, _queries = median_ms(client, reverse("admin:index"))
    print(f"{'admin index (baseline)':32} {baseline:8.1f} ms")
    for name, url, params in pages:
        elapsed, queries = median_ms(client, url, **params)
        print(f"{name:32} {elapsed:8.1f} ms  x{elapsed / baseline:5.1f}  {queries:3} queries")


if __name__ == "__main__":
    main()
