"""Organisations (with their history and reorganisations), people and events."""

import datetime

from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from operations.versioning import VersionedForm

from . import reorganisation
from .forms import OPERATIONS, ReorganisationForm
from .models import (
    CellType,
    Event,
    Organisation,
    OrganisationName,
    Participation,
    Person,
    Position,
    Succession,
    Transfer,
)


class ExistingOnFilter(admin.SimpleListFilter):
    """Today's tree by default; the tree on the eve of each recorded change, or everything."""

    title = _("existing")
    parameter_name = "on"

    def lookups(self, request, model_admin):
        days = sorted(
            {*Succession.objects.values_list("date", flat=True)}
            | {*Transfer.objects.values_list("date", flat=True)},
            reverse=True,
        )
        eves = [
            (
                (day - datetime.timedelta(days=1)).isoformat(),
                gettext("On %(day)s") % {"day": f"{day - datetime.timedelta(days=1):%d/%m/%Y}"},
            )
            for day in days
        ]
        return [("all", _("All, ended ones included")), *eves]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("Today"),
        }
        yield from list(super().choices(changelist))[1:]  # without the generic "All"

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        day = parse_date(self.value() or "") or timezone.localdate()
        return queryset.current(day)


class OrganisationNameInline(admin.TabularInline):
    model = OrganisationName
    extra = 0
    fields = ["name", "short_name", "valid_from", "valid_until"]


