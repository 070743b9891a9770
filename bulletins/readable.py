"""What a user reads, materialised: ``Issue.objects.visible_to(user)`` as a cached list.

Building the ``visible_to`` query costs a few milliseconds of Python on every request (its
subqueries for the reader's organisations and inherited bodies), and reading it scans every
issue (20 ms at 50,000). The issue page (access and the neighbouring issues) and the search
ask it on every request, so a reader's issues are kept in the cache under the versions that
every saved change to issues, their audiences and the organisation tree moves, and until the
next scheduled issue falls due. The rule itself stays in ``visible_to``: this module only
remembers its answer.

A shared cache (REDIS_URL) sees each change at once; a local-memory cache belongs to one
process, so another process's change reaches it when its entries expire (``scope.TIMEOUT``,
a minute, for this list and for the reading scope it is built on: two at most). The issue
page also asks the issue's own row whether it is published, so a withdrawal closes it at
once everywhere.
"""

import bisect
import datetime
from array import array
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from accounts import scope

from .models import Issue
from .policy import policy

ISSUES_VERSION_KEY = "bulletins:readable:issues-version"
# An issue's place in the reading order (year, month, id) as one integer.
_ID_BITS = 40


def _place(year, month, pk):
    assert 0 < pk < 1 << _ID_BITS, pk  # ids are far below 2**40
    return ((year * 100 + month) << _ID_BITS) | pk


@dataclass(frozen=True)
class Readable:
    """The issues a user reads: their ids, sorted (``ids``: what the search looks in,
    ``__contains__``: whether one may be opened), their places in the reading order
    (``neighbours``), and the years and publishers among them (the search's filter choices),
    from one query. Arrays of integers: a reader's 5,000 issues at national scale come out of
    the cache in microseconds."""

    ids: array
    places: array
    years: list
    publisher_ids: frozenset
    # When a scheduled issue falls due and the list is out of date (None: never by itself).
    until: datetime.datetime | None = None

    @classmethod
    def of(cls, issues, until=None):
        rows = list(issues.order_by().values_list("pk", "year", "month", "publisher_id"))
        return cls(
            ids=array("q", sorted(pk for pk, *_rest in rows)),
            places=array("q", sorted(_place(year, month, pk) for pk, year, month, _ in rows)),
            years=sorted({year for _pk, year, _month, _publisher in rows}, reverse=True),
            publisher_ids=frozenset(publisher for *_rest, publisher in rows),
            until=until,
        )

    def __contains__(self, pk):
        at = bisect.bisect_left(self.ids, pk)
        return at < len(self.ids) and self.ids[at] == pk

    def neighbours(self, issue):
        """The ids of the readable issues just before and just after ``issue`` by month, then
        id (None at the ends)."""
        place = _place(issue.year, issue.month, issue.pk)
        before = bisect.bisect_left(self.places, place)
        after = bisect.bisect_right(self.places, place)
        mask = (1 << _ID_BITS) - 1
        previous = self.places[before - 1] & mask if before else None
        following = self.places[after] & mask if after < len(self.places) else None
        return previous, following


def readable_issues(user, *, staff=False):
    """What the user reads in the portal; with ``staff``, also the issues they work on,
    drafts included, as the admin shows them (not cached: staff searches are few)."""
    if staff:
        managed = policy.issues_for(user)
        visible = Issue.objects.visible_to(user)
        return Readable.of(
            Issue.objects.filter(Q(pk__in=visible.values("pk")) | Q(pk__in=managed.values("pk")))
        )
    tree, issues = scope.current_versions(scope.VERSION_KEY, ISSUES_VERSION_KEY)
    key = cache_key(user, tree, issues)
    # A page asks more than once (access, then neighbours): the user object of the request
    # keeps the answer of these versions.
    kept_key, found = getattr(user, "_readable", (None, None))
    if kept_key != key:
        found = cache.get(key)
    if found is None or (found.until is not None and found.until <= timezone.now()):
        # The next due time first: an issue falling due meanwhile is then read now, or the
        # list expires at its time, never neither.
        until = next_publication(issues)
        found = Readable.of(Issue.objects.visible_to(user), until)
        cache.set(key, found, scope.TIMEOUT)
    user._readable = (key, found)
    return found


def next_publication(issues=None):
    """``Issue.objects.next_publication()``, asked once per version of the issues (``issues``,
    the current one by default) rather than on every page, and again once it has passed."""
    if issues is None:
        issues = scope.current_version(ISSUES_VERSION_KEY)
    key = f"bulletins:readable:next-publication:{issues}"
    kept = cache.get(key)
    if kept is None or (kept[0] is not None and kept[0] <= timezone.now()):
        kept = (Issue.objects.next_publication(),)
        cache.set(key, kept, scope.TIMEOUT)
    return kept[0]


def cache_key(user, tree, issues):
    """Where a user's list is kept under these versions. The day too: an organisation's end,
    reached at midnight, changes what its members read."""
    day = timezone.localdate()
    return f"bulletins:readable:{user.pk}:{user.is_superuser}:{tree}:{issues}:{day}"


@receiver([post_save, post_delete], sender=Issue)
@receiver(m2m_changed, sender=Issue.audience_organisations.through)
def issues_changed(**kwargs):
    scope.move_version(ISSUES_VERSION_KEY)
