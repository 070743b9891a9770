"""A reader's page answered again, byte for byte, to the session it was rendered for, until
anything it shows could have changed.

On the 3rd of the month thousands of secretaries open the same few pages, each several times
(the issue, home, the issue again, the offline worker's list after each). Rendering one costs
about ten milliseconds of CPU; replaying what the whole stack answered that session last time
costs about what a static file does. A replay decides nothing: access, the session, CSRF and
the audit stay with the full stack, which rendered the very bytes. It is used only when all
of these still hold, and the page is rendered in full otherwise:

- the same session cookie, CSRF cookie and every other cookie, the same URL and the same
  ``Accept`` headers (the entry's key), and no pending message;
- the session unchanged, as the shared cache holds it: a logout, a new login, a message left
  for the next page or the idle refresh falling due (``IdleSessionMiddleware``) each end it;
- no write since the rendering that any page could show: every write statement the site
  commits moves the site's version (``watch_writes``), except those to tables no page shows,
  and those a ``personal`` view makes to the account's own rows (a read confirmation, its
  notices), which move only that account's version;
- the same day, the reader's issue list not yet due to grow (a scheduled issue falling due),
  and at most ``SESSION_REFRESH_SECONDS`` since the session was refreshed.

An issue page's opening is audited on every replay too. Writes made outside Django's database
connections (by hand in psql) reach the replays when they expire, within five minutes.
"""

import contextlib
import contextvars
import datetime
import functools
import hashlib
import logging
import re
import secrets
import time
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.db import connections, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response

from accounts.middleware import IdleSessionMiddleware
from bulletins.readable import next_publication

from .audit import record_opening

logger = logging.getLogger(__name__)

PREFIX = "portal:replay:"
SITE_VERSION = PREFIX + "site"
# Tables no reader's page shows: what reading itself writes (sessions, the audit of openings),
# and the bookkeeping of the lock-out, the task queue, the mailer and the import jobs, which
# write many rows at the busiest hours (a publication's thousands of e-mails).
UNSHOWN = frozenset(
    {
        "django_session",
        "auditlog_logentry",
        "axes_accessattempt",
        "axes_accessattemptexpiration",
        "axes_accessfailurelog",
        "axes_accesslog",
        "django_tasks_database_dbtaskresult",
        "notices_delivery",
        "bulletins_importjob",
    }
)
# A login's own timestamp, which no page shows: without this, every login would end everyone's
# replays at the hour when most secretaries log in.
_LAST_LOGIN = re.compile(r'UPDATE "\w+" SET "last_login" = %s WHERE "\w+"\."id" = %s$')
_STATEMENT = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
_NOT_WRITES = (
    "SELECT",
    "(SELECT",
    "SAVEPOINT",
    "RELEASE",
    "ROLLBACK",
    "SET ",
    "SHOW",
    "BEGIN",
    "COMMIT",
)

_personal = contextvars.ContextVar("replay_personal", default=None)


def user_version(user_id):
    return f"{PREFIX}user:{user_id}"


def _move(keys):
    """Give the versions new values. The write is committed already: a cache that cannot be
    reached must not turn it into an error page; the failure is logged."""
    try:
        cache.set_many(dict.fromkeys(keys, secrets.token_hex(8)), None)
    except Exception:
        logger.exception("Replayed pages could not be retired: the cache is unreachable")


class _Moves:
    """The versions a transaction's writes move, moved when it commits (on_commit)."""

    def __init__(self):
        self.keys = set()
        self.unmoved = set()  # written since the last move (_move_uncommitted)

    def add(self, key):
        self.keys.add(key)
        self.unmoved.add(key)

    def move_unmoved(self):
        _move(self.unmoved)
        self.unmoved = set()

    def __call__(self):
        _move(self.keys)


def _moves_of(connection):
    for _savepoints, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _Moves):
            return callback
    moves = _Moves()
    transaction.on_commit(moves, using=connection.alias)
    return moves


def _written_version(sql):
    """The version a statement moves: the site's, an account's, or none (None)."""
    if sql.startswith(_NOT_WRITES) or _LAST_LOGIN.match(sql):
        return None
    match = _STATEMENT.match(sql)
    table = match and match.group(1)
    if table in UNSHOWN:
        return None
    personal = _personal.get()
    if personal is not None and table in personal[1]:
        return user_version(personal[0])
    return SITE_VERSION  # any other write, a migration or a TRUNCATE among them


def watch_writes(execute, sql, params, many, context):
    """A database execute wrapper (installed on every connection by PortalConfig).

    Inside a transaction the version moves once it commits, never before: a page another
    connection renders meanwhile reads the old rows and is stored under the old version.
    """
    result = execute(sql, params, many, context)
    version = _written_version(sql)
    if version is not None:
        connection = context["connection"]
        if connection.in_atomic_block:
            _moves_of(connection).add(version)
        else:
            _move([version])  # autocommitted already
    return result


def _move_uncommitted():
    """Before a request: what this thread's connections wrote and have not committed, in a
    transaction left open across requests (a test's), is what its pages will read."""
    for connection in connections.all(initialized_only=True):
        for _savepoints, callback, _robust in connection.run_on_commit:
            if isinstance(callback, _Moves) and callback.unmoved:
                callback.move_unmoved()


def install(connection, **kwargs):
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


