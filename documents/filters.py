import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from people.models import Organisation

from .models import Document, DocumentType


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
    year = django_filters.NumberFilter(label=_("Year"), field_name="issued_on__year")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Document.Status.choices)

    class Meta:
        model = Document
        fields = ["q", "document_type", "issuer", "level", "year", "status"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(subject__icontains=value))
