"""A large synthetic dataset for the search and load benchmarks and the query-count tests.

A central body over provinces, each with its Ban Tuyên giáo và Dân vận and its commune and
ward committees publishing monthly issues (the 2025 two-level model); party cells under the
communes; secretaries' accounts; years of issues whose numbered, nested sections are
Vietnamese text written from a small vocabulary in the bulletins' style, cite registry
documents unevenly (a few documents in very many sections, as in life) and carry footnotes;
read confirmations. Every size follows from `sections` unless given, so a test can build
the same shape small.

Everything is inserted in bulk; on PostgreSQL the section search index is dropped during the
load and built once at the end (faster than maintaining it row by row). The search vectors
themselves are filled by the trigger as rows arrive.
"""

import datetime
import random
import time
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone

from accounts import roles
from accounts.models import User
from documents.models import Citation, Document, DocumentType
from people.models import Organisation, Person

from .models import Footnote, Issue, ReadConfirmation, Section

ROOT_NAME = "Trung ương (dữ liệu thử nghiệm)"
GIN_INDEX = "bulletins_section_search"
BATCH = 5_000

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Nông", "Lục", "Đàm", "Bế", "Hà", "Vi", "Đinh"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Hữu", "Ngọc", "Quang"]
GIVEN = ["Vân", "Hòa", "Khánh", "Thạch", "Lan", "Hùng", "Dũng", "Thư", "Tuấn", "Mai", "Bằng"]
PLACES = ["Hòa Bình", "Tân Lập", "Đông Sơn", "Nà Rì", "Bản Giới", "Kim Đồng", "Sông Mây", "Pác Bó"]
TOPICS = [
    "chuyển đổi số trong hệ thống chính trị",
    "xây dựng nông thôn mới",
    "phòng, chống sạt lở đất mùa mưa bão",
    "bảo vệ nền tảng tư tưởng của Đảng",
    "công tác dân vận của chính quyền các cấp",
    "phát triển kinh tế tập thể, hợp tác xã",
    "phòng, chống tham nhũng, tiêu cực",
    "giảm nghèo bền vững vùng đồng bào dân tộc thiểu số",
    "tổ chức tết cho Nhân dân vui tươi, an toàn",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "nâng cao chất lượng sinh hoạt chi bộ",
    "bảo vệ môi trường, giữ gìn cảnh quan",
    "thu hút đầu tư, cải thiện môi trường kinh doanh",
    "công tác phát triển đảng viên mới",
]
OPENINGS = [
    "Thực hiện {doc}, cấp ủy đã ban hành kế hoạch triển khai về {topic}.",
    "Ngày {day}/{month}/{year}, Ban Thường vụ tổ chức hội nghị quán triệt {doc}.",
    "Trong tháng, các chi bộ tiếp tục tuyên truyền, quán triệt {doc} về {topic}.",
]
SENTENCES = [
    "Các chi bộ chủ động xây dựng chương trình hành động, phân công cụ thể cho từng đảng viên.",
    "Cấp ủy tăng cường kiểm tra, giám sát việc thực hiện nhiệm vụ {topic}.",
    "Đồng chí {person}, Bí thư Đảng ủy, phát biểu chỉ đạo hội nghị.",
    "Kết quả, {percent}% chỉ tiêu đạt và vượt kế hoạch đề ra; còn một số hạn chế cần khắc phục.",
    "Mặt trận Tổ quốc và các đoàn thể vận động Nhân dân tích cực tham gia {topic}.",
    "Hội nghị đã thống nhất các giải pháp trọng tâm cho những tháng cuối năm.",
    "Tại xã {place}, mô hình dân vận khéo được nhân rộng, tạo sự đồng thuận trong Nhân dân.",
    "Đảng viên gương mẫu, đi đầu, nêu cao tinh thần trách nhiệm trước tập thể.",
    "Tổng số hộ được hỗ trợ là {count} hộ, vượt {percent}% so với cùng kỳ.",
    "Các cơ quan chuyên môn phối hợp chặt chẽ, kịp thời tháo gỡ khó khăn, vướng mắc.",
]
HEADINGS = [
    "{doc} về {topic}",
    "Kết quả thực hiện nhiệm vụ {topic}",
    "Hội nghị sơ kết công tác {topic}",
    "Một số nội dung cơ bản về {topic}",
    "Tin hoạt động: xã {place} triển khai {topic}",
]
DOCUMENT_KINDS = [("Chỉ thị", "CT"), ("Nghị quyết", "NQ"), ("Kế hoạch", "KH"), ("Kết luận", "KL")]


