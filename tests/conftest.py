import datetime
import os
import threading
import time

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.signals import request_finished, request_started
from django.db import connection
from django.test import Client

from accounts import roles
from accounts.models import User
from documents.models import Document, DocumentType
from people.models import Organisation
from portal import pdf

from .attack import make_board
from .factories import PASSWORD, make_issue, make_user
from .support import CHROMIUM


@pytest.fixture(autouse=True)
def fresh_storage(settings, tmp_path):
    """Each test stores files (uploads, rendered PDFs) in its own folder and starts with an
    empty cache, so nothing one test stored is served to another."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.fixture
def rendered(settings):
    """Every page rendered, never replayed (portal.replay, on with REDIS_URL): for the tests
    that count what rendering a page costs. A replay costs no query (tests/test_replay.py)."""
    settings.REPLAY_PAGES = False


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


@pytest.fixture
def published_issue(board):
    return make_issue(board, 10)


@pytest.fixture
def draft_issue(board):
    return make_issue(board, 11, published=False)


@pytest.fixture
def reader(cell):
    user = make_user("bithu5", groups=[roles.SECRETARY], first_name="Thư", last_name="Lục Văn")
    user.organisations.set([cell])
    return user


@pytest.fixture
def colleague(editor):
    """A second editor of the same publisher, in a browser of their own."""
    user = make_user("bientap_hai", groups=[roles.EDITOR], is_staff=True)
    user.organisations.set(editor.organisations.all())
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture
def editor(board):
    user = make_user("bientap", groups=[roles.EDITOR], is_staff=True)
    user.organisations.set([board])
    return user


@pytest.fixture
def approver(board):
    user = make_user("pheduyet", groups=[roles.APPROVER], is_staff=True)
    user.organisations.set([board])
    return user


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("quantri", "quantri@example.org", PASSWORD)


@pytest.fixture
def immediate_tasks(settings):
    """Tasks run at once inside the request (TASKS_BACKEND=immediate), as without a worker."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default"],
        }
    }


@pytest.fixture
def needs_pango():
    """WeasyPrint with the system's Pango; skipped on a developer machine without it."""
    if not pdf.available():
        if os.environ.get("CI"):
            pytest.fail("WeasyPrint cannot load Pango: .ci/run installs it with apt-get")
        pytest.skip("WeasyPrint needs Pango (apt-get install -y libpango-1.0-0 libpangoft2-1.0-0)")


@pytest.fixture
def needs_libreoffice():
    """LibreOffice for legacy .doc files; skipped on a developer machine without it."""
    from bulletins.importing import legacy

    if legacy.converter() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing: .ci/run installs libreoffice-writer-nogui")
        pytest.skip("legacy .doc needs LibreOffice (apt-get install -y libreoffice-writer-nogui)")


@pytest.fixture(scope="session")
def migrated_snapshot(django_db_setup, django_db_blocker):
    """What the migrations wrote (document types, roles), taken once."""
    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def snapshot_before_the_first_database_test(request):
    """The snapshot is taken before any test has used the database: taken later, after a
    transactional test had emptied the tables and the post-migrate handlers had filled them
    again, it would hold other ids than the migrations gave."""
    uses_database = {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    if uses_database or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("migrated_snapshot")


@pytest.fixture
def live_demo(migrated_snapshot, live_server, settings):
    """The demo dataset behind a live server, for browser tests.

    A live server's database is emptied after each test, data migrations included, so each
    such test starts from the migrated snapshot whatever ran before it.
    """
    restore_migrated_data(migrated_snapshot)
    settings.DEBUG = True  # demo accounts log in only on a development server
    call_command("load_demo", verbosity=0)


@pytest.fixture(scope="module")
def browser():
    """Headless Debian chromium driven by Playwright; shared by the browser tests."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run installs it with apt-get")
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; Django's ORM calls in the test are sync.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def committed_db(migrated_snapshot, transactional_db):
    """Real commits (for other connections, threads or the task worker to see), starting from
    what the migrations wrote, whatever an earlier transactional test left behind."""
    restore_migrated_data(migrated_snapshot)


def restore_migrated_data(snapshot):
    """Empty the database and load what the migrations wrote, with the id sequences moved
    past the loaded rows (PostgreSQL would otherwise hand out their ids again)."""
    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(snapshot)
    models = apps.get_models(include_auto_created=True)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


@pytest.fixture
def boards(city):
    """Board A (the victim) and board B (the attacker's), each with a revision of its issues."""
    return make_board("Ban Tuyên giáo A", "a", city, 5), make_board("Ban Dân vận B", "b", city, 8)


class RequestsInFlight:
    """Counts the requests a live server is still answering. Closing a page does not stop
    the server's thread that answers its last request, and emptying the tables under that
    thread fails (PostgreSQL detects a deadlock) or leaves rows for the next test."""

    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()
        request_started.connect(self.started, dispatch_uid="tests.in_flight.started")
        request_finished.connect(self.finished, dispatch_uid="tests.in_flight.finished")

    def started(self, **kwargs):
        self.add(1)

    def finished(self, **kwargs):
        self.add(-1)

    def add(self, step):
        # The test client answers in the test's own thread; only the server's threads count.
        if threading.current_thread() is not threading.main_thread():
            with self.lock:
                self.count += step

    def wait(self, timeout=15.0, settle=0.1):
        """Return once no request has been in flight for `settle` seconds."""
        deadline = time.monotonic() + timeout
        quiet_since = None
        while time.monotonic() < deadline:
            if self.count > 0:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= settle:
                return
            time.sleep(0.02)
        raise RuntimeError(f"the live server still answers {self.count} request(s)")


IN_FLIGHT = RequestsInFlight()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item):
    """Close a browser test's pages, and let the live server finish what they asked, before
    the test's fixtures end: an open page's service worker goes on fetching from the live
    server while the test's tables are being emptied."""
    browser = item.funcargs.get("browser") if hasattr(item, "funcargs") else None
    if browser is not None:
        for context in browser.contexts:
            context.close()
        IN_FLIGHT.wait()
