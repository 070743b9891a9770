"""Time the admin pages that grow with the data, against the admin's index page in the same run.

    createdb -T big bench_admin   # a copy of a `manage.py generate_dataset --sections 100000`
    DATABASE_URL=postgres://.../bench_admin DEBUG=1 python bench/admin.py

The database is one filled by `generate_dataset` (4,920 issues, 20,000 secretaries; the
most read issue confirmed by 10,000 of them). The bench adds, once, what that shape lacks
(bulletins/dataset.py, `add_large_issue`): an issue of 1,000 sections whose first section
cites a document 6,000 times, and a superuser. Then it times each page as that superuser:
the section list (plain and with each filter), the page of the 1,000-section issue, the page
of the much-cited section, the read report of the most confirmed issue and its CSV. Each
figure is the median of five requests, printed with its ratio to the index page and the
page's queries; the target is 300 ms.
"""

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

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from bulletins.dataset import add_large_issue, already_generated  # noqa: E402
from bulletins.models import Issue, Section  # noqa: E402
from people.models import CellType  # noqa: E402


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
    if not already_generated():
        sys.exit("Fill the database with `manage.py generate_dataset` first.")
    large = add_large_issue()
    print(f"{Section.objects.count()} sections, {Issue.objects.count()} issues, "
          f"{User.objects.count()} accounts")  # fmt: skip
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "bench-admin", "bench@example.org", None
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(admin)
    cited = large.sections.earliest("position")
    most_read = Issue.objects.annotate(read=Count("confirmations")).latest("read", "pk")
    sections = reverse("admin:bulletins_section_changelist")
    report = reverse("admin:bulletins_issue_read_report", args=[most_read.pk])
    cell_type = CellType.objects.earliest("pk")
    pages = [
        ("section list", sections, {}),
        ("section list, one year", sections, {"issue__year": large.year}),
        (
            "section list, one publisher",
            sections,
            {"issue__publisher__id__exact": large.publisher_id},
        ),
        ("section list, one cell type", sections, {"cell_types__id__exact": cell_type.pk}),
        (
            "issue page, 1,000 sections",
            reverse("admin:bulletins_issue_change", args=[large.pk]),
            {},
        ),
        (
            "section citing 6,000 times",
            reverse("admin:bulletins_section_change", args=[cited.pk]),
            {},
        ),
        (f"read report, {most_read.read:,} readers", report, {}),
        ("read report CSV", report, {"format": "csv"}),
    ]
    baseline, _queries = median_ms(client, reverse("admin:index"))
    print(f"{'admin index (baseline)':32} {baseline:8.1f} ms")
    for name, url, params in pages:
        elapsed, queries = median_ms(client, url, **params)
        print(f"{name:32} {elapsed:8.1f} ms  x{elapsed / baseline:5.1f}  {queries:3} queries")


if __name__ == "__main__":
    main()