class SuccessionInline(admin.TabularInline):
    """The bodies this one was merged or dissolved into; recorded by the reorganisations."""

    model = Succession
    fk_name = "predecessor"
    extra = 0
    fields = ["kind", "successor", "date"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def picker_label(organisation):
    """Two cells may share a name: a picker tells them apart by their parent."""
    if organisation.parent_id is None:
        return organisation.name
    return f"{organisation.name} – {organisation.parent.name}"


class OrganisationPickers:
    """Organisation fields of this admin name each organisation with its parent.

    A model admin may also narrow what a field offers, in its form and in its search-as-you-type
    list alike, by defining ``organisation_choices(request, field_name)``.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.is_relation and db_field.related_model is Organisation:
            field.label_from_instance = picker_label
            field.queryset = field.queryset.select_related("parent")
            if hasattr(self, "organisation_choices"):
                field.queryset &= self.organisation_choices(request, db_field.name)
        return field


class OrganisationAutocomplete(AutocompleteJsonView):
    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, Organisation):
            result["text"] = picker_label(obj)
        return result


# The admin's search-as-you-type lists use the same labels (the documented way is a custom
# admin site; one view of the default site is replaced instead).
admin.site.autocomplete_view = lambda request: OrganisationAutocomplete.as_view(
    admin_site=admin.site
)(request)


@admin.register(CellType)
class CellTypeAdmin(admin.ModelAdmin):
    """The managed list of cell types, kept by the system administrators (model permissions)."""

    list_display = ["name", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    form = VersionedForm  # two administrators at once: neither edit lost
    exclude = ["version"]  # the form's own hidden field, not the model's
    actions = None  # no bulk delete: each type is checked on its own page

    def has_delete_permission(self, request, obj=None):
        """A type in use stays: deleting it would open its sections to every cell."""
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or not self.in_use(obj))

    def in_use(self, cell_type):
        sections = apps.get_model("bulletins", "Section").cell_types.through.objects
        return cell_type.organisations.exists() or sections.filter(celltype=cell_type).exists()


@admin.register(Organisation)
class OrganisationAdmin(OrganisationPickers, admin.ModelAdmin):
    list_display = ["name", "kind", "cell_type", "parent", "citation_code", "existed_until"]
    list_filter = [ExistingOnFilter, "kind", "cell_type"]
    search_fields = ["name", "short_name", "citation_code", "former_names__name", "parent__name"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent", "cell_type"]
    inlines = [OrganisationNameInline, SuccessionInline]
    actions = ["merge", "dissolve", "rename", "move"]
    form = VersionedForm  # two editors at once: neither edit lost
    exclude = ["version"]  # the form's own hidden field, not the model's

    def get_urls(self):
        return [
            path(
                "to-chuc-lai/<str:operation>/",
                self.admin_site.admin_view(self.reorganise_view),
                name="people_organisation_reorganise",
            ),
            *super().get_urls(),
        ]

    def _start(self, request, queryset, operation):
        url = reverse("admin:people_organisation_reorganise", args=[operation])
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return redirect(f"{url}?{urlencode({'ids': ids})}")

    @admin.action(description=OPERATIONS["merge"], permissions=["change"])
    def merge(self, request, queryset):
        return self._start(request, queryset, "merge")

    @admin.action(description=OPERATIONS["dissolve"], permissions=["change"])
    def dissolve(self, request, queryset):
        return self._start(request, queryset, "dissolve")

    @admin.action(description=OPERATIONS["rename"], permissions=["change"])
    def rename(self, request, queryset):
        return self._start(request, queryset, "rename")

    @admin.action(description=OPERATIONS["move"], permissions=["change"])
    def move(self, request, queryset):
        return self._start(request, queryset, "move")

    def reorganise_view(self, request, operation):
        """Preview what moves, then apply it in one transaction (people.reorganisation)."""
        if operation not in OPERATIONS or not self.has_change_permission(request):
            raise PermissionDenied
        ids = [pk for pk in request.GET.get("ids", "").split(",") if pk.isdigit()]
        organisations = list(Organisation.objects.filter(pk__in=ids).order_by("name"))
        if not organisations:
            messages.error(request, gettext("Choose the organisations first."))
            return redirect("admin:people_organisation_changelist")
        form = ReorganisationForm(
            request.POST or None, operation=operation, organisations=organisations
        )
        outcome = None
        if request.method == "POST" and form.is_valid():
            apply = "_apply" in request.POST
            try:
                outcome = self._reorganise(request, operation, organisations, form, apply)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if apply:
                    messages.success(request, outcome.summary)
                    return redirect("admin:people_organisation_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": OPERATIONS[operation],
            "organisations": organisations,
            "form": form,
            "outcome": outcome,
        }
        return TemplateResponse(request, "admin/people/organisation/reorganise.html", context)

    @staticmethod
    def _reorganise(request, operation, organisations, form, apply):
        data, actor = form.cleaned_data, request.user
        if operation == "rename":
            return reorganisation.rename(
                organisations[0],
                data["new_name"],
                data["day"],
                short_name=data["new_short_name"],
                actor=actor,
                apply=apply,
            )
        if operation == "move":
            return reorganisation.move(
                organisations, data["successor"], data["day"], actor=actor, apply=apply
            )
        successor = data["successor"] or form.new_successor()
        act = reorganisation.dissolve if operation == "dissolve" else reorganisation.merge
        if operation == "dissolve" and len(organisations) != 1:
            raise ValidationError(gettext("Dissolve one organisation at a time."))
        sources = organisations[0] if operation == "dissolve" else organisations
        return act(sources, successor, data["day"], actor=actor, apply=apply)

    def get_search_results(self, request, queryset, search_term):
        """The search-as-you-type list offers what the form it serves would accept."""
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        queryset = queryset.select_related("parent")
        try:
            model = apps.get_model(request.GET["app_label"], request.GET["model_name"])
        except (KeyError, LookupError):
            return queryset, duplicates
        source = (
            self.admin_site.get_model_admin(model) if self.admin_site.is_registered(model) else None
        )
        if hasattr(source, "organisation_choices"):
            queryset &= source.organisation_choices(request, request.GET.get("field_name", ""))
        return queryset, duplicates


class PositionInline(OrganisationPickers, admin.TabularInline):
    model = Position
    form = VersionedForm  # a colleague's change of a title is not saved over
    exclude = ["version"]  # the form's own hidden field, not the model's
    extra = 1
    autocomplete_fields = ["organisation"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name"]
    search_fields = ["full_name", "positions__title"]
    inlines = [PositionInline]
    form = VersionedForm  # two editors at once: neither edit lost
    exclude = ["version"]  # the form's own hidden field, not the model's


@admin.register(Position)
class PositionAdmin(OrganisationPickers, admin.ModelAdmin):
    list_display = ["person", "title", "organisation", "start_date", "end_date"]
    list_filter = ["organisation__kind"]
    search_fields = ["person__full_name", "title", "organisation__name"]
    autocomplete_fields = ["person", "organisation"]
    list_select_related = ["person", "organisation"]
    date_hierarchy = "start_date"
    form = VersionedForm  # two editors at once: neither edit lost
    exclude = ["version"]  # the form's own hidden field, not the model's


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 1
    autocomplete_fields = ["person"]


@admin.register(Event)
class EventAdmin(OrganisationPickers, admin.ModelAdmin):
    list_display = ["title", "kind", "start", "place"]
    list_filter = ["kind"]
    search_fields = ["title", "place", "participants__full_name"]
    autocomplete_fields = ["organisations"]
    date_hierarchy = "start"
    inlines = [ParticipationInline]
    form = VersionedForm  # two editors at once: neither edit lost
    exclude = ["version"]  # the form's own hidden field, not the model's
