"""Time portal search as a restricted secretary on a large dataset (manage.py generate_dataset).

Runs a fixed mix of 50 queries (common and rare words, phrases, unaccented text, document
codes in their spoken forms, names), each the way the results page runs it: the ranked first
page of sections with their snippets, the count, and the registry hits. Prints p50, p95 and
max, and the ratio to a baseline measured in the same run: fetching the user's first page of
the archive (the cheapest portal query on the same data).

    DATABASE_URL=postgres://.../big python bench/search.py [--user bithu_thu_00000] [--runs 3]
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

from django.db import connection  # noqa: E402

from accounts.models import User  # noqa: E402
from bulletins import audience  # noqa: E402
from bulletins.dataset import ROOT_NAME  # noqa: E402
from bulletins.models import (  # noqa: E402
    Issue,
    Section,
)
from bulletins.readable import readable_issues  # noqa: E402
from bulletins.search import (  # noqa: E402
    Results,
    SectionQuery,
    bitmap_plans,
    registry_hits,
    section_hits,
)
from people.models import Organisation  # noqa: E402
from portal.filters import SearchFilter  # noqa: E402

QUERIES = [
    # common words
    "đảng viên",
    "chi bộ",
    "nhân dân",
    "hội nghị",
    "kế hoạch",
    "cấp ủy",
    "đồng chí",
    "kết quả",
    "nhiệm vụ",
    "tuyên truyền",
    # rarer words
    "sạt lở",
    "hợp tác xã",
    "tham nhũng",
    "cảnh quan",
    "Pác Bó",
    "Nà Rì",
    "tết",
    "môi trường",
    # phrases
    "chuyển đổi số",
    "nông thôn mới",
    "dân vận khéo",
    "bảo vệ nền tảng tư tưởng",
    "sinh hoạt chi bộ",
    "giảm nghèo bền vững",
    "phát triển đảng viên mới",
    # unaccented
    "chuyen doi so",
    "nong thon moi",
    "sat lo dat",
    "dan van kheo",
    "tham nhung tieu cuc",
    "hoc tap va lam theo",
    "bao ve moi truong",
    "cai thien moi truong kinh doanh",
    # codes, as written and as said
    "26-CT/TW",
    "26 CT/TW",
    "CT 26",
    "Chỉ thị 26",
    "chi thi so 26",
    "NQ 57",
    "Kế hoạch 12",
    "kl 14",
    "05-KL/TW",
    # names
    "Nông Văn Vân",
    "nong van van",
    "Đ/c Vân",
    "Hoàng Thị Lan",
    "hoang thi lan",
    "Đ/c Khánh",
    "Lục Đức Hùng",
    "dam minh tuan",
]
PER_PAGE = 20


def results_page(user, text):
    """What the results page does for one query (portal/views/search.py)."""
    query = SectionQuery(text)
    readable = readable_issues(user)
    sections = SearchFilter({"q": text}, readable=readable).qs
    results = Results(query, sections, readable, audience.reading_rule(user))
    hits = section_hits(query, results[:PER_PAGE])
    return len(hits), results.total, len(registry_hits(user, text, 50))


def admin_list(publisher, text):
    """The admin's section list searched by the staff of one publisher: count and a page
    (bulletins/admin/sections.py)."""
    sections = Section.objects.filter(issue__publisher=publisher)
    issue_ids = list(Issue.objects.filter(publisher=publisher).values_list("pk", flat=True))
    with bitmap_plans():
        matched = SectionQuery(text).matching(sections, issue_ids).select_related("issue")
        return matched.count(), list(matched.order_by("issue", "position", "pk")[:100])


def archive_page(user):
    return list(Issue.objects.visible_to(user).select_related("publisher")[:PER_PAGE])


def timed(function, *args):
    started = time.perf_counter()
    function(*args)
    return (time.perf_counter() - started) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--user", default="bithu_thu_00000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--slowest", type=int, default=5, help="queries to list, by their worst time"
    )
    options = parser.parse_args()
    assert len(QUERIES) == 50
    user = User.objects.get(username=options.user)
    for text in QUERIES:  # warm the caches once, as a running site has them
        results_page(user, text)
    times, baseline, worst = [], [], dict.fromkeys(QUERIES, 0.0)
    for _ in range(options.runs):
        for text in QUERIES:
            times.append(timed(results_page, user, text))
            worst[text] = max(worst[text], times[-1])
            baseline.append(timed(archive_page, user))
    times.sort()
    # The first province's board (bulletins/dataset.py).
    board = (
        Organisation.objects.filter(kind="board", parent__parent__name=ROOT_NAME)
        .order_by("pk")
        .first()
    )
    admin_times = sorted(timed(admin_list, board, text) for text in QUERIES)
    p50, p95 = statistics.median(times), times[int(len(times) * 0.95) - 1]
    base = statistics.median(baseline)
    print(f"database: {connection.vendor}, sections: {Section.objects.count()}")
    print(f"as {user.username}: {Section.objects.visible_to(user).count()} readable sections")
    print(f"{len(QUERIES)} queries x {options.runs} runs")
    print(f"p50 {p50:.1f} ms  p95 {p95:.1f} ms  max {times[-1]:.1f} ms")
    print(f"baseline (archive page) p50 {base:.1f} ms; search p50 = {p50 / base:.1f}x baseline")
    slowest = sorted(worst.items(), key=lambda item: -item[1])[: options.slowest]
    print("slowest: " + ", ".join(f"{text!r} {ms:.0f} ms" for text, ms in slowest))
    staff_sections = Section.objects.filter(issue__publisher=board).count()
    print(
        f"admin section search, staff of {board.name} ({staff_sections} sections): "
        f"p50 {statistics.median(admin_times):.1f} ms  max {admin_times[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
