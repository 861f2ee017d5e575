from django.contrib import admin
from django.urls import path

from timeline import views

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("admin/", admin.site.urls),
]
