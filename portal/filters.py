"""Filter forms of the portal's registry, people and event lists."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bulletins.models import Issue, Section
from documents.models import Document, DocumentType
from documents.search import documents_matching
from people.models import CellType, Event, Organisation, Person


def year_filter(field_name):
    """A year as people write it: a number too large for the database is refused by the form
    (a clear message), not by the database (an error page)."""
    return django_filters.NumberFilter(
        label=_("Year"), field_name=field_name, min_value=1, max_value=9999
    )


class IssueFilter(django_filters.FilterSet):
    """The archive: regular (monthly) or thematic (quarterly) issues, or both."""

    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Issue.Kind.choices, empty_label=_("All kinds")
    )

    class Meta:
        model = Issue
        fields = ["kind"]


class PreviewAudienceForm(forms.Form):
    """The staff preview's choice: every section, or what one type of cell will read."""

    EVERYTHING, COMMON = "", "chung"

    seen_as = forms.ChoiceField(label=_("Show the issue as"), required=False)

    def __init__(self, data):
        super().__init__(data)
        self.fields["seen_as"].choices = [
            (self.EVERYTHING, _("Staff: every section")),
            (self.COMMON, _("A cell of no particular type: common sections only")),
            *((cell_type.slug, cell_type.name) for cell_type in CellType.objects.all()),
        ]

    def cell_types(self):
        """An audience (bulletins.audience): None for every section."""
        chosen = self.cleaned_data["seen_as"] if self.is_valid() else self.EVERYTHING
        if chosen == self.EVERYTHING:
            return None
        if chosen == self.COMMON:
            return frozenset()
        return frozenset(CellType.objects.filter(slug=chosen).values_list("pk", flat=True))


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Number or subject"), method="search")
    document_type = django_filters.ModelChoiceFilter(
        label=_("Type"), queryset=DocumentType.objects.all()
    )
    issuer = django_filters.ModelChoiceFilter(
        label=_("Issuing organisation"),
        queryset=Organisation.objects.none(),  # see __init__
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"), field_name="issuer__kind", choices=Organisation.Kind.choices
    )
    year = year_filter("issued_on__year")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Document.Status.choices)

    class Meta:
        model = Document
        fields = ["q", "document_type", "issuer", "level", "year", "status"]

    def __init__(self, data=None, queryset=None, **kwargs):
        """The issuers offered are those of the entries the reader may see (``queryset``):
        an organisation whose only entry is hidden is not named."""
        super().__init__(data, queryset, **kwargs)
        self.filters["issuer"].queryset = Organisation.objects.filter(
            pk__in=self.queryset.values("issuer")
        )

    def search(self, queryset, name, value):
        """As typed, or as said ("Chỉ thị 09", "CT 09"), accents optional."""
        named = [document.pk for document in documents_matching(value, queryset)]
        return queryset.filter(
            Q(code__icontains=value) | Q(subject__icontains=value) | Q(pk__in=named)
        )


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


SEARCH_KINDS = [
    ("section", _("Sections of issues")),
    ("document", _("Documents")),
    ("person", _("People")),
    ("event", _("Events")),
]


class SearchFilter(django_filters.FilterSet):
    """The search page's narrowing of section hits. Its choices (years, publishers) come from
    the issues the user may read, so a choice never reveals an issue they cannot. Its
    queryset is every section: SectionQuery.matching limits it to those issues."""

    kind = django_filters.ChoiceFilter(label=_("Show"), choices=SEARCH_KINDS, method="by_kind")
    year = django_filters.ChoiceFilter(label=_("Year"), field_name="issue__year", choices=[])
    publisher = django_filters.ModelChoiceFilter(
        label=_("Publisher"), field_name="issue__publisher", queryset=Organisation.objects.none()
    )
    document_type = django_filters.ModelChoiceFilter(
        label=_("Document type"), queryset=DocumentType.objects.all(), method="citing_type"
    )

    class Meta:
        model = Section
        fields = ["kind", "year", "publisher", "document_type"]

    def __init__(self, data, *, readable):
        # The issues are applied by the search itself (bulletins.search.SectionQuery);
        # ``readable`` (bulletins.readable.Readable) already holds their years and publishers.
        super().__init__(data, Section.objects.all())
        self.filters["year"].extra["choices"] = [(year, year) for year in readable.years]
        self.filters["publisher"].queryset = Organisation.objects.filter(
            pk__in=readable.publisher_ids
        )

    def by_kind(self, queryset, name, value):
        """Sections are hidden when another kind is asked for; the view lists that kind."""
        return queryset if value == "section" else queryset.none()

    def citing_type(self, queryset, name, value):
        citing = Section.objects.filter(
            Q(citations__document__document_type=value)
            | Q(presented_document__document_type=value)
            | Q(cited_documents__document_type=value)
        )
        return queryset.filter(pk__in=citing.values("pk"))
