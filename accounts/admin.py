from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "last_name", "first_name", "email", "is_staff", "is_active"]
    list_filter = [*DjangoUserAdmin.list_filter, "organisations"]
    autocomplete_fields = ["organisations"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Organisations"), {"fields": ["organisations"]}),
    ]
