from django.urls import path

from . import views

app_name = "bulletins"

urlpatterns = [
    path("", views.home, name="home"),
    path("luu-tru/", views.archive, name="archive"),
    path("tai-lieu/<int:pk>/", views.issue_detail, name="issue"),
    path("tai-lieu/<int:pk>/pdf/", views.issue_pdf, name="issue_pdf"),
    path("tai-lieu/<int:pk>/da-doc/", views.confirm_read, name="confirm_read"),
    path("tai-lieu/<int:pk>/xem-truoc/", views.issue_preview, name="issue_preview"),
]
