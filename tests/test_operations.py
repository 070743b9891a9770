"""What the operator relies on: the health endpoint, one log line per error with its request,
and gunicorn's own settings file."""

import datetime
import gzip
import http.server
import io
import json
import logging
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.contrib.auth.decorators import login_not_required
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.utils import load_backend
from django.urls import path
from django.utils import timezone
from django.utils.log import configure_logging
from django_tasks_db.models import DBTaskResult

from operations import health

from .factories import make_user

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


@login_not_required
def failing_view(request):
    raise RuntimeError("the printer caught fire")


urlpatterns = [path("hong/", failing_view)]


def healthz(client):
    response = client.get("/healthz")
    return response.status_code, json.loads(response.content)


class TestHealthEndpoint:
    def test_healthy_instance_answers_200_without_login(self, client):
        status, body = healthz(client)
        assert status == 200
        assert body == {
            "status": "ok",
            "checks": {"database": "ok", "cache": "ok", "media": "ok", "tasks": "ok"},
        }

    def test_answers_the_container_probe_in_production_settings(self, client, settings):
        """Docker calls http://127.0.0.1:8000/healthz: no HTTPS, a host the site does not
        serve. The probe must not be redirected or refused."""
        settings.SECURE_SSL_REDIRECT = True
        settings.ALLOWED_HOSTS = ["tailieu.example.vn"]
        response = client.get("/healthz", HTTP_HOST="127.0.0.1:8000")
        assert response.status_code == 200
        assert client.get("/", HTTP_HOST="127.0.0.1:8000").status_code == 400

    def test_a_stopped_database_is_unhealthy(self, client, monkeypatch, tmp_path):
        """A real connection to a database that is not there (closed port, missing file)."""
        unreachable = dict(connection.settings_dict)
        if connection.vendor == "sqlite":
            unreachable["NAME"] = str(tmp_path / "no-such-dir" / "db.sqlite3")
        else:
            unreachable |= {"HOST": "127.0.0.1", "PORT": "1"}
        backend = load_backend(unreachable["ENGINE"])
        stopped = backend.DatabaseWrapper(unreachable, alias="stopped")
        monkeypatch.setattr(health, "connection", stopped)

        status, body = healthz(client)

        assert status == 503
        assert body["status"] == "failing"
        assert body["checks"]["database"] == "failing"
        assert body["checks"]["tasks"] == "unknown"
        assert body["checks"]["media"] == "ok"

    def test_unusable_media_directory_is_unhealthy(self, client, settings, tmp_path):
        blocked = tmp_path / "media"
        blocked.write_text("a file where the media volume should be")
        settings.MEDIA_ROOT = blocked
        status, body = healthz(client)
        assert status == 503
        assert body["checks"]["media"] == "failing"
        # No paths or error texts for strangers: those are in the log.
        assert str(tmp_path) not in json.dumps(body)

    def test_a_queue_nobody_works_on_is_unhealthy(self, client, settings):
        settings.HEALTH_MAX_TASK_WAIT_SECONDS = 600
        task = DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}},
            task_path="bulletins.tasks.publish_due_issues",
            backend_name="default",
            run_after=timezone.now(),
        )
        assert healthz(client)[1]["checks"]["tasks"] == "ok"
        DBTaskResult.objects.filter(pk=task.pk).update(
            enqueued_at=timezone.now() - datetime.timedelta(minutes=11)
        )
        status, body = healthz(client)
        assert (status, body["checks"]["tasks"]) == (503, "failing")

    def test_the_command_fails_for_the_worker_container(self, settings, tmp_path):
        call_command("healthcheck", stdout=io.StringIO())
        settings.MEDIA_ROOT = tmp_path / "file"
        settings.MEDIA_ROOT.write_text("x")
        with pytest.raises(CommandError):
            call_command("healthcheck", stdout=io.StringIO())


@pytest.fixture
def log_output(settings):
    """The project's logging configuration, as Django applies it at start, into a buffer."""
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    [handler] = logging.getLogger().handlers[-1:]
    buffer = io.StringIO()
    handler.setStream(buffer)
    yield buffer
    handler.setStream(sys.stderr)


