"""Person and event pages: timelines, participants by role, and the material about them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bulletins.models import Issue, Section
from people.models import Event, Participation, Person, Position

from .factories import make_issue

pytestmark = pytest.mark.django_db

PHOTO = (
    '<figure class="image"><img src="/media/images/hoi-nghi-so-ket-6-thang-2026.jpg" '
    'alt="Quang cảnh hội nghị"><figcaption>Quang cảnh hội nghị</figcaption></figure>'
)


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


def make_event(title, day, *people, role=Participation.Role.ATTENDED):
    event = Event.objects.create(
        title=title,
        start=timezone.make_aware(datetime.datetime(2026, 7, day, 8)),
        place="Hội trường Thành ủy Cao Bằng",
    )
    for person in people:
        Participation.objects.create(event=event, person=person, role=role)
    return event


def report(issue, event, heading, body="<p>Tin hoạt động.</p>"):
    return Section.objects.create(
        issue=issue, position=900 + event.pk, heading=heading, body=body, event=event
    )


@pytest.fixture
def van(city, board):
    person = Person.objects.create(full_name="Nông Thị Thanh Vân")
    Position.objects.create(
        person=person, organisation=city, title="Bí thư Thành ủy", start_date="2025-09-24"
    )
    Position.objects.create(
        person=person,
        organisation=city,
        title="Phó Bí thư Thường trực Thành ủy",
        start_date="2020-10-22",
        end_date="2025-09-23",
    )
    return person


def test_person_page_shows_positions_events_and_the_sections_that_mention_them(
    reader_client, van, board, city
):
    conference = make_event("Hội nghị sơ kết 6 tháng", 10, van, role=Participation.Role.CHAIRED)
    readable, draft = make_issue(board, 8), make_issue(board, 9, published=False)
    restricted = make_issue(board, 10)
    restricted.audience = Issue.Audience.ORGANISATIONS
    restricted.save()
    restricted.audience_organisations.set([board])
    reported = report(readable, conference, "Hội nghị sơ kết 6 tháng đầu năm")
    named = Section.objects.create(
        issue=readable, position=1, heading="Gương điển hình", body="<p>Đ/c Nông Thị Thanh Vân.</p>"
    )
    report(draft, conference, "Tin của bản nháp")
    Section.objects.create(
        issue=restricted, position=1, heading="Mục hạn chế", body="<p>Nông Thị Thanh Vân</p>"
    )

    content = reader_client.get(reverse("people:person", args=[van.pk])).content.decode()
    current = content[content.index('class="timeline"') :]
    assert current.index("Bí thư Thành ủy") < current.index("Phó Bí thư Thường trực")
    assert "22/10/2020 – 23/09/2025" in content
    assert reverse("people:event", args=[conference.pk]) in content
    assert str(Participation.Role.CHAIRED.label) in content
    assert f"{readable.get_absolute_url()}#{reported.anchor}" in content
    assert f"{readable.get_absolute_url()}#{named.anchor}" in content
    assert "Tin của bản nháp" not in content
    assert "Mục hạn chế" not in content


def test_event_page_shows_participants_by_role_its_report_and_photos(reader_client, van, board):
    guest = Person.objects.create(full_name="Lâm Văn Quý")
    conference = make_event("Hội nghị sơ kết 6 tháng", 10, van, role=Participation.Role.CHAIRED)
    Participation.objects.create(event=conference, person=guest, role=Participation.Role.SPOKE)
    issue = make_issue(board, 8)
    news = report(issue, conference, "Hội nghị sơ kết 6 tháng đầu năm", PHOTO)
    report(make_issue(board, 9, published=False), conference, "Tin của bản nháp", PHOTO)

    content = reader_client.get(reverse("people:event", args=[conference.pk])).content.decode()
    assert "Hội trường Thành ủy Cao Bằng" in content
    assert "10/07/2026, 08:00" in content
    chaired, spoke = Participation.Role.CHAIRED.label, Participation.Role.SPOKE.label
    assert content.index(str(chaired)) < content.index(str(spoke))
    assert content.index("Nông Thị Thanh Vân") < content.index("Lâm Văn Quý")
    assert f"{issue.get_absolute_url()}#{news.anchor}" in content
    assert "Tin của bản nháp" not in content
    assert content.count("<figcaption>Quang cảnh hội nghị</figcaption>") == 1


def test_lists_filter_people_and_events(reader_client, van, city, board):
    other = Person.objects.create(full_name="Lục Văn Khánh")
    make_event("Hội nghị sơ kết", 10, van)
    make_event("Đối thoại với Nhân dân", 20, other)

    people = reader_client.get(reverse("people:person_list"), {"name": "thanh vân"})
    content = people.content.decode()
    assert "Nông Thị Thanh Vân" in content and "Lục Văn Khánh" not in content
    assert "Bí thư Thành ủy" in content and "Phó Bí thư Thường trực" not in content  # current only
    by_organisation = reader_client.get(reverse("people:person_list"), {"organisation": city.pk})
    assert "Lục Văn Khánh" not in by_organisation.content.decode()

    events = reader_client.get(reverse("people:event_list"), {"q": "thoại với"}).content.decode()
    assert "Đối thoại với Nhân dân" in events and "Hội nghị sơ kết" not in events
    by_person = reader_client.get(reverse("people:event_list"), {"person": van.pk})
    assert "Hội nghị sơ kết" in by_person.content.decode()
    assert "Đối thoại với Nhân dân" not in by_person.content.decode()


@pytest.mark.parametrize("size", [1, 25])
def test_person_page_query_count_is_fixed(
    reader_client, van, city, board, size, django_assert_max_num_queries
):
    issue = make_issue(board, 8)
    for day in range(1, size + 1):
        Position.objects.create(person=van, organisation=city, title=f"Chức vụ {day}")
        report(issue, make_event(f"Sự kiện {day}", day % 28 + 1, van), f"Tin {day}")
    # session, user, person, positions, participations, mentions, the session refreshed (3),
    # the reading scope worked out on a first request (4: tree, cells, successions, transfers)
    with django_assert_max_num_queries(13):
        response = reader_client.get(reverse("people:person", args=[van.pk]))
    assert response.content.decode().count("Tin ") == min(size, 20)


@pytest.mark.parametrize("size", [1, 30])
def test_event_page_query_count_is_fixed(reader_client, board, size, django_assert_max_num_queries):
    people = [Person.objects.create(full_name=f"Người số {n}") for n in range(size)]
    event = make_event("Hội nghị", 10, *people)
    for month in range(1, min(size, 6) + 1):
        report(make_issue(board, month, sections=1), event, f"Tin tháng {month}", PHOTO)
    # session, user, event, participants, organisations, reports, the session refreshed (3),
    # the reading scope worked out on a first request (4: tree, cells, successions, transfers)
    with django_assert_max_num_queries(13):
        response = reader_client.get(reverse("people:event", args=[event.pk]))
    assert response.content.decode().count("<figcaption>") == min(size, 6)


@pytest.mark.parametrize("size", [3, 40])
def test_list_query_counts_are_fixed(
    reader_client, city, size, django_assert_max_num_queries, rendered
):
    for n in range(size):
        person = Person.objects.create(full_name=f"Người số {n}")
        Position.objects.create(person=person, organisation=city, title="Ủy viên")
        make_event(f"Sự kiện {n}", n % 28 + 1, person)
    # session, user, the filter's choices, count, page, (people: their positions), the bell's
    # unread count, session save (3)
    with django_assert_max_num_queries(10):
        reader_client.get(reverse("people:person_list"))
    with django_assert_max_num_queries(9):
        reader_client.get(reverse("people:event_list"))
