"""The bell in the portal's and the admin's header: the unread count, one query, made only
when a page shows the bell."""

from functools import cached_property

from .models import Notice


class Bell:
    def __init__(self, user):
        self.user = user

    @cached_property
    def unread(self):
        return Notice.objects.shown_to(self.user).unread().count()


def bell(request):
    return {"bell": Bell(request.user)}
