import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Event, Organisation, Person


class PersonFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(
        label=_("Name"), field_name="full_name", lookup_expr="icontains"
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        field_name="positions__organisation",
        queryset=Organisation.objects.filter(positions__isnull=False).distinct(),
        distinct=True,
    )

    class Meta:
        model = Person
        fields = ["name", "organisation"]


class EventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Title or place"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Event.Kind.choices)
    year = django_filters.NumberFilter(label=_("Year"), field_name="start__year")
    person = django_filters.ModelChoiceFilter(
        label=_("Participant"),
        field_name="participants",
        queryset=Person.objects.filter(participations__isnull=False).distinct(),
        distinct=True,
    )

    class Meta:
        model = Event
        fields = ["q", "kind", "year", "person"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(place__icontains=value))
