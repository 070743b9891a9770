from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("nhan-vat/", views.person_list, name="person_list"),
    path("nhan-vat/<int:pk>/", views.person_detail, name="person"),
    path("su-kien/", views.event_list, name="event_list"),
    path("su-kien/<int:pk>/", views.event_detail, name="event"),
]
