"""A large, realistic dataset for load benchmarks, written with bulk inserts.

`--sections 100000` gives about 250 publishers, 3,300 party cells, 2,400 issues over ten
years, 2,000 registry documents cited unevenly (a few very often), 20,000 secretaries and
their read confirmations. Every size follows from --sections, so a test can make the same
shape small. Accounts share one password (--password), hashed once.
"""

import datetime
import itertools
import random

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from bulletins.models import Footnote, Issue, ReadConfirmation, Section
from documents.models import Citation, Document, DocumentType
from people.models import Organisation

BATCH = 2000
YEARS = 10
READER_ROLE = "Bí thư chi bộ"
KINDS = [("Chỉ thị", "CT"), ("Nghị quyết", "NQ"), ("Kết luận", "KL"), ("Kế hoạch", "KH")]
PARAGRAPH = (
    "<p>Các cấp ủy, tổ chức đảng tiếp tục quán triệt sâu sắc {cited}, gắn với việc học tập "
    "và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; nâng cao chất lượng sinh hoạt chi "
    "bộ, phát huy vai trò tiền phong, gương mẫu của cán bộ, đảng viên trong thực hiện nhiệm vụ "
    "chính trị ở địa phương, cơ sở.</p>"
    "<p>Chi bộ thảo luận, thống nhất các giải pháp cụ thể; phân công đảng viên theo dõi, đôn "
    "đốc và báo cáo kết quả tại kỳ sinh hoạt tiếp theo.</p>"
)


