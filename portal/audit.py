"""The audit of openings: one access entry in the audit log each time an account opens an
internal issue, whether the page is rendered (portal.views.issues) or replayed
(portal.replay)."""

from auditlog.cid import get_cid, set_cid
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from accounts.middleware import AuditMiddleware
from bulletins.models import Issue

# The access entry's own columns; the others (changes, serialized data...) stay empty.
COLUMNS = (
    "content_type_id",
    "object_pk",
    "object_id",
    "object_repr",
    "action",
    "changes_text",
    "actor_id",
    "actor_email",
    "remote_addr",
    "remote_port",
    "cid",
    "timestamp",
)
# For the transaction of the statement it is part of, and only that one.
ASYNC_COMMIT = "set_config('synchronous_commit', 'off', true)"


def record_opening(request, actor_id, actor_email, issue_pk, issue_repr):
    """Write the entry: one INSERT, committed without waiting for the disk.

    Opening an issue is the busiest write there is (each secretary, each visit, on the same
    days), so the row is written by one statement rather than through auditlog's model
    machinery, which costs six times the CPU; it is the row auditlog's access log writes. On
    PostgreSQL the statement's own transaction does not wait for its WAL flush
    (``synchronous_commit`` off for that transaction only, set by the statement itself): the
    opening is durable a fraction of a second later, and thousands of openings a minute do
    not each cost a disk sync.
    """
    set_cid(request)
    values = (
        ContentType.objects.get_for_model(Issue).pk,
        str(issue_pk),
        issue_pk,
        issue_repr,
        LogEntry.Action.ACCESS,
        "",
        actor_id,
        actor_email,
        AuditMiddleware._get_remote_addr(request),
        AuditMiddleware._get_remote_port(request),
        get_cid(),
        timezone.now(),
    )
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in COLUMNS)
    placeholders = ", ".join(["%s"] * len(COLUMNS))
    table = quote(LogEntry._meta.db_table)
    if connection.vendor == "postgresql":
        rows = f"SELECT {placeholders} FROM (SELECT {ASYNC_COMMIT}) AS local"  # noqa: S608
    else:
        rows = f"VALUES ({placeholders})"
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) {rows}", values)
