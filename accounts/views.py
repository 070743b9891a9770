"""The password pages a person uses for their own password: changing it, which is also where a
new account replaces its one-time password, and setting it from a reset link. Both clear
``must_change_password``: the person now chose their password (the administrator's password
form sets the flag instead, accounts/admin.py)."""

from django.contrib.auth import views as auth_views
from django.utils.translation import gettext_lazy as _


class ChosenByTheUser:
    def form_valid(self, form):
        form.user.must_change_password = False  # saved with the new password by the form
        return super().form_valid(form)


class PasswordChangeView(ChosenByTheUser, auth_views.PasswordChangeView):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.request.user.must_change_password:
            form.fields["old_password"].label = _("One-time password")
            form.fields["old_password"].help_text = _(
                "The password the administrator gave you with your account."
            )
        return form


class PasswordResetConfirmView(ChosenByTheUser, auth_views.PasswordResetConfirmView):
    pass