class Command(BaseCommand):
    help = "Fill an empty database with a large dataset for the load benchmark (bench/load.py)."

    def add_arguments(self, parser):
        parser.add_argument("--sections", type=int, default=100_000)
        parser.add_argument("--password", default="bench-secretary-2026")
        parser.add_argument("--seed", type=int, default=12)

    def handle(self, *args, sections, password, seed, **options):
        if Issue.objects.exists():
            raise CommandError("Cơ sở dữ liệu đã có tài liệu: hãy dùng một cơ sở dữ liệu trống.")
        self.random = random.Random(seed)  # noqa: S311 (repeatable data, not secrets)
        with transaction.atomic():
            counts = self.generate(sections, make_password(password))
        self.stdout.write(", ".join(f"{n} {what}" for what, n in counts.items()))

    def generate(self, total_sections, password_hash):
        publishers_n = max(2, total_sections // 400)
        issues_n = max(publishers_n, total_sections // 42)
        cells_n = max(4, total_sections // 30)
        accounts_n = max(4, total_sections // 5)
        documents_n = max(10, total_sections // 50)

        boards, cells = self.organisations(publishers_n, cells_n)
        documents = self.documents(documents_n, boards)
        issues = self.issues(issues_n, boards, cells)
        sections_n, citations_n = self.sections(issues, total_sections, documents)
        readers = self.accounts(accounts_n, cells, password_hash)
        confirmations_n = self.confirmations(issues, readers)
        return {
            "publishers": len(boards),
            "cells": len(cells),
            "issues": len(issues),
            "sections": sections_n,
            "citations": citations_n,
            "documents": len(documents),
            "accounts": len(readers),
            "read confirmations": confirmations_n,
        }

    def bulk(self, model, objects):
        return model.objects.bulk_create(objects, batch_size=BATCH)

    def organisations(self, publishers_n, cells_n):
        """Central body, provinces, their cities with a propaganda board, wards, cells."""
        central = Organisation.objects.create(
            name="Ban Chấp hành Trung ương (dữ liệu thử tải)",
            kind=Organisation.Kind.CENTRAL,
            citation_code="TW",
        )
        provinces = self.bulk(
            Organisation,
            [
                Organisation(name=f"Tỉnh ủy số {n}", kind="province", parent=central)
                for n in range(1, max(2, publishers_n // 4) + 1)
            ],
        )
        cities = self.bulk(
            Organisation,
            [
                Organisation(
                    name=f"Thành ủy số {n}",
                    kind="city",
                    parent=provinces[n % len(provinces)],
                    citation_code="TU",
                )
                for n in range(publishers_n)
            ],
        )
        boards = self.bulk(
            Organisation,
            [Organisation(name="Ban Tuyên giáo", kind="board", parent=city) for city in cities],
        )

        def city(n):
            return cities[n % len(cities)]

        wards = self.bulk(
            Organisation,
            [
                Organisation(name=f"Đảng ủy phường {n}", kind="ward", parent=city(n))
                for n in range(max(2, cells_n // 8))
            ],
        )
        cells = self.bulk(
            Organisation,
            [
                Organisation(name=f"Chi bộ số {n}", kind="cell", parent=wards[n % len(wards)])
                for n in range(cells_n)
            ],
        )
        return boards, cells

    def documents(self, documents_n, boards):
        types = {t.name: t for t in DocumentType.objects.filter(name__in=[k for k, _ in KINDS])}
        documents = []
        for n in range(documents_n):
            name, abbreviation = KINDS[n % len(KINDS)]
            year = 2016 + n % YEARS
            documents.append(
                Document(
                    document_type=types[name],
                    number=n + 1,
                    code=f"{n + 1}-{abbreviation}/TW",
                    issuer=boards[0].parent.parent.parent,
                    issued_on=datetime.date(year, 1 + n % 12, 1 + n % 28),
                    subject=f"về nhiệm vụ trọng tâm số {n + 1} trong công tác xây dựng Đảng",
                )
            )
        return self.bulk(Document, documents)

    def issues(self, issues_n, boards, cells):
        """Ten years of monthly issues, spread over the publishers; a few for chosen wards,
        a few public."""
        now = timezone.now()
        per_publisher = -(-issues_n // len(boards))
        step = max(1, YEARS * 12 // per_publisher)
        issues = []
        for n in range(issues_n):
            months_back = (n // len(boards)) * step
            year, month = divmod(now.year * 12 + now.month - 1 - months_back, 12)
            audience = ("organisations", "public")[n % 2] if n % 10 == 0 else "internal"
            issues.append(
                Issue(
                    publisher=boards[n % len(boards)],
                    year=year,
                    month=month + 1,
                    audience=audience,
                    status=Issue.Status.PUBLISHED,
                    published_at=now - datetime.timedelta(days=30 * months_back + 1),
                )
            )
        issues = self.bulk(Issue, issues)
        chosen = [issue for issue in issues if issue.audience == "organisations"]
        through = Issue.audience_organisations.through
        self.bulk(
            through,
            [
                through(issue_id=issue.pk, organisation_id=cells[n % len(cells)].parent_id)
                for n, issue in enumerate(chosen)
            ],
        )
        return issues

    def sections(self, issues, total, documents):
        """Numbered sections whose bodies cite registry documents, with the citations linked
        as the linker would have (offsets into the stored body) and a few footnotes."""
        per_issue = max(3, -(-total // len(issues)))
        levels = [1, 2, 2, 3, 2, 1]
        sections, cited = [], []
        for issue in issues:
            counters = [0] * 4
            for n in range(per_issue):
                level = levels[n % len(levels)] if n < per_issue - 1 else 1
                counters[level - 1] += 1
                counters[level:] = [0] * (4 - level)
                number = ".".join(str(c) for c in counters[:level]) + "."
                # Zipf-like: a few documents are cited in very many sections.
                document = documents[int(self.random.random() ** 4 * len(documents))]
                text = f"{document.document_type.name} số {document.code}"
                body = PARAGRAPH.format(cited=text)
                start = body.index(text)
                sections.append(
                    Section(
                        issue=issue,
                        position=(n + 1) * 10,
                        level=level,
                        number=number,
                        heading=f"Nội dung học tập chuyên đề {number}",
                        body=body,
                    )
                )
                cited.append((document, text, start))
        sections = self.bulk(Section, sections)
        self.bulk(
            Citation,
            [
                Citation(
                    document=document,
                    section=section,
                    code=document.code,
                    text=text,
                    start=start,
                    end=start + len(text),
                )
                for section, (document, text, start) in zip(sections, cited, strict=True)
            ],
        )
        self.bulk(
            Footnote,
            [
                Footnote(section=section, position=1, marker="1", text="Trích văn kiện của Đảng.")
                for section in sections[::7]
            ],
        )
        return len(sections), len(sections)

    def accounts(self, accounts_n, cells, password_hash):
        readers = self.bulk(
            User,
            [
                User(
                    username=f"bithu{n:05d}",
                    first_name="Văn An",
                    last_name=f"Nguyễn {n}",
                    password=password_hash,
                )
                for n in range(accounts_n)
            ],
        )
        group = Group.objects.get(name=READER_ROLE)
        self.bulk(
            User.groups.through,
            [User.groups.through(user_id=user.pk, group_id=group.pk) for user in readers],
        )
        self.bulk(
            User.organisations.through,
            [
                User.organisations.through(user_id=user.pk, organisation_id=cell.pk)
                for user, cell in zip(readers, itertools.cycle(cells), strict=False)
            ],
        )
        return readers

    def confirmations(self, issues, readers):
        """Most secretaries confirm the latest issues, fewer the older ones."""
        latest = sorted(issues, key=lambda issue: (issue.year, issue.month), reverse=True)[:24]
        confirmations = [
            ReadConfirmation(issue=issue, reader=reader)
            for age, issue in enumerate(latest)
            for reader in readers[:: 2 + age]
        ]
        return len(self.bulk(ReadConfirmation, confirmations))
