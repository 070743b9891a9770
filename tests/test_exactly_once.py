"""Workflow steps happen exactly once, even when two processes take them at the same moment.

The concurrent tests use real connections from several threads on PostgreSQL, where the row
locks are real. SQLite serialises whole-database writes and ignores SELECT ... FOR UPDATE, so
these tests are skipped there on a developer machine and fail in CI (CI set).
"""

import datetime
import os
import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from bulletins import workflow
from bulletins.models import Issue, Review

from .factories import make_issue

S = Issue.Status
concurrent = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgresql(committed_db):
    if connection.vendor != "postgresql":
        message = "row locks need PostgreSQL: set DATABASE_URL=postgres://..."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def in_threads(*functions):
    """Start every function at once, each in a thread with its own database connection; return
    what each returned or raised."""
    barrier = threading.Barrier(len(functions))
    outcomes = [None] * len(functions)

    def run(index, function):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = function()
        except Exception as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def wait_until_another_connection_waits_for_a_lock(seconds=10):
    """Block until some other session of this database waits for a lock we hold."""
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            # Statistics views keep one snapshot per transaction unless told to drop it.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("no other connection came to wait for the lock")


def schedule_due(issue, approver):
    workflow.apply(issue, "schedule", approver, when=timezone.now() + datetime.timedelta(minutes=5))
    due_at = timezone.now() - datetime.timedelta(minutes=1)
    Issue.objects.filter(pk=issue.pk).update(published_at=due_at)
    return Issue.objects.get(pk=issue.pk)


@concurrent
def test_concurrent_runs_publish_each_due_issue_once(postgresql, board, approver):
    drafts = [make_issue(board, month, published=False) for month in (2, 5, 9)]
    issues = [schedule_due(issue, approver) for issue in drafts]
    versions = {issue.pk: issue.version for issue in issues}

    outcomes = in_threads(*[workflow.publish_due] * 4)

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    published_by_runs = sorted(issue.pk for run in outcomes for issue in run)
    assert published_by_runs == sorted(versions)
    for issue in Issue.objects.filter(pk__in=versions):
        assert issue.status == S.PUBLISHED
        assert issue.version == versions[issue.pk] + 1
        assert issue.reviews.filter(transition="publish_due").count() == 1


@concurrent
def test_a_withdrawal_during_the_scheduled_run_stays_withdrawn(postgresql, board, approver):
    issue = schedule_due(make_issue(board, 7, published=False), approver)
    withdrawn = threading.Event()

    def withdraw():
        with transaction.atomic():
            workflow.apply(issue, "withdraw", approver, comment="Số liệu mục 2 chưa chính xác")
            withdrawn.set()
            # Commit only once the scheduled run is stuck behind our row lock.
            wait_until_another_connection_waits_for_a_lock()

    def publish_due():
        assert withdrawn.wait(timeout=10)
        return workflow.publish_due()

    withdraw_outcome, published = in_threads(withdraw, publish_due)

    assert withdraw_outcome is None
    assert published == []
    issue.refresh_from_db()
    assert issue.status == S.WITHDRAWN
    assert list(issue.reviews.values_list("transition", flat=True)) == ["withdraw", "schedule"]


@concurrent
def test_two_approvers_publishing_at_once_publish_once(postgresql, board, approver):
    issue = make_issue(board, 8, published=False)
    version = issue.version

    outcomes = in_threads(*[lambda: workflow.apply(issue, "publish", approver)] * 2)

    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert len(refused) == 1, outcomes
    issue.refresh_from_db()
    assert (issue.status, issue.version) == (S.PUBLISHED, version + 1)
    assert Review.objects.filter(issue=issue, transition="publish").count() == 1


@pytest.mark.django_db
class TestScheduledPublication:
    def test_goes_through_the_transition_table_and_keeps_the_scheduled_time(self, board, approver):
        issue = schedule_due(make_issue(board, 6, published=False), approver)
        [published] = workflow.publish_due()
        assert published.published_at == issue.published_at
        review = Review.objects.get(issue=issue, transition="publish_due")
        assert (review.actor, review.from_status, review.to_status) == (
            approver,  # the step is the scheduling approver's, taken at the set time
            S.SCHEDULED,
            S.PUBLISHED,
        )
        assert workflow.publish_due() == []

    def test_is_never_offered_to_people(self, board, approver, superuser):
        issue = schedule_due(make_issue(board, 6, published=False), approver)
        for user in (approver, superuser):
            assert "publish_due" not in [t.name for t in workflow.available(issue, user)]
            with pytest.raises(PermissionDenied):
                workflow.apply(issue, "publish_due", user)

    def test_skips_withdrawn_and_future_issues(self, board, approver):
        withdrawn = schedule_due(make_issue(board, 1, published=False), approver)
        workflow.apply(withdrawn, "withdraw", approver, comment="Thu hồi để sửa")
        later = make_issue(board, 2, published=False)
        workflow.apply(
            later, "schedule", approver, when=timezone.now() + datetime.timedelta(days=1)
        )
        assert workflow.publish_due() == []
        assert Issue.objects.get(pk=withdrawn.pk).status == S.WITHDRAWN
        assert Issue.objects.get(pk=later.pk).status == S.SCHEDULED


def _save_feedback(issue, cell, user, present, version=None):
    """What the portal's form does on a valid post: one secretary's save."""
    from feedback.forms import FeedbackForm
    from feedback.models import Feedback
    from feedback.recording import record

    stored = Feedback.objects.filter(issue=issue, cell=cell).first()
    data = {"present": present, "total": 20, "rating": 4, "questions": "", "version": version}
    form = FeedbackForm({k: v for k, v in data.items() if v is not None}, instance=stored)
    assert form.is_valid(), form.errors
    return record(form, issue, cell, user)


@concurrent
def test_two_secretaries_saving_a_cells_feedback_at_once_make_one_record(
    postgresql, board, cell, reader
):
    """Both opened an empty form; one record is made, the other save is refused, not merged."""
    from feedback.models import Feedback
    from feedback.recording import Stale

    issue = make_issue(board, 10)
    outcomes = in_threads(
        lambda: _save_feedback(issue, cell, reader, 11),
        lambda: _save_feedback(issue, cell, reader, 12),
    )
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["Feedback", "Stale"]
    [saved] = [outcome for outcome in outcomes if not isinstance(outcome, Stale)]
    assert list(Feedback.objects.values_list("present", flat=True)) == [saved.present]

    # Both editing the same version: exactly one save lands.
    version = Feedback.objects.get().version
    outcomes = in_threads(
        lambda: _save_feedback(issue, cell, reader, 15, version),
        lambda: _save_feedback(issue, cell, reader, 16, version),
    )
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["Feedback", "Stale"]
    stored = Feedback.objects.get()
    assert stored.version == version + 1
    assert stored.present in {15, 16}
