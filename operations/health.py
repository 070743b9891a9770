"""Is this instance able to serve? Checked by Docker, the load balancer and the operator.

`/healthz` answers JSON with one word per check and 200 when all are fine, 503 otherwise. It
needs no login and shows no internal data (no paths, hosts or error texts: those go to the
log). The same checks run from `manage.py healthcheck` for the worker's container.
"""

import json
import logging
import os
import tempfile
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.tasks import task_backends
from django.utils import timezone

logger = logging.getLogger(__name__)
PATH = "/healthz"


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    found = cache.get(key) == "1"
    cache.delete(key)
    return found


def check_media():
    """Uploads need a writable media directory with room for at least a small file."""
    os.makedirs(settings.MEDIA_ROOT, exist_ok=True)  # as the storage does on the first upload
    with tempfile.NamedTemporaryFile(dir=settings.MEDIA_ROOT, prefix=".healthz-") as probe:
        probe.write(b"\0" * 4096)
        probe.flush()
    return True


def check_tasks():
    """The worker keeps up: no task has been ready for longer than the allowed wait."""
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_backends["default"], DatabaseBackend):
        return True  # tasks run inside the request: there is no queue to fall behind
    oldest = DBTaskResult.objects.ready().order_by("enqueued_at").values("enqueued_at").first()
    if oldest is None:
        return True
    waited = (timezone.now() - oldest["enqueued_at"]).total_seconds()
    return waited <= settings.HEALTH_MAX_TASK_WAIT_SECONDS


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "media": check_media,
    "tasks": check_tasks,
}
# The queue can only be read when the database answers.
NEEDS_DATABASE = {"tasks"}


def run_checks():
    """{"database": "ok" | "failing", ...}; a failing check is logged with its reason."""
    results = {}
    for name, check in CHECKS.items():
        if name in NEEDS_DATABASE and results["database"] != "ok":
            results[name] = "unknown"
            continue
        try:
            healthy = check()
        except Exception:
            logger.exception("Health check %s failed", name)
            healthy = False
        results[name] = "ok" if healthy else "failing"
    return results


def healthy(results):
    return all(result == "ok" for result in results.values())


class HealthCheckMiddleware:
    """Answers /healthz first, before host validation, the HTTPS redirect and the login
    requirement: Docker's probe calls http://127.0.0.1:8000/healthz inside the container."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != PATH or request.method not in {"GET", "HEAD"}:
            return self.get_response(request)
        results = run_checks()
        ok = healthy(results)
        body = json.dumps({"status": "ok" if ok else "failing", "checks": results})
        response = HttpResponse(body, content_type="application/json", status=200 if ok else 503)
        response["Cache-Control"] = "no-store"
        return response
