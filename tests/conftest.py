import datetime
import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from bulletins.models import Footnote, Issue, Section
from documents.models import Document, DocumentType
from people.models import Organisation

PASSWORD = "mat-khau-thu-nghiem-2026"

# The real bulletins are not part of the repository: they sit in ../shared/samples beside it.
SAMPLES_DIR = Path(
    os.environ.get("SAMPLES_DIR", Path(__file__).resolve().parents[2] / "shared" / "samples")
)


def sample_path(name):
    """A shared sample bulletin; skipped on a developer machine without it, required in CI."""
    path = SAMPLES_DIR / name
    if not path.is_file():
        message = f"bulletin samples not found at {SAMPLES_DIR}; set SAMPLES_DIR"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def city(db):
    province = Organisation.objects.create(
        name="Tỉnh ủy Cao Bằng", kind=Organisation.Kind.PROVINCE, citation_code="TU"
    )
    return Organisation.objects.create(
        name="Thành ủy Cao Bằng", kind=Organisation.Kind.CITY, parent=province, citation_code="TU"
    )


@pytest.fixture
def board(city):
    return Organisation.objects.create(
        name="Ban Tuyên giáo Thành ủy", kind=Organisation.Kind.BOARD, parent=city
    )


@pytest.fixture
def cell(city):
    ward = Organisation.objects.create(
        name="Đảng ủy phường Hợp Giang", kind=Organisation.Kind.WARD, parent=city
    )
    return Organisation.objects.create(
        name="Chi bộ Tổ dân phố 5", kind=Organisation.Kind.CELL, parent=ward
    )


@pytest.fixture
def directive(city):
    return Document.objects.create(
        document_type=DocumentType.objects.get(name="Kế hoạch"),
        number=412,
        code="412-KH/TU",
        issuer=city,
        issued_on=datetime.date(2026, 8, 14),
        subject="về tăng cường công tác tuyên truyền miệng năm 2026",
    )


def make_issue(publisher, month, *, published=True, sections=5):
    issue = Issue.objects.create(publisher=publisher, year=2026, month=month)
    levels = [1, 2, 2, 3, 1, 2, 1][:sections] + [1] * max(0, sections - 7)
    for position, level in enumerate(levels, start=1):
        section = Section.objects.create(
            issue=issue,
            position=position * 10,
            level=level,
            heading=f"Nội dung số {position} tháng {month}",
            body=f"<p>Đoạn văn của mục {position}, số tháng {month}.</p>",
        )
        Footnote.objects.create(section=section, marker="1", text=f"Chú thích của mục {position}")
    issue.renumber_sections()
    if published:
        issue.publish(when=timezone.now() - datetime.timedelta(days=1))
    return issue


@pytest.fixture
def published_issue(board):
    return make_issue(board, 10)


@pytest.fixture
def draft_issue(board):
    return make_issue(board, 11, published=False)


def make_user(username, *, groups=(), **extra):
    user = User.objects.create_user(username=username, password=PASSWORD, **extra)
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def reader(cell):
    user = make_user("bithu5", groups=["Bí thư chi bộ"], first_name="Thư", last_name="Lục Văn")
    user.organisations.set([cell])
    return user


@pytest.fixture
def editor(board):
    user = make_user("bientap", groups=["Biên tập viên"], is_staff=True)
    user.organisations.set([board])
    return user


@pytest.fixture
def approver(board):
    user = make_user("pheduyet", groups=["Phê duyệt"], is_staff=True)
    user.organisations.set([board])
    return user


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("quantri", "quantri@example.org", PASSWORD)
