from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts.views import PasswordChangeView
from portal.media import serve_media

admin.site.site_header = _("Party-cell study materials — administration")
admin.site.site_title = _("Study materials administration")
admin.site.index_title = _("Editorial work")

urlpatterns = [
    path("quan-tri/", admin.site.urls),
    path("tai-khoan/password_change/", PasswordChangeView.as_view(), name="password_change"),
    path("tai-khoan/", include("django.contrib.auth.urls")),
    path("ckeditor5/", include("django_ckeditor_5.urls")),
    path("media/<path:path>", serve_media, name="media"),
    path("", include("portal.urls")),
]
