"""A large synthetic dataset for benchmarks: a province with hundreds of publishing party
committees, thousands of cells and accounts, ten years of monthly issues, sections of
Vietnamese text written from a small vocabulary in the style of the bulletins, citations of
registry documents, and read confirmations.

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

from accounts.models import User
from documents.models import Citation, Document, DocumentType
from people.models import Organisation, Person

from .models import Issue, ReadConfirmation, Section

ROOT_NAME = "Tỉnh ủy Lâm Sơn (dữ liệu thử nghiệm)"
GIN_INDEX = "bulletins_section_search"

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
    sections: int = 100_000
    publishers: int = 200
    years: int = 10
    cells_per_publisher: int = 10
    accounts: int = 20_000
    documents: int = 2_000
    people: int = 1_000
    seed: int = 2026


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
        with connection.cursor() as cursor:  # statistics for the planner, after the commit
            cursor.execute("ANALYZE")

    @transaction.atomic
    def load(self):
        postgres = connection.vendor == "postgresql"
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
        publishers, cells = self.organisations()
        self.documents = self.registry()
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
        root = Organisation.objects.create(name=ROOT_NAME, kind="province", citation_code="TU")
        board = Organisation.objects.create(
            name="Ban Tuyên giáo và Dân vận", kind="board", parent=root
        )
        communes = Organisation.objects.bulk_create(
            Organisation(
                name=f"Đảng ủy xã {PLACES[i % len(PLACES)]} {i}", kind="commune", parent=root
            )
            for i in range(1, self.sizes.publishers)
        )
        cells = Organisation.objects.bulk_create(
            Organisation(name=f"Chi bộ thôn {j}", kind="cell", parent=commune)
            for commune in communes
            for j in range(1, self.sizes.cells_per_publisher + 1)
        )
        self.report(f"organisations: {len(communes) + 2}, cells: {len(cells)}")
        return [board, *communes], cells

    def registry(self):
        types = {
            abbreviation: DocumentType.objects.get(name=name)
            for name, abbreviation in DOCUMENT_KINDS
        }
        documents, seen = [], set()
        while len(documents) < self.sizes.documents:
            _name, abbreviation = self.random.choice(DOCUMENT_KINDS)
            number, issuer = self.random.randint(1, 400), self.random.choice(["TW", "TU"])
            year = self.random.randint(2015, 2026)
            code = f"{number:02d}-{abbreviation}/{issuer}"
            if (code, year) in seen:
                continue
            seen.add((code, year))
            documents.append(
                Document(
                    document_type=types[abbreviation],
                    number=number,
                    code=code,
                    issued_on=datetime.date(
                        year, self.random.randint(1, 12), self.random.randint(1, 28)
                    ),
                    subject=f"về {self.random.choice(TOPICS)}",
                )
            )
        return Document.objects.bulk_create(documents)

    def issues(self, publishers):
        this_year = timezone.now().year
        years = range(this_year - self.sizes.years, this_year)
        # Month after month, as they are entered in real life.
        issues = [
            Issue(
                publisher=publisher,
                year=year,
                month=month,
                audience=Issue.Audience.INTERNAL
                if publisher.kind == "board"
                else Issue.Audience.ORGANISATIONS,
                status=Issue.Status.PUBLISHED,
                published_at=datetime.datetime(year, month, 1, 7, tzinfo=datetime.UTC),
            )
            for year in years
            for month in range(1, 13)
            for publisher in publishers
        ]
        issues = Issue.objects.bulk_create(issues, batch_size=5_000)
        Through = Issue.audience_organisations.through
        Through.objects.bulk_create(
            (
                Through(issue_id=issue.pk, organisation_id=issue.publisher_id)
                for issue in issues
                if issue.audience == Issue.Audience.ORGANISATIONS
            ),
            batch_size=10_000,
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

    def sections(self, issues):
        per_issue = max(1, self.sizes.sections // len(issues))
        extra = self.sizes.sections - per_issue * len(issues)
        total = 0
        for start in range(0, len(issues), 200):
            batch, cited = [], []
            for index, issue in enumerate(issues[start : start + 200], start=start):
                count = per_issue + (1 if index < extra else 0)
                for position in range(1, count + 1):
                    document = self.random.choice(self.documents)
                    heading, body, doc_text = self.text(issue, document)
                    batch.append(
                        Section(
                            issue=issue,
                            position=position * 10,
                            level=1,
                            number=f"{position}.",
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
                batch_size=5_000,
            )
            total += len(batch)
            if start % 2_000 == 0:
                self.report(f"sections: {total}")
        self.report(f"sections: {total}")

    def accounts(self, cells):
        password = make_password("du-lieu-thu-nghiem-khong-dang-nhap")
        users = User.objects.bulk_create(
            (
                User(username=f"bithu_thu_{i:05d}", password=password, last_name=self.person_name())
                for i in range(self.sizes.accounts)
            ),
            batch_size=5_000,
        )
        Membership = User.organisations.through
        Membership.objects.bulk_create(
            (
                Membership(user_id=user.pk, organisation_id=cells[i % len(cells)].pk)
                for i, user in enumerate(users)
            ),
            batch_size=10_000,
        )
        secretaries = Group.objects.get(name="Bí thư chi bộ")
        Roles = User.groups.through
        Roles.objects.bulk_create(
            (Roles(user_id=user.pk, group_id=secretaries.pk) for user in users), batch_size=10_000
        )
        self.report(f"accounts: {len(users)}")
        return users

    def confirmations(self, issues, readers):
        """Half the readers confirmed each of the province board's last twelve issues."""
        latest = [issue for issue in issues if issue.audience == Issue.Audience.INTERNAL][-12:]
        rows = [
            ReadConfirmation(issue=issue, reader=reader)
            for issue in latest
            for reader in readers
            if self.random.random() < 0.5
        ]
        ReadConfirmation.objects.bulk_create(rows, batch_size=10_000)
        self.report(f"read confirmations: {len(rows)}")
