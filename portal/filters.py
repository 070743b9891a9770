"""Filter forms of the portal's registry, people and event lists."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from documents.models import Document, DocumentType
from people.models import Event, Organisation, Person


def year_filter(field_name):
    """A year as people write it: a number too large for the database is refused by the form
    (a clear message), not by the database (an error page)."""
    return django_filters.NumberFilter(
        label=_("Year"), field_name=field_name, min_value=1, max_value=9999
    )


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Number or subject"), method="search")
    document_type = django_filters.ModelChoiceFilter(
        label=_("Type"), queryset=DocumentType.objects.all()
    )
    issuer = django_filters.ModelChoiceFilter(
        label=_("Issuing organisation"),
        queryset=Organisation.objects.filter(issued_documents__isnull=False).distinct(),
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"), field_name="issuer__kind", choices=Organisation.Kind.choices
    )
    year = year_filter("issued_on__year")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Document.Status.choices)

    class Meta:
        model = Document
        fields = ["q", "document_type", "issuer", "level", "year", "status"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(subject__icontains=value))


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
    year = year_filter("start__year")
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
