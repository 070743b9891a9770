"""What a reader's organisations reach, cached per user and organisation-tree version.

Working it out walks the whole organisation tree, and its successions and transfers, in
Python: thousands of rows at national scale, on every request. The result is kept in the
cache under the user's id and a tree version that every saved change to organisations,
successions, transfers or memberships moves (the receivers below). A shared cache
(REDIS_URL) sees each change at once; a local-memory cache belongs to one process, so its
entries live only a minute: another process's change reaches it within that minute.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from people.models import Organisation, Succession, Transfer

VERSION_KEY = "accounts:organisation-tree-version"
TIMEOUT = 60 * 60 if settings.REDIS_URL else 60


def current_version(key):
    """The version stored under ``key``, started now if the cache has none; moving it (a new
    time) retires every entry whose key holds the old one."""
    version = cache.get(key)
    if version is None:
        cache.add(key, time.time_ns(), None)
        version = cache.get(key)
    return version


def move_version(key):
    """Retire every entry cached under the version stored at ``key``: at once, and again when
    the transaction making the change commits. A request of another process that read the
    database between the two (the change not yet committed) cached the old state under the
    first new version; the second retires it too."""
    cache.set(key, time.time_ns(), None)
    # Robust: the change is committed; a cache down then must not fail the request.
    transaction.on_commit(lambda: cache.set(key, time.time_ns(), None), robust=True)


def current_versions(*keys):
    """The versions stored under ``keys``, in one round trip to the cache when all exist."""
    found = cache.get_many(keys)
    return [found[key] if key in found else current_version(key) for key in keys]


def tree_version():
    return current_version(VERSION_KEY)


def scopes(user):
    """(ids of the user's organisations and all above them, {former body id: last day}, ids of
    their organisations' cell types).

    An organisation of the user's that has ended (a cell dissolved with no successor) reads
    on as a former body: what was addressed to it and above it up to its last day, nothing
    published after. The day is in the key, so an end is seen the day it comes."""
    today = timezone.localdate()
    key = f"accounts:scope:{user.pk}:{tree_version()}:{today}:cells"
    found = cache.get(key)
    if found is None:
        rows = list(user.organisations.values_list("pk", "cell_type_id", "existed_until"))
        ended = {pk: until for pk, _type, until in rows if until is not None and until < today}
        reading = Organisation.objects.with_ancestors(pk for pk, *_ in rows if pk not in ended)
        former = Organisation.objects.former_scope(reading)
        for pk, until in ended.items():
            chain = Organisation.objects.with_ancestors([pk])
            earlier = Organisation.objects.former_scope(chain)
            lasts = {body: until for body in chain} | {
                body: min(last, until) for body, last in earlier.items()
            }
            for body, last in lasts.items():
                if body not in reading and former.get(body, last) <= last:
                    former[body] = last
        cell_types = frozenset(filter(None, (cell_type for _pk, cell_type, _until in rows)))
        found = (reading, former, cell_types)
        cache.set(key, found, TIMEOUT)
    return found


@receiver([post_save, post_delete], sender=Organisation)
@receiver([post_save, post_delete], sender=Succession)
@receiver([post_save, post_delete], sender=Transfer)
def tree_changed(**kwargs):
    move_version(VERSION_KEY)


@receiver(m2m_changed, sender="accounts.User_organisations")
def membership_changed(action, **kwargs):
    if action.startswith("post_"):
        tree_changed()
