"""Imports leave the request: the upload and the confirmation only enqueue, the worker reads and
writes, and the editor follows it on a page that reloads itself; every step has a time limit,
with the worker and with TASKS_BACKEND=immediate alike, and a memory limit in the worker."""

import threading
import time

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.tasks import TaskResultStatus
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts import roles
from bulletins.models import ImportJob, Issue
from operations.limits import MemoryLimitExceeded, TimeLimitExceeded, memory_limit, time_limit

from .factories import make_user
from .import_corpus import by_name, to_markdown
from .support import run_worker

pytestmark = pytest.mark.django_db
CONTENT = to_markdown(by_name("regular"))


def upload(client, board, content=CONTENT):
    file = SimpleUploadedFile("thang-9.md", content, content_type="application/octet-stream")
    response = client.post(
        reverse("admin:bulletins_issue_import"), {"file": file, "publisher": board.pk}
    )
    assert response.status_code == 302, response.content.decode()
    return ImportJob.objects.get(), response["Location"]


@pytest.mark.django_db(transaction=True)  # the worker sees what the requests committed
def test_the_worker_reads_then_writes_while_the_page_shows_progress(
    committed_db, client, editor, board, django_assert_max_num_queries
):
    client.force_login(editor)
    job, status_url = upload(client, board)
    assert job.status == ImportJob.Status.READING
    assert DBTaskResult.objects.get().task_path == "bulletins.tasks.read_import"
    with django_assert_max_num_queries(12):
        waiting = client.get(status_url)
    page = waiting.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page  # reloads without any script
    assert "Đang đọc tệp" in page

    run_worker()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY
    with django_assert_max_num_queries(12):
        preview = client.get(status_url)
    assert 'http-equiv="refresh"' not in preview.content.decode()
    assert [row["heading"] for row in preview.context["preview"]["outline"]][:1] == [
        by_name("regular").expected[0][2]
    ]

    assert client.post(status_url).status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.IMPORTING and Issue.objects.count() == 0
    assert 'http-equiv="refresh"' in client.get(status_url).content.decode()
    run_worker()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.issue.created_by == editor
    done = client.get(status_url).content.decode()
    assert reverse("admin:bulletins_issue_change", args=[job.issue.pk]) in done
    assert not default_storage.listdir("imports")[1]  # the upload was removed
    statuses = set(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == {TaskResultStatus.SUCCESSFUL}


@pytest.mark.django_db(transaction=True)
def test_another_boards_editor_can_neither_see_nor_confirm_my_import(
    committed_db, client, editor, approver, boards, board
):
    client.force_login(editor)
    job, status_url = upload(client, board)
    run_worker()
    stranger = boards[1].editor  # an editor of another board
    client.force_login(stranger)
    assert client.get(status_url).status_code == 404
    assert client.post(status_url).status_code == 404
    assert "thang-9.md" not in client.get(reverse("admin:bulletins_issue_import")).content.decode()
    client.force_login(approver)  # staff of the same board who may not import
    assert client.get(status_url).status_code in (403, 404)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY

    colleague = make_user("bientap2", groups=[roles.EDITOR], is_staff=True)
    colleague.organisations.set([board])  # the same board's editors share its imports
    client.force_login(colleague)
    assert "thang-9.md" in client.get(reverse("admin:bulletins_issue_import")).content.decode()
    assert client.get(status_url).status_code == 200


def test_a_step_over_its_time_limit_fails_with_a_message_and_the_file_can_be_sent_again(
    client, editor, board, settings, immediate_tasks
):
    settings.IMPORT_TASK_TIME_LIMIT = 0.001
    client.force_login(editor)
    page = client.post(
        reverse("admin:bulletins_issue_import"),
        {"file": SimpleUploadedFile("thang-9.md", CONTENT), "publisher": board.pk},
        follow=True,
    )
    job = page.context["job"]
    assert job.status == ImportJob.Status.FAILED
    assert "giây" in job.error and job.error in page.content.decode()  # in Vietnamese
    assert not default_storage.listdir("imports")[1]

    settings.IMPORT_TASK_TIME_LIMIT = 120  # the same file again is not blocked
    page = client.post(
        reverse("admin:bulletins_issue_import"),
        {"file": SimpleUploadedFile("thang-9.md", CONTENT), "publisher": board.pk},
        follow=True,
    )
    done = client.post(
        reverse("admin:bulletins_issue_import_status", args=[page.context["job"].pk])
    )
    assert done.status_code == 302 and Issue.objects.count() == 1


def busy(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_the_time_limit_stops_work_in_a_request_thread_too():
    """The immediate backend runs tasks in the request's thread (a thread of the development
    server), where no alarm signal can be used."""
    outcome = {}

    def request_thread():
        started = time.monotonic()
        try:
            with time_limit(0.2):
                busy(5)
        except TimeLimitExceeded as error:
            outcome["error"] = str(error)
        outcome["after"] = time.monotonic() - started
        with time_limit(1):  # a block that ends in time is not interrupted later
            busy(0.05)
        time.sleep(1.2)
        outcome["finished"] = True

    thread = threading.Thread(target=request_thread)
    thread.start()
    thread.join(10)
    assert outcome["error"] == "stopped after the time limit of 0.2 s"
    assert outcome["after"] < 1
    assert outcome.get("finished")


def test_the_time_limit_stops_work_in_the_main_thread():
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded), time_limit(0.2):
        busy(5)
    assert time.monotonic() - started < 1


def hundred_megabytes():
    return bytearray(100 * 1024 * 1024)


def test_the_memory_limit_stops_an_allocation_beyond_the_allowance_and_is_lifted_after():
    with pytest.raises(MemoryLimitExceeded, match="memory limit of 20 MB"), memory_limit(20):
        hundred_megabytes()
    assert len(hundred_megabytes()) == 100 * 1024 * 1024  # the process's own limit is back
    with memory_limit(200):  # within the allowance, work goes on
        assert len(hundred_megabytes()) == 100 * 1024 * 1024


def test_the_memory_limit_is_not_set_from_a_request_thread():
    """It is the whole process's: a request thread (immediate backend) must not impose it on
    the development server's other threads."""
    outcome = {}

    def request_thread():
        with memory_limit(20):
            outcome["size"] = len(hundred_megabytes())

    thread = threading.Thread(target=request_thread)
    thread.start()
    thread.join(10)
    assert outcome["size"] == 100 * 1024 * 1024


def big_bulletin(events=3000):
    """The corpus bulletin with thousands more news items: a few MB to read."""
    text = "Chi bộ quán triệt, triển khai thực hiện nghiêm túc Kế hoạch số 46-KH/ĐU. " * 8
    news = (
        f"\n4.{number}. Hội nghị chuyên đề lần thứ {number}\n\n{text}\n"
        for number in range(14, events)
    )
    return CONTENT + "".join(news).encode()


@pytest.mark.django_db(transaction=True)
def test_a_step_over_its_memory_limit_fails_with_a_message_and_the_file_can_be_sent_again(
    committed_db, client, editor, board, settings
):
    settings.TASK_MEMORY_LIMIT_MB = 4
    client.force_login(editor)
    job, status_url = upload(client, board, big_bulletin())
    run_worker()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.error.startswith("Việc nhập cần hơn 4 MB bộ nhớ")  # in Vietnamese
    assert job.error in client.get(status_url).content.decode()
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == "operations.limits.MemoryLimitExceeded"
    assert not default_storage.listdir("imports")[1]  # the upload was removed

    settings.TASK_MEMORY_LIMIT_MB = 1024  # the same worker, the same file, within the limit
    job.delete()
    job, status_url = upload(client, board, big_bulletin())
    run_worker()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY
