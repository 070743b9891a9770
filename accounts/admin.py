from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.validators import FileExtensionValidator
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from people.admin import OrganisationPickers

from . import audit_admin  # noqa: F401  (the audit log's admin, in Vietnamese)
from .importing import AccountFileError, create_accounts, read_rows
from .library_names import permission_label
from .models import User

MAX_CSV_BYTES = 1024 * 1024


class AccountFileForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        validators=[FileExtensionValidator(["csv"])],
        help_text=_(
            "Columns: full name, username, email or phone, party cell, role. UTF-8, at most 1 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        return upload


class PasswordForm(AdminPasswordChangeForm):
    """An administrator sets someone's password: that person must replace it at next login.

    Django joins the help text below at import time, so its warning is never translated.
    """

    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."),
    )

    def save(self, commit=True):
        self.user.must_change_password = bool(self.cleaned_data.get("set_usable_password", True))
        return super().save(commit=commit)


class PermissionLabels:
    """Permissions listed by their Vietnamese names, not the English ones Django stores."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in {"permissions", "user_permissions"}:
            field.label_from_instance = permission_label
        return field


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(PermissionLabels, DjangoGroupAdmin):
    pass


@admin.register(User)
class UserAdmin(OrganisationPickers, PermissionLabels, DjangoUserAdmin):
    list_display = [
        "username",
        "last_name",
        "first_name",
        "email",
        "phone",
        "is_staff",
        "is_active",
    ]
    list_filter = [*DjangoUserAdmin.list_filter, "organisations"]
    search_fields = [*DjangoUserAdmin.search_fields, "phone"]
    autocomplete_fields = ["organisations"]
    actions = ["deactivate"]
    change_list_template = "admin/accounts/user/change_list.html"
    change_password_form = PasswordForm
    # The party cell and the role come first; single permissions, rarely used, come last.
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["last_name", "first_name", "email", "phone"]}),
        (_("Party cells and roles"), {"fields": ["organisations", "groups"]}),
        (_("Status"), {"fields": ["is_active", "must_change_password", "is_staff"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
        (
            _("Single permissions"),
            {"fields": ["is_superuser", "user_permissions"], "classes": ["collapse"]},
        ),
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.must_change_password = True  # the administrator chose this password
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Deactivate the selected accounts"), permissions=["change"])
    def deactivate(self, request, queryset):
        count = queryset.exclude(pk=request.user.pk).filter(is_active=True).update(is_active=False)
        self.message_user(
            request,
            ngettext("%(count)d account deactivated.", "%(count)d accounts deactivated.", count)
            % {"count": count},
        )

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("nhap-csv/", view, name="accounts_user_import"), *super().get_urls()]

    def import_view(self, request):
        """Upload, check every row, show the result; import only on confirmation."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Import accounts from CSV"),
        }
        if request.method == "POST" and "confirm" in request.POST:
            data = request.session.pop("account_import", "").encode()
            context.update(self._confirm(request, data))
            return TemplateResponse(request, "admin/accounts/user/import.html", context)
        form = AccountFileForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data["file"].read()
            try:
                rows = read_rows(data)
            except AccountFileError as error:
                form.add_error("file", str(error))
            else:
                context["rows"] = rows
                context["has_errors"] = any(row.errors for row in rows)
                if not context["has_errors"]:
                    request.session["account_import"] = data.decode("utf-8-sig")
        context["form"] = form
        return TemplateResponse(request, "admin/accounts/user/import.html", context)

    def _confirm(self, request, data):
        try:
            created = create_accounts(read_rows(data))
        except AccountFileError as error:
            messages.error(request, str(error))
            return {"form": AccountFileForm()}
        messages.success(
            request,
            ngettext("%(count)d account created.", "%(count)d accounts created.", len(created))
            % {"count": len(created)},
        )
        return {"created": created}
