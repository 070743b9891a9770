"""From first draft to scheduled publication with review; no edit lost, nothing published by
the wrong person."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from accounts import roles
from bulletins import workflow
from bulletins.models import Attachment, Issue, Review, Section
from bulletins.numbering import move

from .factories import make_issue, make_user
from .forms import form_data

pytestmark = pytest.mark.django_db
S = Issue.Status


def admin_url(name, *args):
    return reverse(f"admin:bulletins_issue_{name}", args=args)


class TestTransitions:
    @pytest.mark.parametrize(
        ("start", "step", "role", "end"),
        [
            (S.DRAFT, "submit", "editor", S.SUBMITTED),
            (S.SUBMITTED, "send_back", "approver", S.DRAFT),
            (S.SUBMITTED, "publish", "approver", S.PUBLISHED),
            (S.DRAFT, "publish", "approver", S.PUBLISHED),
            (S.SUBMITTED, "schedule", "approver", S.SCHEDULED),
            (S.SCHEDULED, "schedule", "approver", S.SCHEDULED),
            (S.PUBLISHED, "withdraw", "approver", S.WITHDRAWN),
            (S.SCHEDULED, "withdraw", "approver", S.WITHDRAWN),
            (S.WITHDRAWN, "reopen", "approver", S.DRAFT),
        ],
    )
    def test_allowed_steps(self, draft_issue, editor, approver, start, step, role, end):
        user = {"editor": editor, "approver": approver}[role]
        Issue.objects.filter(pk=draft_issue.pk).update(status=start)
        when = timezone.now() + datetime.timedelta(days=2)
        issue = workflow.apply(draft_issue, step, user, comment="Lý do", when=when)
        assert issue.status == end
        review = Review.objects.get(issue=issue)
        assert (review.actor, review.from_status, review.to_status) == (user, start, end)

    @pytest.mark.parametrize("step", ["publish", "schedule", "send_back", "withdraw", "reopen"])
    def test_editors_never_publish_or_withdraw(self, draft_issue, editor, step):
        with pytest.raises(PermissionDenied):
            workflow.apply(draft_issue, step, editor, comment="x")
        draft_issue.refresh_from_db()
        assert draft_issue.status == S.DRAFT
        assert not Review.objects.exists()

    def test_readers_cannot_even_submit(self, draft_issue, reader):
        with pytest.raises(PermissionDenied):
            workflow.apply(draft_issue, "submit", reader)

    def test_a_step_that_does_not_fit_the_status_is_refused(self, published_issue, approver):
        with pytest.raises(ValidationError):
            workflow.apply(published_issue, "publish", approver)

    def test_sending_back_needs_a_comment_the_editor_sees(
        self, client, draft_issue, editor, approver
    ):
        workflow.apply(draft_issue, "submit", editor)
        with pytest.raises(ValidationError):
            workflow.apply(draft_issue, "send_back", approver, comment="  ")
        workflow.apply(draft_issue, "send_back", approver, comment="Bổ sung số liệu mục 2.")
        client.force_login(editor)
        page = client.get(admin_url("change", draft_issue.pk)).content.decode()
        assert "Bổ sung số liệu mục 2." in page

    def test_scheduling_needs_a_time_in_the_future(self, draft_issue, approver):
        past = timezone.now() - datetime.timedelta(minutes=1)
        with pytest.raises(ValidationError):
            workflow.apply(draft_issue, "schedule", approver, when=past)
        with pytest.raises(ValidationError):
            workflow.apply(draft_issue, "schedule", approver)


class TestScheduledVisibility:
    def test_a_scheduled_issue_appears_at_its_time_even_without_the_command(
        self, draft_issue, approver, reader
    ):
        when = timezone.now() + datetime.timedelta(hours=1)
        workflow.apply(draft_issue, "schedule", approver, when=when)
        assert draft_issue not in Issue.objects.visible_to(reader)
        Issue.objects.filter(pk=draft_issue.pk).update(
            published_at=timezone.now() - datetime.timedelta(seconds=1)
        )
        assert draft_issue in Issue.objects.visible_to(reader)
        assert Issue.objects.get(pk=draft_issue.pk).status == S.SCHEDULED

    def test_the_command_publishes_due_issues_only(self, board, approver):
        due, later = make_issue(board, 3, published=False), make_issue(board, 4, published=False)
        soon = timezone.now() + datetime.timedelta(minutes=5)
        for issue in (due, later):
            workflow.apply(issue, "schedule", approver, when=soon)
        Issue.objects.filter(pk=due.pk).update(published_at=timezone.now())
        out = StringIO()
        call_command("publish_due_issues", stdout=out)
        assert Issue.objects.get(pk=due.pk).status == S.PUBLISHED
        assert Issue.objects.get(pk=later.pk).status == S.SCHEDULED
        assert due.title in out.getvalue()

    def test_withdrawn_issues_leave_the_portal(self, published_issue, approver, reader):
        workflow.apply(published_issue, "withdraw", approver, comment="Có sai sót số liệu")
        assert published_issue not in Issue.objects.visible_to(reader)


class TestWorkflowPage:
    def test_approver_publishes_from_the_admin(self, client, approver, draft_issue):
        client.force_login(approver)
        url = admin_url("workflow", draft_issue.pk)
        assert "Phát hành ngay" in client.get(url).content.decode()
        client.post(url, {"transition": "publish", "comment": "", "confirmed": "1"})
        draft_issue.refresh_from_db()
        assert draft_issue.status == S.PUBLISHED

    def test_editor_sees_only_submit(self, client, editor, draft_issue):
        client.force_login(editor)
        url = admin_url("workflow", draft_issue.pk)
        page = client.get(url).content.decode()
        assert "Gửi duyệt" in page and "Phát hành ngay" not in page
        response = client.post(url, {"transition": "publish"})
        assert response.status_code == 403
        client.post(url, {"transition": "submit"})
        draft_issue.refresh_from_db()
        assert draft_issue.status == S.SUBMITTED

    def test_the_status_cannot_be_changed_through_the_issue_form(self, client, editor, draft_issue):
        client.force_login(editor)
        url = admin_url("change", draft_issue.pk)
        data = form_data(client.get(url).content.decode(), "issue_form")
        data.update({"status": "published", "published_at_0": "01/11/2026"})
        assert client.post(url, data).status_code == 302
        draft_issue.refresh_from_db()
        assert draft_issue.status == S.DRAFT


class TestNoLostUpdates:
    def test_the_later_of_two_concurrent_saves_is_refused_and_keeps_its_text(
        self, client, editor, draft_issue
    ):
        other = make_user("bientap2", groups=[roles.EDITOR], is_staff=True)
        other.organisations.set(editor.organisations.all())
        url = admin_url("change", draft_issue.pk)
        client.force_login(editor)
        mine = form_data(client.get(url).content.decode(), "issue_form")
        client.force_login(other)
        theirs = form_data(client.get(url).content.decode(), "issue_form")

        theirs["sections-0-heading"] = "Tiêu đề do đồng chí thứ hai sửa"
        assert client.post(url, theirs).status_code == 302

        client.force_login(editor)
        mine["sections-0-heading"] = "Tiêu đề do tôi sửa"
        mine["title_override"] = "Số đặc biệt"
        response = client.post(url, mine)
        content = response.content.decode()
        assert response.status_code == 200
        assert "sau khi bạn mở" in content
        assert "Tiêu đề do tôi sửa" in content  # the editor's text is kept to merge
        draft_issue.refresh_from_db()
        assert draft_issue.title_override == ""
        assert draft_issue.sections.first().heading == "Tiêu đề do đồng chí thứ hai sửa"

        merged = form_data(content, "issue_form")
        assert client.post(url, merged).status_code == 302  # a deliberate second save
        draft_issue.refresh_from_db()
        assert draft_issue.sections.first().heading == "Tiêu đề do tôi sửa"

    def test_a_workflow_step_meanwhile_also_counts_as_a_newer_version(
        self, client, editor, approver, draft_issue
    ):
        url = admin_url("change", draft_issue.pk)
        client.force_login(editor)
        mine = form_data(client.get(url).content.decode(), "issue_form")
        workflow.apply(draft_issue, "submit", editor)
        mine["title_override"] = "Tiêu đề mới"
        assert client.post(url, mine).status_code == 200
        draft_issue.refresh_from_db()
        assert draft_issue.title_override == ""


class TestHistory:
    def test_every_admin_save_is_a_version_and_an_old_one_can_be_restored(
        self, client, editor, draft_issue
    ):
        client.force_login(editor)
        url = admin_url("change", draft_issue.pk)
        for heading in ["Bản thứ nhất", "Bản thứ hai"]:
            data = form_data(client.get(url).content.decode(), "issue_form")
            data["sections-0-heading"] = heading
            assert client.post(url, data).status_code == 302
        versions = Version.objects.get_for_object(draft_issue).order_by("pk")
        assert versions.count() == 2

        history = client.get(admin_url("history", draft_issue.pk)).content.decode()
        assert "Bản thứ nhất" not in history or versions.count() == 2
        compare = client.get(
            admin_url("compare", draft_issue.pk),
            {"version_id1": versions[0].pk, "version_id2": versions[1].pk},
        )
        assert compare.status_code == 200

        first = versions[0]
        revert_url = reverse("admin:bulletins_issue_revision", args=[draft_issue.pk, first.pk])
        data = form_data(client.get(revert_url).content.decode(), "issue_form")
        assert client.post(revert_url, data).status_code == 302
        assert draft_issue.sections.order_by("position").first().heading == "Bản thứ nhất"

    def test_a_deleted_section_is_recovered_by_its_publishers_staff_only(
        self, client, editor, draft_issue, city
    ):
        client.force_login(editor)
        url = admin_url("change", draft_issue.pk)
        data = form_data(client.get(url).content.decode(), "issue_form")
        assert client.post(url, data).status_code == 302  # a version with all sections
        section = draft_issue.sections.order_by("position").last()
        data = form_data(client.get(url).content.decode(), "issue_form")
        data["sections-4-DELETE"] = "on"
        assert client.post(url, data).status_code == 302
        assert not Section.objects.filter(pk=section.pk).exists()

        outsider = make_user("bientap_khac", groups=[roles.EDITOR], is_staff=True)
        outsider.organisations.set(
            [city.__class__.objects.create(name="Ban Dân vận", kind="board", parent=city)]
        )
        recover_list = reverse("admin:bulletins_section_recoverlist")
        deleted = Version.objects.get_deleted(Section).get(object_id=str(section.pk))
        client.force_login(outsider)
        assert section.heading not in client.get(recover_list).content.decode()
        recover = reverse("admin:bulletins_section_recover", args=[deleted.pk])
        assert client.get(recover).status_code == 403

        client.force_login(editor)
        assert section.heading in client.get(recover_list).content.decode()
        data = form_data(client.get(recover).content.decode(), "section_form")
        assert client.post(recover, data).status_code == 302
        assert Section.objects.filter(pk=section.pk, heading=section.heading).exists()


class TestCorrections:
    def test_a_published_issue_is_corrected_by_an_approver_with_a_reason(
        self, client, approver, editor, published_issue
    ):
        url = admin_url("change", published_issue.pk)
        client.force_login(editor)
        assert 'name="_save"' not in client.get(url).content.decode()  # read-only for editors

        client.force_login(approver)
        data = form_data(client.get(url).content.decode(), "issue_form")
        data["sections-0-heading"] = "Tiêu đề đã đính chính"
        response = client.post(url, data)
        assert response.status_code == 200  # the reason is required
        data = form_data(response.content.decode(), "issue_form")
        data["correction_note"] = "Đính chính tên văn bản ở mục 1."
        assert client.post(url, data).status_code == 302
        latest = Version.objects.get_for_object(published_issue).first()
        assert latest.revision.comment == "Đính chính tên văn bản ở mục 1."
        assert published_issue.sections.first().heading == "Tiêu đề đã đính chính"

    def test_a_published_issue_cannot_be_deleted(self, client, superuser, published_issue):
        client.force_login(superuser)
        response = client.post(admin_url("delete", published_issue.pk), {"post": "yes"})
        assert response.status_code == 403
        assert Issue.objects.filter(pk=published_issue.pk).exists()

    def test_a_draft_can_be_deleted(self, client, superuser, draft_issue):
        client.force_login(superuser)
        client.post(admin_url("delete", draft_issue.pk), {"post": "yes"})
        assert not Issue.objects.filter(pk=draft_issue.pk).exists()


class TestProductivity:
    def test_start_next_months_issue_with_the_recurring_outline(self, client, editor, board):
        latest = make_issue(board, 10)
        news = latest.sections.filter(level=1).last()
        news.heading = "Tin hoạt động của Thành phố"
        news.save()
        client.force_login(editor)
        response = client.post(admin_url("start_next"), {"publisher": board.pk})
        issue = Issue.objects.get(publisher=board, year=2026, month=11)
        assert response.url == admin_url("change", issue.pk)
        assert issue.status == S.DRAFT and issue.created_by == editor
        assert [(s.number, s.heading) for s in issue.sections.all()] == [
            ("1.", "(Nội dung học tập, quán triệt trong tháng)"),
            ("2.", "Tin hoạt động của Thành phố"),
        ]
        client.post(admin_url("start_next"), {"publisher": board.pk})
        assert Issue.objects.filter(publisher=board, month=12).exists()
        client.post(admin_url("start_next"), {"publisher": board.pk})
        assert Issue.objects.filter(publisher=board, year=2027, month=1).exists()

    def test_move_buttons_keep_subsections_with_their_section(self, client, editor, draft_issue):
        # outline: 1. / 1.1. / 1.2. / 1.2.1. / 2.
        client.force_login(editor)
        url = admin_url("change", draft_issue.pk)
        third = draft_issue.sections.get(number="1.2.")
        data = form_data(client.get(url).content.decode(), "issue_form")
        assert client.post(url, {**data, "_move": f"{third.pk}:up"}).url == url
        rows = [(s.number, s.heading) for s in draft_issue.sections.all()]
        assert [number for number, _ in rows] == ["1.", "1.1.", "1.1.1.", "1.2.", "2."]
        assert rows[1][1] == "Nội dung số 3 tháng 11" and rows[2][1] == "Nội dung số 4 tháng 11"

        data = form_data(client.get(url).content.decode(), "issue_form")
        client.post(url, {**data, "_move": f"{third.pk}:out"})
        numbers = dict(draft_issue.sections.values_list("pk", "number"))
        assert numbers[third.pk] == "2."

    def test_outline_moves(self):
        assert move([1, 2, 2, 3, 1], 2, "up", 4) == ([0, 2, 3, 1, 4], [1, 2, 3, 2, 1])
        assert move([1, 2, 2, 3, 1], 1, "up", 4) == ([0, 1, 2, 3, 4], [1, 2, 2, 3, 1])
        assert move([1, 2, 1], 0, "down", 4) == ([2, 0, 1], [1, 1, 2])
        assert move([1, 1, 2], 1, "in", 4) == ([0, 1, 2], [1, 2, 3])
        assert move([1, 2, 3, 4], 1, "in", 4) == ([0, 1, 2, 3], [1, 2, 3, 4])  # too deep
        assert move([1, 2], 0, "out", 4) == ([0, 1], [1, 2])


class TestPreview:
    def test_staff_preview_a_draft_as_readers_will_see_it(self, client, editor, draft_issue):
        client.force_login(editor)
        url = reverse("bulletins:issue_preview", args=[draft_issue.pk])
        content = client.get(url).content.decode()
        assert "Bản xem trước" in content
        assert "SỬ DỤNG VÀ BẢO QUẢN TRONG NỘI BỘ CỦA ĐẢNG" in content
        assert '<span class="number">1.2.1.</span> Nội dung số 4 tháng 11' in content
        assert "Đã đọc" not in content  # nothing to confirm on a preview
        change = client.get(admin_url("change", draft_issue.pk)).content.decode()
        assert url in change  # "view on site" opens the preview

    def test_readers_and_other_publishers_do_not_get_the_preview(
        self, client, reader, draft_issue, city
    ):
        url = reverse("bulletins:issue_preview", args=[draft_issue.pk])
        client.force_login(reader)
        assert client.get(url).status_code == 404
        outsider = make_user("bientap_ngoai", groups=[roles.EDITOR], is_staff=True)
        outsider.organisations.set(
            [city.__class__.objects.create(name="Ban Tổ chức", kind="board", parent=city)]
        )
        client.force_login(outsider)
        assert client.get(url).status_code == 404


class TestAttachments:
    @pytest.fixture(autouse=True)
    def media_root(self, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path

    def attach(self, client, issue, upload):
        url = admin_url("change", issue.pk)
        data = form_data(client.get(url).content.decode(), "issue_form")
        data.update(
            {
                "attachments-TOTAL_FORMS": "1",
                "attachments-0-title": "Bản ký số",
                "attachments-0-file": upload,
            }
        )
        return client.post(url, data)

    def test_a_signed_pdf_is_attached_and_served_to_readers_only(
        self, client, editor, reader, draft_issue, approver
    ):
        client.force_login(editor)
        pdf = SimpleUploadedFile("ban-ky-so.pdf", b"%PDF-1.7 noi dung", "application/pdf")
        assert self.attach(client, draft_issue, pdf).status_code == 302
        attachment = Attachment.objects.get(issue=draft_issue)
        url = f"/media/{attachment.file.name}"
        assert attachment.file.name.startswith("attachments/") and "ky-so" not in url
        assert client.get(url).status_code == 200  # its publisher's staff

        client.force_login(reader)
        assert client.get(url).status_code == 404  # not published yet
        workflow.apply(draft_issue, "publish", approver)
        assert client.get(url).status_code == 200
        page = client.get(draft_issue.get_absolute_url()).content.decode()
        assert f'<a href="{url}">Bản ký số</a>' in page

    @pytest.mark.parametrize(
        "upload",
        [
            SimpleUploadedFile("gia-mao.pdf", b"MZ\x90\x00 not a pdf"),
            SimpleUploadedFile("ban-thao.docx", b"PK\x03\x04 broken zip"),
            SimpleUploadedFile("anh.exe", b"MZ\x90\x00"),
        ],
        ids=["fake-pdf", "broken-docx", "exe"],
    )
    def test_only_real_pdf_and_word_files_are_accepted(self, client, editor, draft_issue, upload):
        client.force_login(editor)
        response = self.attach(client, draft_issue, upload)
        assert response.status_code == 200
        assert "Hãy đính kèm tệp PDF (.pdf) hoặc Word (.docx)" in response.content.decode()
        assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    "step, message",
    [
        ({"transition": "send_back"}, "Hãy ghi ý kiến: biên tập viên cần biết lý do."),
        (
            {"transition": "schedule", "when": "2020-01-01T10:00"},
            "Hãy chọn thời điểm phát hành trong tương lai.",
        ),
        ({"transition": "schedule", "when": "mai"}, "Nhập một ngày/thời gian hợp lệ."),
        ({"transition": "submit"}, "Không thể thực hiện bước này khi số tài liệu đang ở"),
    ],
)
def test_a_refused_step_says_why_once_and_changes_nothing(
    client, approver, draft_issue, step, message
):
    draft_issue.status = Issue.Status.SUBMITTED
    draft_issue.save()
    client.force_login(approver)
    url = reverse("admin:bulletins_issue_workflow", args=[draft_issue.pk])
    page = client.post(url, step).content.decode()
    assert page.count(message) == 1
    draft_issue.refresh_from_db()
    assert draft_issue.status == Issue.Status.SUBMITTED
    assert not draft_issue.reviews.exists()
