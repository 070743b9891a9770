"""Vietnamese that reads right: the terms, plurals and labels a new user met wrong."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from accounts.importing import read_rows
from accounts.models import User
from bulletins.models import Issue, Review
from people.models import Organisation

from .factories import PASSWORD


@pytest.fixture
def reviewed_issue(draft_issue, approver):
    Review.objects.create(
        issue=draft_issue,
        actor=approver,
        from_status=Issue.Status.SUBMITTED,
        to_status=Issue.Status.DRAFT,
        comment="Bổ sung số liệu mục 2.",
    )
    return draft_issue


def test_issue_pages_use_the_glossary_terms(client, superuser, reviewed_issue):
    client.force_login(superuser)
    changelist = client.get(reverse("admin:bulletins_issue_changelist")).content.decode()
    change = client.get(reverse("admin:bulletins_issue_change", args=[reviewed_issue.pk]))
    change = change.content.decode()

    assert "Thêm số tài liệu" in changelist
    assert "Thêm vào" not in changelist
    assert "1 số tài liệu" in changelist
    assert "các các" not in changelist.lower()
    assert "Xóa các số tài liệu đã chọn" in changelist
    assert "Lịch sử" in change
    assert "Bản ghi nhớ" not in change
    # The review table heads statuses as statuses, not as dates.
    assert "Trạng thái trước" in change
    assert "Từ ngày" not in change


def test_an_editor_reads_a_published_issue_as_text_without_form_leftovers(
    client, editor, published_issue
):
    client.force_login(editor)
    page = client.get(reverse("admin:bulletins_issue_change", args=[published_issue.pk]))
    html = page.content.decode()

    assert "<p>Đoạn văn của mục 1, số tháng 10.</p>" in html
    assert "&lt;p&gt;" not in html
    assert "None" not in html
    assert "correction_note" not in html


def test_a_new_account_is_asked_for_its_one_time_password(client, cell):
    newcomer = User.objects.create_user("moi2026", password=PASSWORD, must_change_password=True)
    client.force_login(newcomer)

    page = client.get(reverse("password_change")).content.decode()

    assert "Mật khẩu dùng một lần" in page
    assert "Mật khẩu cũ" not in page


def test_a_reader_changing_the_password_is_asked_for_the_old_one(client, reader):
    client.force_login(reader)
    page = client.get(reverse("password_change")).content.decode()
    assert "Mật khẩu cũ" in page


def test_the_group_picker_speaks_vietnamese(client, superuser):
    """The two-list picker of roles and permissions is built by the admin's JavaScript."""
    client.force_login(superuser)
    catalogue = client.get("/quan-tri/jsi18n/").content.decode()
    assert "Ch\\u1ecdn t\\u1ea5t c\\u1ea3 %s" in catalogue or "Chọn tất cả %s" in catalogue


def test_permissions_are_named_in_vietnamese(client, superuser, reader):
    client.force_login(superuser)
    page = client.get(reverse("admin:accounts_user_change", args=[reader.pk])).content.decode()
    assert "Can add" not in page
    assert "thêm số tài liệu" in page
    # The cell comes before the long permission list.
    assert page.index('name="organisations"') < page.index('name="user_permissions"')


def test_pickers_name_a_cell_with_its_ward_and_offer_only_allowed_publishers(
    client, editor, board, cell, city
):
    other_ward = Organisation.objects.create(
        name="Đảng ủy phường Sông Hiến", kind=Organisation.Kind.WARD, parent=city
    )
    Organisation.objects.create(name=cell.name, kind=Organisation.Kind.CELL, parent=other_ward)
    client.force_login(editor)
    url = reverse("admin:autocomplete")

    cells = client.get(
        url,
        {"term": "Tổ dân phố 5", "app_label": "bulletins", "model_name": "issue",
         "field_name": "audience_organisations"},
    ).json()["results"]  # fmt: skip
    publishers = client.get(
        url,
        {"term": "", "app_label": "bulletins", "model_name": "issue", "field_name": "publisher"},
    ).json()["results"]

    assert sorted(result["text"] for result in cells) == [
        "Chi bộ Tổ dân phố 5 – Đảng ủy phường Hợp Giang",
        "Chi bộ Tổ dân phố 5 – Đảng ủy phường Sông Hiến",
    ]
    assert [result["text"] for result in publishers] == [
        "Ban Tuyên giáo Thành ủy – Thành ủy Cao Bằng"
    ]
    form = client.get(reverse("admin:bulletins_issue_add")).context["adminform"].form
    assert list(form.fields["publisher"].queryset) == [board]


