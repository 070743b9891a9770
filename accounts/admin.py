from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.core.validators import FileExtensionValidator
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .importing import AccountFileError, create_accounts, read_rows
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


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
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
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Organisations"), {"fields": ["organisations", "phone", "must_change_password"]}),
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
