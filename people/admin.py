from django.contrib import admin

from .models import Event, Organisation, Participation, Person, Position


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "citation_code"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "citation_code"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


class PositionInline(admin.TabularInline):
    model = Position
    extra = 1
    autocomplete_fields = ["organisation"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name"]
    search_fields = ["full_name", "positions__title"]
    inlines = [PositionInline]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "organisation", "start_date", "end_date"]
    list_filter = ["organisation__kind"]
    search_fields = ["person__full_name", "title", "organisation__name"]
    autocomplete_fields = ["person", "organisation"]
    list_select_related = ["person", "organisation"]
    date_hierarchy = "start_date"


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 1
    autocomplete_fields = ["person"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "start", "place"]
    list_filter = ["kind"]
    search_fields = ["title", "place", "participants__full_name"]
    autocomplete_fields = ["organisations"]
    date_hierarchy = "start"
    inlines = [ParticipationInline]