class TestLogging:
    @pytest.mark.parametrize("debug", [False, True])
    def test_a_server_error_is_logged_once_with_time_request_and_user(
        self, client, settings, log_output, debug
    ):
        settings.DEBUG = debug
        settings.ROOT_URLCONF = __name__
        user = make_user("bientap7")
        client.force_login(user)
        client.raise_request_exception = False

        response = client.get("/hong/")

        assert response.status_code == 500
        output = log_output.getvalue()
        assert output.count("RuntimeError: the printer caught fire") == 1, output
        request_id = response["X-Request-ID"]
        [line] = [line for line in output.splitlines() if "Internal Server Error" in line]
        assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} ERROR ", line)
        assert f"[{request_id} user={user.pk}]" in line

    def test_the_proxy_request_id_is_kept_when_sane(self, client):
        kept = client.get("/healthz/", HTTP_X_REQUEST_ID="nginx-4f2a9c1e")
        assert kept["X-Request-ID"] == "nginx-4f2a9c1e"
        replaced = client.get("/healthz/", HTTP_X_REQUEST_ID="<script>")
        assert re.fullmatch(r"[0-9a-f]{32}", replaced["X-Request-ID"])


def test_gunicorn_reads_its_settings_file():
    """Workers are recycled (with jitter) and time out; the file is found from the app dir."""
    printed = subprocess.run(  # noqa: S603  (our own gunicorn, fixed arguments)
        [Path(sys.executable).parent / "gunicorn", "--print-config", "config.wsgi"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "WEB_CONCURRENCY": "3", "DEBUG": "1"},
    ).stdout
    config = dict(re.findall(r"^(\w+)\s+= (.*)$", printed, re.MULTILINE))
    assert int(config["max_requests"]) > 0
    assert 0 < int(config["max_requests_jitter"]) < int(config["max_requests"])
    assert int(config["timeout"]) <= 60
    assert config["workers"] == "3"


class _Collector(http.server.BaseHTTPRequestHandler):
    """Plays the error-reporting service on the loopback address: keeps what it is sent."""

    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":
            import brotli

            body = brotli.decompress(body)
        self.received.append(body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


REPORTING_SCRIPT = """
import django, sentry_sdk
django.setup()
from django.test import Client, override_settings
with override_settings(ROOT_URLCONF="tests.test_operations", ALLOWED_HOSTS=["testserver"]):
    client = Client(raise_request_exception=False)
    response = client.post("/hong/", {"password": "mat-khau-bi-mat"}, secure=True)
    print(response.status_code, response["X-Request-ID"])
sentry_sdk.flush(timeout=10)
"""


def test_errors_are_reported_when_sentry_dsn_is_set(tmp_path):
    """A real 500 in a process started with SENTRY_DSN reaches the service, tagged with the
    request id, without personal data."""
    _Collector.received = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        finished = subprocess.run(  # noqa: S603  (this interpreter, a fixed script)
            [sys.executable, "-c", REPORTING_SCRIPT],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            env={
                "PATH": "/usr/bin:/bin",
                "DJANGO_SETTINGS_MODULE": "config.settings",
                "SECRET_KEY": "reporting-test-" + "x" * 40,
                "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
                "SENTRY_DSN": f"http://publickey@127.0.0.1:{port}/7",
            },
        )
    finally:
        server.shutdown()
    status, request_id = finished.stdout.split()
    assert status == "500", finished.stderr
    events = b"".join(_Collector.received).decode()
    assert "the printer caught fire" in events
    assert request_id in events
    assert "REMOTE_ADDR" not in events and "Cookie" not in events
    assert "mat-khau-bi-mat" not in events


def test_every_project_command_prints_its_help():
    """``manage.py COMMAND --help`` is the operator's first look at a command; a lazy
    translation as its description made argparse fail on every one of ours."""
    from django.apps import apps
    from django.core.management import get_commands, load_command_class

    ours = {config.name for config in apps.get_app_configs() if config.path.startswith(str(ROOT))}
    commands = {name: app for name, app in get_commands().items() if app in ours}
    assert {"search", "generate_dataset", "backup", "healthcheck"} <= commands.keys()
    for name, app in commands.items():
        parser = load_command_class(app, name).create_parser("manage.py", name)
        assert parser.format_help().strip(), name
