"""Slow work leaves the request: saves enqueue, the worker (run here in-process, as
`manage.py db_worker --batch`) renders each issue version's PDF once, and downloads use it."""

import datetime
import io

import pytest
from django.db import transaction
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from bulletins import workflow
from bulletins.models import Issue
from portal import pdf

from .factories import make_issue
from .support import run_worker

committed = pytest.mark.django_db(transaction=True)
TASK = "portal.tasks.prerender_issue_pdf"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def queued(issue):
    return DBTaskResult.objects.filter(task_path=TASK, args_kwargs__args=[issue.pk])


def text_of(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@committed
def test_one_admin_save_enqueues_one_rendering_and_drafts_none(committed_db, board, approver):
    draft = make_issue(board, 3, published=False)
    assert not DBTaskResult.objects.exists()  # drafts are never rendered ahead

    workflow.apply(draft, "publish", approver)
    assert queued(draft).count() == 1

    DBTaskResult.objects.all().delete()
    with transaction.atomic():  # as the admin saves an issue with its inline sections
        draft.refresh_from_db()
        draft.save()
        for section in draft.sections.all():
            section.save()
    assert queued(draft).count() == 1


def stored_file(issue):
    """The stored rendering of the issue's current state, or None."""
    issue.refresh_from_db()
    path = pdf.stored_path(issue)
    return path if path.is_file() else None


@committed
def test_worker_renders_each_version_once_and_downloads_use_it(
    committed_db, needs_pango, media, client, board, reader
):
    issue = make_issue(board, 9)
    run_worker()
    task = queued(issue).get()
    assert task.status == TaskResultStatus.SUCCESSFUL
    stored = stored_file(issue)
    assert task.return_value["stored"] == [f"pdf/{stored.name}"]
    assert not task.return_value["reused"]

    client.force_login(reader)
    response = client.get(reverse("bulletins:issue_pdf", args=[issue.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    assert "Nội dung số 2 tháng 9" in text
    assert str(reader) in text  # the stamped footer names the reader on every page
    pages = PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) == len(PdfReader(stored).pages)
    assert all(str(reader) in page.extract_text() for page in pages)
    assert not queued(issue).filter(status=TaskResultStatus.READY).exists()

    # A correction makes a new version: the old file is never served, then replaced.
    section = issue.sections.get(number="2.")
    section.body = "<p>Đoạn văn đã được đính chính.</p>"
    section.save()
    assert stored_file(issue) is None
    run_worker()
    assert stored_file(issue) is not None
    assert list(stored.parent.glob(f"{issue.pk}-*.pdf")) == [stored_file(issue)]
    response = client.get(reverse("bulletins:issue_pdf", args=[issue.pk]))
    assert "Đoạn văn đã được đính chính." in text_of(response.content)


@committed
def test_a_withdrawn_issue_keeps_no_file(committed_db, needs_pango, media, board, approver):
    issue = make_issue(board, 4)
    run_worker()
    folder = stored_file(issue).parent
    workflow.apply(issue, "withdraw", approver, comment="Thu hồi để bổ sung")
    run_worker()
    assert list(folder.glob(f"{issue.pk}-*.pdf")) == []
    assert queued(issue).latest("finished_at").return_value["removed"] == 1


@committed
def test_a_rendering_over_its_time_limit_is_stopped_and_reported(
    committed_db, needs_pango, media, settings, board
):
    settings.PDF_TASK_TIME_LIMIT = 0.001
    issue = make_issue(board, 5, sections=30)
    run_worker()
    task = queued(issue).get()
    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == "operations.limits.TimeLimitExceeded"
    assert stored_file(issue) is None
    assert not any(media.rglob("*.part"))  # no half-written file left behind


@committed
def test_the_scheduled_publication_runs_as_a_task(committed_db, media, board, approver):
    from bulletins.tasks import publish_due_issues

    issue = make_issue(board, 6, published=False)
    soon = timezone.now() + datetime.timedelta(minutes=5)
    workflow.apply(issue, "schedule", approver, when=soon)
    due = timezone.now() - datetime.timedelta(minutes=1)
    Issue.objects.filter(pk=issue.pk).update(published_at=due)
    result = publish_due_issues.enqueue()
    run_worker()
    result.refresh()
    assert result.return_value == {"published": [issue.pk]}
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.PUBLISHED
