from django.urls import path

from . import views

app_name = "inspections"
PHOTO = "photos/<uuid:photo_uuid>/"

urlpatterns = [
    path("inspections/", views.InspectionListView.as_view(), name="inspection_list"),
    path("inspections/new/", views.InspectionStartView.as_view(), name="inspection_start"),
    path("inspections/monthly/", views.MonthlyReportView.as_view(), name="monthly_report"),
    path("inspections/<int:pk>/", views.InspectionDetailView.as_view(), name="inspection_detail"),
    path("inspections/<int:pk>/checklist/", views.InspectionChecklistView.as_view(), name="inspection_checklist"),
    path(f"inspections/<int:pk>/{PHOTO}", views.InspectionPhotoView.as_view(), name="inspection_photo"),
    path("rectifications/", views.RectificationListView.as_view(), name="rectification_list"),
    path("rectifications/new/", views.RectificationCreateView.as_view(), name="rectification_create"),
    path("rectifications/<int:pk>/", views.RectificationDetailView.as_view(), name="rectification_detail"),
    path("rectifications/<int:pk>/recheck/", views.RectificationRecheckView.as_view(), name="rectification_recheck"),
    path(f"rectifications/<int:pk>/{PHOTO}", views.RectificationPhotoView.as_view(), name="rectification_photo"),
    path("violations/", views.ViolationListView.as_view(), name="violation_list"),
    path("violations/new/", views.ViolationCreateView.as_view(), name="violation_create"),
    path("violations/<int:pk>/", views.ViolationDetailView.as_view(), name="violation_detail"),
    path("violations/<int:pk>/evidence/", views.ViolationEvidenceView.as_view(), name="violation_evidence"),
    path("violations/<int:pk>/escalate/", views.ViolationEscalateView.as_view(), name="violation_escalate"),
    path("violations/<int:pk>/penalty/", views.ViolationPenaltyView.as_view(), name="violation_penalty"),
    path("violations/<int:pk>/close/", views.ViolationCloseView.as_view(), name="violation_close"),
    path(f"violations/<int:pk>/{PHOTO}", views.ViolationPhotoView.as_view(), name="violation_photo"),
    path("inspections/my-week/", views.MyWeekView.as_view(), name="plan_week"),
    path("week-plans/", views.WeekPlanListView.as_view(), name="plan_list"),
    path("week-plans/<int:pk>/", views.WeekPlanDetailView.as_view(), name="plan_detail"),
    path("checklists/", views.ChecklistTemplateListView.as_view(), name="template_list"),
    path("checklists/<int:pk>/", views.ChecklistTemplateDetailView.as_view(), name="template_detail"),
]
