"""Reading on a phone and the first visit: the current issue, filters, the icon, text size."""

import datetime

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from bulletins.models import Issue
from portal import reading

from .factories import make_issue


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 11, 5), (2026, 11)),  # December's issue, out early, waits
        (datetime.date(2026, 12, 1), (2026, 12)),
        (datetime.date(2027, 1, 15), (2026, 12)),  # nothing for January yet: the newest
        (datetime.date(2026, 9, 10), (2026, 9)),
        (datetime.date(2026, 1, 10), (2026, 12)),  # before all of them: the newest
    ],
)
def test_this_months_issue_is_the_one_of_this_month(board, today, expected):
    for month in (9, 11, 12):
        make_issue(board, month, sections=1)
    issue = reading.current_issue(Issue.objects.all(), today)
    assert (issue.year, issue.month) == expected


def test_the_home_page_opens_this_months_issue_not_next_months(client, board, reader):
    today = timezone.localdate()
    following = today.replace(day=28) + datetime.timedelta(days=7)
    for day in (today, following):
        issue = Issue.objects.create(publisher=board, year=day.year, month=day.month)
        issue.status = Issue.Status.PUBLISHED
        issue.published_at = timezone.now() - datetime.timedelta(hours=1)
        issue.save()
    client.force_login(reader)

    page = client.get(reverse("bulletins:home")).content.decode()

    latest = page.split("Các số khác")[0]
    assert "Tài liệu tháng này" in latest
    assert f"tháng {today.month} năm {today.year}" in latest
    assert f"tháng {following.month} năm {following.year}" not in latest


def test_filters_start_folded_and_say_all(client, reader, directive):
    client.force_login(reader)
    page = client.get(reverse("documents:list")).content.decode()
    assert "---------" not in page
    assert "Tất cả" in page
    assert '<details class="more-filters">' in page
    filtered = client.get(reverse("documents:list"), {"year": "2026"}).content.decode()
    assert '<details class="more-filters" open>' in filtered


def test_the_browser_icon_is_found_without_logging_in(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("/favicon.svg")
    assert finders.find("favicon.svg")


def test_every_page_offers_the_text_size_buttons(client, reader):
    client.force_login(reader)
    page = client.get(reverse("bulletins:home")).content.decode()
    assert 'title="Chữ to hơn">A+<span class="visually-hidden"> Chữ to hơn</span>' in page
    assert "js/text-size.js" in page
