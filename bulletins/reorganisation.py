"""Unpublished issues follow their publisher and audience when organisations merge.

Published issues are never rewritten: their readers keep them through succession.
"""

from django.utils.translation import gettext as _

from .models import Issue


def move_unpublished(sender, moves, day, apply, **kwargs):
    lines = []
    # A scheduled issue already due is in readers' hands (published()) before the task that
    # marks it published has run: it is not rewritten either.
    unpublished = Issue.objects.exclude(
        status__in=[Issue.Status.PUBLISHED, Issue.Status.WITHDRAWN]
    ).exclude(pk__in=Issue.objects.published().values("pk"))
    for old, new in moves.items():
        published_by = list(unpublished.filter(publisher=old))
        addressed = list(unpublished.filter(audience_organisations=old))
        if published_by:
            lines.append(
                _("Unpublished issues now published by %(new)s: %(issues)s")
                % {"new": new.name, "issues": ", ".join(str(issue) for issue in published_by)}
            )
        if addressed:
            lines.append(
                _("Unpublished issues now addressed to %(new)s instead of %(old)s: %(issues)s")
                % {
                    "new": new.name,
                    "old": old.name,
                    "issues": ", ".join(str(issue) for issue in addressed),
                }
            )
        if apply:
            for issue in published_by:
                issue.publisher = new
                issue.save(update_fields=["publisher"])
            for issue in addressed:
                issue.audience_organisations.remove(old)
                issue.audience_organisations.add(new)
    return lines
