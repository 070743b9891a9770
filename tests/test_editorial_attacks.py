"""The exploits found by the audit of the editorial side (issue #13), performed as a hostile
editor or approver would, each followed by a look at the database: nothing may be written."""

import re

import pytest
import reversion
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from reversion.models import Version

from bulletins import workflow
from bulletins.models import Issue, Section

from .attack import snapshot
from .forms import form_data

pytestmark = pytest.mark.django_db
REFUSAL = "Không tìm thấy mục này hoặc bạn không có quyền thực hiện thao tác này."


def restrict_to_ward(issue, ward):
    """What an approver did: the issue now reaches one ward only (a new revision)."""
    issue.audience = Issue.Audience.ORGANISATIONS
    issue.save()
    issue.audience_organisations.set([ward])
    save_revision(issue)


def save_revision(obj):
    """What an admin save does: a revision of the object (and what it follows); its version."""
    with reversion.create_revision():
        reversion.add_to_revision(obj)
    return Version.objects.get_for_object(obj).first()


def refused(response, *secrets):
    """A refusal in Vietnamese that names nothing of the other publisher's."""
    text = response.content.decode()
    assert response.status_code == 403
    assert REFUSAL in text
    for secret in secrets:
        assert secret not in text


class TestCrossPublisherRestore:
    def test_reverting_another_publishers_issue_writes_nothing(self, client, boards, cell):
        a, b = boards
        public_version = Version.objects.get_for_object(a.published).get()
        restrict_to_ward(a.published, cell.parent)
        client.force_login(b.editor)
        before = snapshot()
        url = reverse("admin:bulletins_issue_revision", args=[a.published.pk, public_version.pk])
        for response in (client.post(url, {}), client.get(url)):
            refused(response, a.published.title)
        assert snapshot() == before
        a.published.refresh_from_db()
        assert a.published.audience == Issue.Audience.ORGANISATIONS

    @pytest.mark.parametrize(
        ("role", "under"),
        [("approver", "a"), ("editor", "b")],
        ids=["by-another-boards-approver", "smuggled-under-ones-own-issue"],
    )
    def test_a_revert_to_another_boards_version_writes_nothing(self, client, boards, role, under):
        a, b = boards
        foreign = Version.objects.get_for_object(a.draft).get()
        target = (a if under == "a" else b).draft
        client.force_login(getattr(b, role))
        before = snapshot()
        url = reverse("admin:bulletins_issue_revision", args=[target.pk, foreign.pk])
        refused(client.post(url, {}), a.draft.title)
        assert snapshot() == before

    def test_reverting_another_publishers_section_writes_nothing(self, client, boards):
        a, b = boards
        section = a.draft.sections.first()
        version = save_revision(section)
        Section.objects.filter(pk=section.pk).update(heading="Tiêu đề mới của A")
        client.force_login(b.editor)
        before = snapshot()
        url = reverse("admin:bulletins_section_revision", args=[section.pk, version.pk])
        refused(client.post(url, {}), section.heading)
        assert snapshot() == before

    def test_recovering_another_publishers_deleted_section_writes_nothing(self, client, boards):
        a, b = boards
        section = a.draft.sections.last()
        version = save_revision(section)
        section.delete()
        client.force_login(b.editor)
        recover_list = client.get(reverse("admin:bulletins_section_recoverlist"))
        assert section.heading not in recover_list.content.decode()
        before = snapshot()
        url = reverse("admin:bulletins_section_recover", args=[version.pk])
        refused(client.post(url, {}), section.heading)
        assert snapshot() == before
        assert not Section.objects.filter(pk=section.pk).exists()

    def test_recovering_another_publishers_deleted_issue_writes_nothing(self, client, boards):
        a, b = boards
        version = Version.objects.get_for_object(a.draft).get()
        title, pk = a.draft.title, a.draft.pk
        a.draft.delete()
        client.force_login(b.editor)
        recover_list = client.get(reverse("admin:bulletins_issue_recoverlist"))
        assert title not in recover_list.content.decode()
        before = snapshot()
        refused(client.post(reverse("admin:bulletins_issue_recover", args=[version.pk])), title)
        assert snapshot() == before
        assert not Issue.objects.filter(pk=pk).exists()

    def test_unknown_and_foreign_versions_get_the_same_answer(self, client, boards):
        a, b = boards
        client.force_login(b.editor)
        foreign = Version.objects.get_for_object(a.draft).get().pk
        urls = [reverse("admin:bulletins_issue_recover", args=[pk]) for pk in (foreign, 99999)]
        answers = [client.get(url) for url in urls]
        assert [answer.status_code for answer in answers] == [403, 403]
        token = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
        assert token.sub(b"", answers[0].content) == token.sub(b"", answers[1].content)


