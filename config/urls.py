from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from accounts.views import PasswordChangeView, PasswordResetConfirmView
from bulletins.uploads import upload_image
from portal.media import serve_media

lazy_static = lazy(static, str)  # the manifest of hashed names is read at the first request

admin.site.site_header = _("Party-cell study materials — administration")
admin.site.site_title = _("Study materials administration")
admin.site.index_title = _("Editorial work")
admin.site.index_template = "admin/work_index.html"  # the work list and calendar on top

urlpatterns = [
    # Browsers ask for /favicon.ico on every page, the admin's too.
    path(
        "favicon.ico",
        login_not_required(RedirectView.as_view(url=lazy_static("favicon.svg"))),
        name="favicon",
    ),
    path("quan-tri/", admin.site.urls),
    path("tai-khoan/password_change/", PasswordChangeView.as_view(), name="password_change"),
    path(
        "tai-khoan/reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("tai-khoan/", include("django.contrib.auth.urls")),
    path("ckeditor5/image_upload/", upload_image, name="ck_editor_5_upload_file"),
    path("media/<path:path>", serve_media, name="media"),
    path("", include("portal.urls")),
]
