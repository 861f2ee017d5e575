from django.contrib import admin
from django.urls import path

from timeline import health
from timeline.editors import views as editor_views
from timeline.editors import watches
from timeline.exports import api, csv, feeds, timelinejs
from timeline.imports import views as import_views
from timeline.public import views

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("healthz", health.healthz, name="healthz"),
    path("export.csv", csv.event_export_csv, name="event_export_csv"),
    path("export.json", timelinejs.event_export_json, name="event_export_json"),
    path("feed.atom", feeds.EventAtomFeed(), name="event_feed_atom"),
    path("calendar.ics", feeds.event_calendar_ics, name="event_calendar_ics"),
    path("api/events", api.event_api_list, name="api_event_list"),
    path("api/events/<int:pk>", api.event_api_detail, name="api_event_detail"),
    path(
        "admin/timeline/event/import/",
        admin.site.admin_view(import_views.event_import),
        name="event_import",
    ),
    path(
        "admin/timeline/event/import/jobs/<int:pk>/",
        admin.site.admin_view(import_views.event_import_job),
        name="event_import_job",
    ),
    path("ingest/", editor_views.ingest, name="ingest"),
    path("ingest/jobs/<int:pk>/", editor_views.ingest_job, name="ingest_job"),
    path(
        "ingest/jobs/<int:pk>/confirm/", editor_views.ingest_job_confirm, name="ingest_job_confirm"
    ),
    path("review/", editor_views.review_list, name="review_list"),
    path("review/sources/<int:pk>/", editor_views.review_source, name="review_source"),
    path(
        "review/sources/<int:pk>/accept-all/",
        editor_views.review_source_accept_all,
        name="review_source_accept_all",
    ),
    path("review/events/<int:pk>/", editor_views.review_event, name="review_event"),
    path(
        "review/events/<int:pk>/merge/", editor_views.review_event_merge, name="review_event_merge"
    ),
    path("watches/", watches.watch_list, name="watch_list"),
    path("watches/<int:pk>/edit/", watches.watch_edit, name="watch_edit"),
    path("watches/<int:pk>/pause/", watches.watch_pause, name="watch_pause"),
    path("watches/<int:pk>/resume/", watches.watch_resume, name="watch_resume"),
    path("watches/<int:pk>/check/", watches.watch_check, name="watch_check"),
    path("admin/", admin.site.urls),
]

handler500 = "timeline.health.server_error"
