"""People and events in the reading portal, for any logged-in account.

What they link to in the bulletins (the news items, the sections naming a person) goes
through `visible_to`, like every read path of the portal.
"""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from people.models import Event, Participation, Person, Position

from .. import reading
from ..filters import EventFilter, PersonFilter
from ..replay import replayable

PER_PAGE = 30
# Who led the event comes first, as in the news: chaired, led, spoke, received, attended.
ROLE_ORDER = [
    Participation.Role.CHAIRED,
    Participation.Role.LED,
    Participation.Role.SPOKE,
    Participation.Role.RECEIVED,
    Participation.Role.ATTENDED,
]


def positions_by_date():
    return Position.objects.select_related("organisation").order_by("-start_date", "pk")


@replayable
def person_list(request):
    people = PersonFilter(
        request.GET,
        queryset=Person.objects.prefetch_related(Prefetch("positions", positions_by_date())),
    )
    page = Paginator(people.qs, PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for person in page:
        person.current = person.current_positions(today)
    return render(request, "portal/person_list.html", {"filter": people, "page": page})


@replayable
def person_detail(request, pk):
    person = get_object_or_404(Person, pk=pk)
    today = timezone.localdate()
    positions = list(positions_by_date().filter(person=person))
    context = {
        "person": person,
        "current": [p for p in positions if p.is_current(today)],
        "past": [p for p in positions if not p.is_current(today)],
        "participations": person.participations.select_related("event").order_by("-event__start"),
        "mentions": reading.sections_mentioning(person, request.user),
    }
    return render(request, "portal/person_detail.html", context)


@replayable
def event_list(request):
    events = EventFilter(request.GET, queryset=Event.objects.all())
    page = Paginator(events.qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/event_list.html", {"filter": events, "page": page})


@replayable
def event_detail(request, pk):
    event = get_object_or_404(Event, pk=pk)
    participations = sorted(
        event.participations.select_related("person"),
        key=lambda p: (ROLE_ORDER.index(p.role), p.person.full_name),
    )
    reports = list(reading.reports_of(event, request.user))
    context = {
        "event": event,
        "participations": participations,
        "organisations": event.organisations.all(),
        "reports": reports,
        "photos": [photo for report in reports for photo in reading.photos(report)],
    }
    return render(request, "portal/event_detail.html", context)