@dataclass
class Sizes:
    """How much to make. Unset sizes follow from `sections`: about 20 sections an issue, a
    publisher's monthly issues over `years`, a cell per 30 sections, an account per 5."""

    sections: int = 100_000
    publishers: int | None = None
    years: int = 10
    cells: int | None = None
    accounts: int | None = None
    documents: int | None = None
    people: int | None = None
    seed: int = 2026

    def __post_init__(self):
        derived = {
            "publishers": max(2, self.sections // (self.years * 12 * 20)),
            "cells": max(4, self.sections // 30),
            "accounts": max(4, self.sections // 5),
            "documents": max(10, self.sections // 50),
            "people": max(5, self.sections // 100),
        }
        for name, value in derived.items():
            if getattr(self, name) is None:
                setattr(self, name, value)


def settle():
    """After a load, what autovacuum would do in its own time (and does not do on a server
    running without it): statistics for the planner and, on PostgreSQL, the visibility map
    without which counts and outlines read every row instead of the index alone. Inside a
    transaction (a test's), where VACUUM cannot run, the statistics only."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


def already_generated():
    return Organisation.objects.filter(name=ROOT_NAME).exists()


class Generator:
    def __init__(self, sizes, report=print):
        self.sizes, self.started = sizes, time.perf_counter()
        self.report = lambda line: report(f"{time.perf_counter() - self.started:7.1f} s  {line}")
        self.random = random.Random(sizes.seed)  # noqa: S311 (test data, not secrets)

    def person_name(self):
        pick = self.random.choice
        return f"{pick(FAMILY)} {pick(MIDDLE)} {pick(GIVEN)}"

    def run(self):
        self.load()
        settle()

    @transaction.atomic
    def load(self):
        postgres = connection.vendor == "postgresql"
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
        publishers, cells = self.organisations()
        self.documents = self.registry(publishers[0].parent.parent)
        Person.objects.bulk_create(
            Person(full_name=self.person_name()) for _ in range(self.sizes.people)
        )
        issues = self.issues(publishers)
        self.sections(issues)
        readers = self.accounts(cells)
        self.confirmations(issues, readers)
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(
                    f"CREATE INDEX {GIN_INDEX} ON bulletins_section USING gin (search_vector)"
                )

    def organisations(self):
        """Provinces with their board, commune committees publishing for themselves, cells."""
        root = Organisation.objects.create(name=ROOT_NAME, kind="central", citation_code="TW")
        provinces = Organisation.objects.bulk_create(
            Organisation(name=f"Tỉnh ủy số {n}", kind="province", parent=root, citation_code="TU")
            for n in range(1, max(1, self.sizes.publishers // 10) + 1)
        )
        boards = Organisation.objects.bulk_create(
            Organisation(name="Ban Tuyên giáo và Dân vận Tỉnh ủy", kind="board", parent=province)
            for province in provinces
        )
        communes = Organisation.objects.bulk_create(
            Organisation(
                name=f"Đảng ủy xã {PLACES[n % len(PLACES)]} {n}",
                kind="commune",
                parent=provinces[n % len(provinces)],
            )
            for n in range(max(1, self.sizes.publishers - len(boards)))
        )
        cells = Organisation.objects.bulk_create(
            (
                Organisation(
                    name=f"Chi bộ thôn {n}", kind="cell", parent=communes[n % len(communes)]
                )
                for n in range(self.sizes.cells)
            ),
            batch_size=BATCH,
        )
        self.report(f"publishers: {len(boards) + len(communes)}, cells: {len(cells)}")
        return [*boards, *communes], cells

    def registry(self, issuer):
        types = {
            abbreviation: DocumentType.objects.get(name=name)
            for name, abbreviation in DOCUMENT_KINDS
        }
        documents = []
        for n in range(self.sizes.documents):
            _name, abbreviation = DOCUMENT_KINDS[n % len(DOCUMENT_KINDS)]
            year = 2016 + n % 11
            documents.append(
                Document(
                    document_type=types[abbreviation],
                    number=n + 1,
                    code=f"{n + 1:02d}-{abbreviation}/TW",
                    issuer=issuer,
                    issued_on=datetime.date(year, 1 + n % 12, 1 + n % 28),
                    subject=f"về {self.random.choice(TOPICS)}",
                )
            )
        return Document.objects.bulk_create(documents, batch_size=BATCH)

    def issues(self, publishers):
        """Every publisher's monthly issues, oldest first as they are entered in real life.
        Boards write for every reader (one issue in ten public); communes for themselves."""
        this_year = timezone.now().year
        issues = []
        for year in range(this_year - self.sizes.years, this_year):
            for month in range(1, 13):
                for publisher in publishers:
                    if publisher.kind == "commune":
                        audience = Issue.Audience.ORGANISATIONS
                    elif (year * 12 + month) % 10 == 0:
                        audience = Issue.Audience.PUBLIC
                    else:
                        audience = Issue.Audience.INTERNAL
                    issues.append(
                        Issue(
                            publisher=publisher,
                            year=year,
                            month=month,
                            audience=audience,
                            status=Issue.Status.PUBLISHED,
                            published_at=datetime.datetime(year, month, 1, 7, tzinfo=datetime.UTC),
                        )
                    )
        issues = Issue.objects.bulk_create(issues, batch_size=BATCH)
        Through = Issue.audience_organisations.through
        Through.objects.bulk_create(
            (
                Through(issue_id=issue.pk, organisation_id=issue.publisher_id)
                for issue in issues
                if issue.audience == Issue.Audience.ORGANISATIONS
            ),
            batch_size=BATCH,
        )
        self.report(f"issues: {len(issues)}")
        return issues

    def text(self, issue, document):
        pick = self.random.choice
        values = {
            "doc": f"{document.document_type.name} số {document.code}",
            "topic": pick(TOPICS),
            "place": pick(PLACES),
            "person": self.person_name(),
            "day": self.random.randint(1, 28),
            "month": issue.month,
            "year": issue.year,
            "percent": self.random.randint(60, 120),
            "count": self.random.randint(10, 900),
        }
        heading = pick(HEADINGS).format(**values)
        paragraphs = []
        for _ in range(self.random.randint(2, 4)):
            sentences = [pick(OPENINGS), *self.random.sample(SENTENCES, 4)]
            paragraphs.append("<p>" + " ".join(s.format(**values) for s in sentences) + "</p>")
        return heading, "".join(paragraphs), values["doc"]

    def cited_document(self):
        """Zipf-like: a few documents are cited in very many sections."""
        return self.documents[int(self.random.random() ** 4 * len(self.documents))]

    def sections(self, issues):
        """Numbered, nested sections citing a document each, a footnote on every seventh."""
        per_issue, extra = divmod(self.sizes.sections, len(issues))
        levels = [1, 2, 2, 3, 2, 1]
        total = 0
        for start in range(0, len(issues), 200):
            batch, cited = [], []
            for index, issue in enumerate(issues[start : start + 200], start=start):
                counters = [0] * 4
                count = max(1, per_issue + (1 if index < extra else 0))
                for n in range(count):
                    level = levels[n % len(levels)] if 0 < n < count - 1 else 1
                    counters[level - 1] += 1
                    counters[level:] = [0] * (4 - level)
                    document = self.cited_document()
                    heading, body, doc_text = self.text(issue, document)
                    batch.append(
                        Section(
                            issue=issue,
                            position=(n + 1) * 10,
                            level=level,
                            number=".".join(str(c) for c in counters[:level]) + ".",
                            heading=heading,
                            body=body,
                        )
                    )
                    cited.append((document, doc_text, body.find(doc_text)))
            Section.objects.bulk_create(batch, batch_size=2_000)
            Citation.objects.bulk_create(
                (
                    Citation(
                        section=section,
                        document=document,
                        code=document.code,
                        text=doc_text,
                        start=offset,
                        end=offset + len(doc_text),
                    )
                    for section, (document, doc_text, offset) in zip(batch, cited, strict=True)
                    if offset >= 0
                ),
                batch_size=BATCH,
            )
            Footnote.objects.bulk_create(
                Footnote(section=section, position=1, marker="1", text="Trích văn kiện của Đảng.")
                for section in batch[::7]
            )
            total += len(batch)
            if start % 2_000 == 0:
                self.report(f"sections: {total}")
        self.report(f"sections: {total}")

    def accounts(self, cells):
        """Secretaries of the cells, with unusable passwords: nobody logs in as them."""
        users = User.objects.bulk_create(
            (
                User(
                    username=f"bithu_thu_{n:05d}",
                    password=make_password(None),
                    last_name=self.person_name(),
                )
                for n in range(self.sizes.accounts)
            ),
            batch_size=BATCH,
        )
        Membership = User.organisations.through
        Membership.objects.bulk_create(
            (
                Membership(user_id=user.pk, organisation_id=cells[n % len(cells)].pk)
                for n, user in enumerate(users)
            ),
            batch_size=BATCH,
        )
        secretaries = Group.objects.get(name=roles.SECRETARY)
        Roles = User.groups.through
        Roles.objects.bulk_create(
            (Roles(user_id=user.pk, group_id=secretaries.pk) for user in users), batch_size=BATCH
        )
        self.report(f"accounts: {len(users)}")
        return users

    def confirmations(self, issues, readers):
        """Most secretaries confirm the boards' latest issues, fewer the older ones."""
        latest = [issue for issue in issues if issue.audience != Issue.Audience.ORGANISATIONS]
        rows = [
            ReadConfirmation(issue=issue, reader=reader)
            for age, issue in enumerate(reversed(latest[-24:]))
            for reader in readers[:: 2 + age]
        ]
        ReadConfirmation.objects.bulk_create(rows, batch_size=BATCH)
        self.report(f"read confirmations: {len(rows)}")


LARGE_ISSUE_TOPIC = "Văn kiện Đại hội (dữ liệu thử nghiệm)"


def add_large_issue(sections=1_000, citations=6_000, report=print):
    """The outliers the admin benchmark times, added once to a generated dataset: a thematic
    issue of `sections` sections written as the generator writes them, whose first section
    cites the most cited document `citations` times. Returns that issue."""
    issue = Issue.objects.filter(topic=LARGE_ISSUE_TOPIC).first()
    if issue is None:
        issue = _large_issue(sections, citations, report)
        settle()
    return issue


@transaction.atomic
def _large_issue(sections, citations, report):
    generator = Generator(Sizes(sections=sections), report=report)
    generator.documents = list(Document.objects.select_related("document_type").order_by("pk"))
    last_year = timezone.now().year - 1
    issue = Issue.objects.create(
        publisher=Organisation.objects.filter(kind="board").earliest("pk"),
        kind=Issue.Kind.THEMATIC,
        topic=LARGE_ISSUE_TOPIC,
        year=last_year,
        month=12,
        status=Issue.Status.PUBLISHED,
        published_at=datetime.datetime(last_year, 12, 1, 7, tzinfo=datetime.UTC),
    )
    generator.sections([issue])
    first, document = issue.sections.earliest("position"), generator.documents[0]
    Citation.objects.bulk_create(
        (
            Citation(
                section=first,
                document=document,
                code=document.code,
                text=document.code,
                start=n,
                end=n + len(document.code),
            )
            for n in range(citations)
        ),
        batch_size=BATCH,
    )
    report(f"a thematic issue of {sections} sections, {citations} citations in its first")
    return issue
