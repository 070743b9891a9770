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
import os
import re
import secrets
import time
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

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

# Folders of the project that hold no code the pages run (the virtualenv's packages change
# with a deploy's requirements, which also change pyproject.toml).
_NOT_SOURCE = {".git", ".venv", "node_modules", "var", "tests", "bench", "media", "static"}

_personal = contextvars.ContextVar("replay_personal", default=None)


def user_version(user_id):
    return f"{PREFIX}user:{user_id}"


def _move(keys, *, before=False):
    """Give the versions new values. ``before`` the write is committed, a cache that cannot
    be reached (twice) fails the write, which then changes nothing: a change that could not
    retire the replays of what it changes is refused. After it, the failure is logged, and
    the move made before it stands."""
    for attempt in (1, 2):
        try:
            cache.set_many(dict.fromkeys(keys, secrets.token_hex(8)), None)
            return
        except Exception:
            if attempt == 2 and before:
                raise
            if attempt == 2:
                logger.exception("Replayed pages could not be retired: the cache is unreachable")


class _Moves:
    """The versions a transaction's writes move, moved again when it commits (on_commit)."""

    def __init__(self):
        self.keys = set()
        self.unmoved = set()  # written again since their first move (_move_uncommitted)

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
    # Robust: a failing callback registered before it must not keep the versions where they are.
    transaction.on_commit(moves, using=connection.alias, robust=True)
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

    The version moves before the write is committed (at a transaction's first such write,
    before a statement outside one) and again once it is: a page another connection renders
    in between reads the old rows and is stored under the first new version, which the
    second retires (as ``accounts.scope`` does).
    """
    version = _written_version(sql)
    if version is None:
        return execute(sql, params, many, context)
    connection = context["connection"]
    if not connection.in_atomic_block:
        _move([version], before=True)
        result = execute(sql, params, many, context)
        _move([version])
        return result
    result = execute(sql, params, many, context)
    moves = _moves_of(connection)
    if version in moves.keys:
        moves.unmoved.add(version)
    else:
        moves.keys.add(version)
        _move([version], before=True)
    return result


def _move_uncommitted():
    """Before a request: what this thread's connections wrote again and have not committed,
    in a transaction left open across requests (a test's), is what its pages will read."""
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
    user_email: str
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
            record_opening(request, self.user_id, self.user_email, *self.opening)
        return get_conditional_response(request, etag=response.get("ETag"), response=response)


def _until(refreshed_at):
    """Until when a page rendered from now on may be replayed: before the session's refresh
    falls due, the day ends or the next scheduled issue falls due. Asked before the page is
    rendered: one rendered across such a moment may show the state before it."""
    if time.time() - refreshed_at >= settings.SESSION_REFRESH_SECONDS:
        refreshed_at = int(time.time())  # due: this very request refreshes it
    now = timezone.localtime()
    midnight = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time(), now.tzinfo
    )
    ends = [refreshed_at + settings.SESSION_REFRESH_SECONDS, midnight.timestamp()]
    grows = next_publication()
    if grows is not None:
        ends.append(grows.timestamp())
    return min(ends)


@functools.cache
def _source():
    """A digest of the code, templates and translations this process runs, and of the static
    files' manifest: a deploy retires every replay (a fix of a template or an access rule
    reaches replayed pages at once, and no page points to static files that are gone)."""
    digest = hashlib.blake2b(digest_size=16)
    root = Path(settings.BASE_DIR)
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name not in _NOT_SOURCE)
        for name in sorted(files):
            if name.endswith((".py", ".html", ".mo", ".json")):
                path = Path(folder, name)
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    manifest = Path(settings.STATIC_ROOT or root, "staticfiles.json")
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()


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
            _source(),
            settings.SECRET_KEY,  # rotated to log everybody out: no replay survives it
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
        version_keys = (SITE_VERSION, user_version(user_id))
        found |= cache.get_many([key, version_keys[1]])
        versions = tuple(found.get(version_key) for version_key in version_keys)
        entry = found.get(key)
        if None in versions:
            # A version the cache lost (a restart, an eviction) starts anew: nothing stored
            # under the lost one is ever taken for current.
            for version_key, version in zip(version_keys, versions, strict=True):
                if version is None:
                    cache.add(version_key, secrets.token_hex(8), None)
            now_held = cache.get_many(version_keys)
            versions = tuple(now_held.get(version_key) for version_key in version_keys)
            entry = None
        if (
            entry is not None
            and entry.session == session
            and entry.versions == versions
            and time.time() < entry.until
            and (replayed := entry.response(request)) is not None
        ):
            return replayed
        until = _until(session.get(IdleSessionMiddleware.KEY, 0))
        response = self.get_response(request)
        if None not in versions:
            self.store(request, response, key, versions, until)
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

    def store(self, request, response, key, versions, until):
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
        entry = Entry(
            user_id=request.user.pk,
            user_email=request.user.email,
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