@contextlib.contextmanager
def _writing_own(user, tables):
    token = _personal.set((user.pk, tables))
    try:
        yield
    finally:
        _personal.reset(token)


def personal(*models):
    """For a view whose writes to ``models`` are the requesting account's own rows (its read
    confirmation, its notices): they move only that account's version, not everyone's."""
    tables = frozenset(model._meta.db_table for model in models)

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            with _writing_own(request.user, tables):
                return view(request, *args, **kwargs)

        return wrapper

    return decorator


def replayable(view):
    """Mark a reader's GET page as one the middleware may replay."""
    view.replayable = True
    return view


def opening(request, issue):
    """Tell the middleware the page is an opening of ``issue``, audited on every replay."""
    request.replay_opening = (issue.pk, str(issue))


def made_by(request, maker):
    """Tell the middleware the response's content is made again at each replay, by
    ``maker.content(now)`` (a PDF's download line carries its time): it keeps the maker."""
    request.replay_maker = maker


@dataclass(frozen=True)
class Entry:
    user_id: int
    session: dict
    versions: tuple
    until: float
    status: int
    headers: tuple
    content: bytes
    opening: tuple | None
    maker: object | None

    def response(self, request):
        """The response again, audited; None if its content cannot be made again."""
        content = self.content
        if self.maker is not None:
            try:
                content = self.maker.content(timezone.now())
            except FileNotFoundError:
                return None
        response = HttpResponse(content, status=self.status)
        for name, value in self.headers:
            response.headers[name] = value
        if "Content-Length" in response:
            response["Content-Length"] = len(content)
        if self.opening is not None:
            record_opening(request, self.user_id, *self.opening)
        return get_conditional_response(request, etag=response.get("ETag"), response=response)


def _until(refreshed_at):
    """When a page rendered now may have changed by itself: the session's refresh falls due,
    the day ends, or the reader's list of issues grows."""
    now = timezone.localtime()
    midnight = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time(), now.tzinfo
    )
    ends = [refreshed_at + settings.SESSION_REFRESH_SECONDS, midnight.timestamp()]
    grows = next_publication()
    if grows is not None:
        ends.append(grows.timestamp())
    return min(ends)


class ReplayMiddleware:
    """Sits just inside whitenoise, where a static file is answered: a replay costs about as
    much. Used where sessions are cached in a cache every process shares (REDIS_URL)."""

    def __init__(self, get_response):
        if not settings.REPLAY_PAGES:
            raise MiddlewareNotUsed
        self.get_response = get_response
        # Where the session engine keeps sessions in the cache (the cached_db engine does).
        self.sessions = import_module(settings.SESSION_ENGINE).KEY_PREFIX

    def key(self, request):
        cookies = request.COOKIES
        if (
            request.method != "GET"
            or settings.SESSION_COOKIE_NAME not in cookies
            or CookieStorage.cookie_name in cookies
        ):
            return None
        parts = (
            request.get_full_path(),
            request.META.get("HTTP_COOKIE", ""),
            request.META.get("HTTP_ACCEPT", ""),
            request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
            "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", ""),
        )
        return PREFIX + hashlib.blake2b(repr(parts).encode(), digest_size=20).hexdigest()

    def __call__(self, request):
        key = self.key(request)
        if key is None:
            return self.get_response(request)
        _move_uncommitted()
        session_key = self.sessions + request.COOKIES[settings.SESSION_COOKIE_NAME]
        found = cache.get_many([session_key, SITE_VERSION])
        session = found.get(session_key)
        user_id = session and session.get("_auth_user_id")
        if user_id is None:  # no such session, or not in the cache yet
            return self.get_response(request)
        found |= cache.get_many([key, user_version(user_id)])
        versions = (found.get(SITE_VERSION), found.get(user_version(user_id)))
        entry = found.get(key)
        if (
            entry is not None
            and entry.session == session
            and entry.versions == versions
            and time.time() < entry.until
            and (replayed := entry.response(request)) is not None
        ):
            return replayed
        response = self.get_response(request)
        self.store(request, response, key, versions)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.replayable = getattr(view_func, "replayable", False)

    @staticmethod
    def no_new_cookie(request, response):
        """Cookies only sent again as the browser has them, their expiry renewed (Django
        renews the CSRF cookie wherever a form uses it, and the session's at its refresh): a
        replay may leave them out, as it ends before the session's next refresh is due."""
        return all(
            morsel.value == request.COOKIES.get(name) for name, morsel in response.cookies.items()
        )

    def store(self, request, response, key, versions):
        if not (
            getattr(request, "replayable", False)
            and response.status_code == 200
            and not response.streaming
            and self.no_new_cookie(request, response)
            and request.user.is_authenticated
            and not getattr(getattr(request, "_messages", None), "used", False)
        ):
            return
        session = dict(request.session.items())
        maker = getattr(request, "replay_maker", None)
        until = _until(session.get(IdleSessionMiddleware.KEY, 0))
        entry = Entry(
            user_id=request.user.pk,
            session=session,
            versions=versions,
            until=until,
            status=response.status_code,
            headers=tuple(response.items()),
            content=b"" if maker else response.content,
            opening=getattr(request, "replay_opening", None),
            maker=maker,
        )
        if until > time.time():
            cache.set(key, entry, int(until - time.time()) + 1)
