"""Factories for test data: plain functions that make saved objects with sensible defaults."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from bulletins.models import Footnote, Issue, Section

PASSWORD = "mat-khau-thu-nghiem-2026"


def make_issue(publisher, month, *, published=True, sections=5):
    issue = Issue.objects.create(publisher=publisher, year=2026, month=month)
    levels = [1, 2, 2, 3, 1, 2, 1][:sections] + [1] * max(0, sections - 7)
    for position, level in enumerate(levels, start=1):
        section = Section.objects.create(
            issue=issue,
            position=position * 10,
            level=level,
            heading=f"Nội dung số {position} tháng {month}",
            body=f"<p>Đoạn văn của mục {position}, số tháng {month}.</p>",
        )
        Footnote.objects.create(section=section, marker="1", text=f"Chú thích của mục {position}")
    issue.renumber_sections()
    if published:
        # Published yesterday; the workflow's own steps are tested in test_workflow.
        issue.status = Issue.Status.PUBLISHED
        issue.published_at = timezone.now() - datetime.timedelta(days=1)
        issue.save()
    return issue


def make_user(username, *, groups=(), **extra):
    user = User.objects.create_user(username=username, password=PASSWORD, **extra)
    user.groups.set(Group.objects.filter(name__in=groups))
    return user
