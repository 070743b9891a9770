"""The password change page, which is also where a new account replaces its one-time password."""

from django.contrib.auth import views as auth_views
from django.utils.translation import gettext_lazy as _


class PasswordChangeView(auth_views.PasswordChangeView):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.request.user.must_change_password:
            form.fields["old_password"].label = _("One-time password")
            form.fields["old_password"].help_text = _(
                "The password the administrator gave you with your account."
            )
        return form