class TestPublishedIssues:
    def test_an_editor_cannot_unpublish_by_reverting_to_a_draft_revision(self, client, boards):
        a, _b = boards
        issue = a.draft
        issue.status, issue.published_at = Issue.Status.PUBLISHED, a.published.published_at
        issue.save()  # published since its first (draft) revision
        version = Version.objects.get_for_object(issue).get()
        client.force_login(a.editor)
        before = snapshot()
        url = reverse("admin:bulletins_issue_revision", args=[issue.pk, version.pk])
        refused(client.post(url, {}))
        assert snapshot() == before

    def test_an_approver_reverts_a_published_issue_as_a_correction(self, client, boards, cell):
        a, _b = boards
        public_version = Version.objects.get_for_object(a.published).get()
        restrict_to_ward(a.published, cell.parent)
        client.force_login(a.approver)
        url = reverse("admin:bulletins_issue_revision", args=[a.published.pk, public_version.pk])
        data = form_data(client.get(url).content.decode(), "issue_form")
        response = client.post(url, data)
        assert response.status_code == 200  # the reason is required
        a.published.refresh_from_db()
        assert a.published.audience == Issue.Audience.ORGANISATIONS

        data["correction_note"] = "Mở lại cho mọi chi bộ theo chỉ đạo."
        assert client.post(url, data).status_code == 302
        a.published.refresh_from_db()
        assert a.published.audience == Issue.Audience.INTERNAL
        assert a.published.status == Issue.Status.PUBLISHED  # the workflow's, never reverted
        latest = Version.objects.get_for_object(a.published).first()
        assert "Mở lại cho mọi chi bộ theo chỉ đạo." in latest.revision.comment
        audit = LogEntry.objects.get_for_object(a.published).filter(actor=a.approver)
        assert any("audience" in entry.changes_dict for entry in audit)

    def test_a_draft_revert_never_changes_the_status(self, client, boards):
        a, _b = boards
        with reversion.create_revision():
            a.draft.status = Issue.Status.PUBLISHED
            a.draft.save()
            reversion.add_to_revision(a.draft)
        published_version = Version.objects.get_for_object(a.draft).first()
        Issue.objects.filter(pk=a.draft.pk).update(status=Issue.Status.DRAFT)
        client.force_login(a.editor)
        url = reverse("admin:bulletins_issue_revision", args=[a.draft.pk, published_version.pk])
        data = form_data(client.get(url).content.decode(), "issue_form")
        assert client.post(url, data).status_code == 302
        a.draft.refresh_from_db()
        assert a.draft.status == Issue.Status.DRAFT

    def test_an_editor_cannot_change_or_delete_a_published_issues_section(self, client, boards):
        a, _b = boards
        section = a.published.sections.first()
        client.force_login(a.editor)
        change = reverse("admin:bulletins_section_change", args=[section.pk])
        page = client.get(change).content.decode()
        assert 'name="_save"' not in page  # read-only
        before = snapshot()
        data = {"issue": a.published.pk, "heading": "Chữ của biên tập viên", "body": "<p>x</p>"}
        assert client.post(change, data).status_code == 403
        delete = reverse("admin:bulletins_section_delete", args=[section.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
        assert snapshot() == before

    def test_an_approver_corrects_a_section_with_a_reason(self, client, boards):
        a, _b = boards
        section = a.published.sections.first()
        client.force_login(a.approver)
        url = reverse("admin:bulletins_section_change", args=[section.pk])
        data = form_data(client.get(url).content.decode(), "section_form")
        data["heading"] = "Tiêu đề đã đính chính"
        response = client.post(url, data)
        assert response.status_code == 200
        section.refresh_from_db()
        assert section.heading != "Tiêu đề đã đính chính"
        data = form_data(response.content.decode(), "section_form")
        data["correction_note"] = "Sửa tên hội nghị."
        assert client.post(url, data).status_code == 302
        section.refresh_from_db()
        assert section.heading == "Tiêu đề đã đính chính"
        assert Version.objects.get_for_object(section).first().revision.comment == (
            "Sửa tên hội nghị."
        )

    def test_an_editor_cannot_move_a_section_into_a_published_issue(self, client, boards):
        a, _b = boards
        section = a.draft.sections.first()
        client.force_login(a.editor)
        url = reverse("admin:bulletins_section_change", args=[section.pk])
        data = form_data(client.get(url).content.decode(), "section_form")
        data["issue"] = str(a.published.pk)
        assert client.post(url, data).status_code == 200  # not a choice
        section.refresh_from_db()
        assert section.issue == a.draft


class TestCompare:
    @pytest.mark.parametrize("view", ["compare", "history"])
    def test_another_publishers_versions_are_not_shown(self, client, boards, view):
        a, b = boards
        with reversion.create_revision():
            a.draft.sections.update(body="<p>Nội dung nháp bí mật</p>")
            reversion.add_to_revision(a.draft)
        first, second = Version.objects.get_for_object(a.draft).order_by("pk")
        for model, obj in (("issue", a.draft), ("section", a.draft.sections.first())):
            client.force_login(b.approver)
            url = reverse(f"admin:bulletins_{model}_{view}", args=[obj.pk])
            response = client.get(url, {"version_id1": first.pk, "version_id2": second.pk})
            refused(response, "bí mật", a.draft.title)

    def test_own_versions_are_compared(self, client, boards):
        a, _b = boards
        with reversion.create_revision():
            a.draft.title_override = "Tên đã sửa lần hai"
            a.draft.save()
            reversion.add_to_revision(a.draft)
        first, second = Version.objects.get_for_object(a.draft).order_by("pk")
        client.force_login(a.editor)
        url = reverse("admin:bulletins_issue_compare", args=[a.draft.pk])
        response = client.get(url, {"version_id1": first.pk, "version_id2": second.pk})
        assert response.status_code == 200
        assert "Tên đã sửa lần hai" in response.content.decode()


class TestWorkflowOutsideTheAdmin:
    def test_an_approver_of_another_board_cannot_publish(self, boards):
        a, b = boards
        with pytest.raises(PermissionDenied):
            workflow.apply(a.draft, "publish", b.approver)
        a.draft.refresh_from_db()
        assert a.draft.status == Issue.Status.DRAFT
        assert workflow.available(a.draft, b.approver) == []

    def test_an_editor_of_another_board_cannot_submit(self, boards):
        a, b = boards
        with pytest.raises(PermissionDenied):
            workflow.apply(a.draft, "submit", b.editor)
        assert Issue.objects.get(pk=a.draft.pk).status == Issue.Status.DRAFT


class TestRegistryHygiene:
    CLAUSE = "về phương án nhân sự đại hội chưa công bố"

    def cite_in(self, issue):
        section = issue.sections.first()
        section.body = f"<p>Theo Thông báo số 77-TB/TU, ngày 02/4/2026 {self.CLAUSE}.</p>"
        section.save()
        return section.citations.get().document

    def test_a_drafts_citation_leaks_nothing_to_readers(self, client, boards, reader):
        a, _b = boards
        entry = self.cite_in(a.draft)
        assert (entry.verified, entry.subject, entry.code) == (False, "", "77-TB/TU")
        client.force_login(reader)
        listing = client.get(reverse("documents:list")).content.decode()
        assert "77-TB/TU" not in listing and self.CLAUSE not in listing
        assert client.get(entry.get_absolute_url()).status_code == 404

        client.force_login(a.editor)  # staff keep the whole registry
        assert "77-TB/TU" in client.get(reverse("documents:list")).content.decode()

    def test_an_unverified_entry_shows_once_a_readable_issue_cites_it(
        self, client, boards, reader, cell
    ):
        a, b = boards
        entry = self.cite_in(a.published)
        client.force_login(reader)
        assert client.get(entry.get_absolute_url()).status_code == 200
        assert "77-TB/TU" in client.get(reverse("documents:list")).content.decode()

        restrict_to_ward(a.published, b.org)  # now for another organisation only
        assert client.get(entry.get_absolute_url()).status_code == 404