def test_the_read_report_csv_has_local_times(client, approver, published_issue, reader):
    import datetime as dt

    from bulletins.models import ReadConfirmation

    confirmation = ReadConfirmation.objects.create(issue=published_issue, reader=reader)
    confirmation.confirmed_at = dt.datetime(2026, 10, 3, 14, 5, tzinfo=dt.UTC)
    confirmation.save()
    client.force_login(approver)
    url = reverse("admin:bulletins_issue_read_report", args=[published_issue.pk])
    csv_text = client.get(url, {"format": "csv"}).content.decode()
    assert "2026-10-03 21:05" in csv_text  # Asia/Ho_Chi_Minh is UTC+7


def test_publishing_now_asks_for_confirmation_first(client, approver, draft_issue):
    client.force_login(approver)
    url = reverse("admin:bulletins_issue_workflow", args=[draft_issue.pk])

    first = client.post(url, {"transition": "publish"})
    draft_issue.refresh_from_db()
    assert draft_issue.status == Issue.Status.DRAFT
    assert "Đồng ý, phát hành ngay" in first.content.decode()
    assert reverse("bulletins:issue_preview", args=[draft_issue.pk]) in first.content.decode()

    client.post(url, {"transition": "publish", "confirmed": "1"})
    draft_issue.refresh_from_db()
    assert draft_issue.status == Issue.Status.PUBLISHED


def test_a_sent_back_issue_opens_with_the_comment_on_top(client, editor, reviewed_issue):
    client.force_login(editor)
    page = client.get(reverse("admin:bulletins_issue_change", args=[reviewed_issue.pk]))
    html = page.content.decode()
    assert html.index("Bổ sung số liệu mục 2.") < html.index('id="issue_form"')


def test_the_account_import_offers_a_sample_file(client, superuser):
    client.force_login(superuser)
    page = client.get(reverse("admin:accounts_user_import")).content.decode()
    assert "accounts/tai-khoan-mau.csv" in page
    # Printing the page after an import prints just the list of one-time passwords.
    assert "accounts/print.css" in page
    assert ".one-time-passwords" in Path(finders.find("accounts/print.css")).read_text("utf-8")
    sample = finders.find("accounts/tai-khoan-mau.csv")
    rows = read_rows(Path(sample).read_bytes())
    assert [row.username for row in rows] == ["nongthiman", "luongvantai"]


GLOSSARY = Path(__file__).resolve().parent.parent / "locale" / "GLOSSARY.md"
CATALOGUE = GLOSSARY.parent / "vi" / "LC_MESSAGES" / "django.po"


def glossary_terms():
    """The (English, Vietnamese) rows of the glossary's table, without its head."""
    lines = [line for line in GLOSSARY.read_text("utf-8").splitlines() if line.startswith("|")]
    cells = [line.split("|")[1:3] for line in lines[2:]]
    return [(english.strip(), vietnamese.strip()) for english, vietnamese in cells]


def test_the_catalogue_follows_the_glossary():
    from django.utils import translation

    terms = glossary_terms()
    assert len(terms) > 20
    with translation.override("vi"):
        wrong = {
            english: translation.gettext(english)
            for english, vietnamese in terms
            if translation.gettext(english) != vietnamese
        }
    assert not wrong


def test_no_translation_doubles_the_plural_marker():
    doubled = [line for line in CATALOGUE.read_text("utf-8").splitlines() if "các các" in line]
    assert not doubled


def test_the_catalogue_translates_each_string_once():
    """Branches merge the catalogue as a union: a string added twice would be translated by
    whichever copy the compiler meets last, so two translations could silently disagree."""
    catalogue = CATALOGUE
    keys = re.findall(
        r'^(msgctxt "[^\n]*"\n)?msgid ("[^\n]*"(?:\n"[^\n]*")*)$', catalogue.read_text(), re.M
    )
    seen, twice = set(), []
    for context, msgid in keys:
        if msgid == '""' and not context:
            continue  # the header
        if (context, msgid) in seen:
            twice.append(msgid)
        seen.add((context, msgid))
    assert twice == []
