from django.urls import path

from . import views

app_name = "targets"
urlpatterns = [
    path("targets/", views.TargetListView.as_view(), name="target_list"),
    path("targets/new/", views.TargetCreateView.as_view(), name="target_create"),
    path("targets/import/", views.TargetImportView.as_view(), name="target_import"),
    path("targets/<int:pk>/", views.TargetDetailView.as_view(), name="target_detail"),
    path("targets/<int:pk>/edit/", views.TargetEditView.as_view(), name="target_edit"),
    path("targets/<int:pk>/decompose/", views.TargetDecomposeView.as_view(), name="target_decompose"),
    path("targets/calendar/", views.CalendarListView.as_view(), name="calendar_list"),
    path("targets/calendar/new/", views.CalendarCreateView.as_view(), name="calendar_create"),
    path("targets/calendar/import/", views.CalendarImportView.as_view(), name="calendar_import"),
    path("targets/calendar/<int:pk>/", views.CalendarDetailView.as_view(), name="calendar_detail"),
    path("targets/calendar/<int:pk>/edit/", views.CalendarEditView.as_view(), name="calendar_edit"),
    path("targets/calendar/<int:pk>/delete/", views.CalendarDeleteView.as_view(), name="calendar_delete"),
]
