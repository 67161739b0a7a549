from django.urls import path

from . import views

app_name = "performance"
urlpatterns = [
    path("bulletins/", views.BulletinListView.as_view(), name="bulletin_list"),
    path("bulletins/<int:pk>/", views.BulletinDetailView.as_view(), name="bulletin_detail"),
    path("bulletins/<int:pk>/xlsx/", views.BulletinXlsxView.as_view(), name="bulletin_xlsx"),
    path("bulletins/<int:pk>/pdf/", views.BulletinPdfView.as_view(), name="bulletin_pdf"),
    path("bulletin-lines/", views.BulletinLineListView.as_view(), name="line_list"),
    path("bulletin-lines/<int:pk>/", views.BulletinLineDetailView.as_view(), name="line_detail"),
    path("follow-ups/", views.FollowUpListView.as_view(), name="followup_list"),
    path("follow-ups/<int:pk>/", views.FollowUpDetailView.as_view(), name="followup_detail"),
    path("follow-ups/<int:pk>/outcome/", views.FollowUpOutcomeView.as_view(), name="followup_outcome"),
    path("webhooks/", views.WebhookListView.as_view(), name="webhook_list"),
    path("webhooks/new/", views.WebhookCreateView.as_view(), name="webhook_create"),
    path("webhooks/<int:pk>/", views.WebhookDetailView.as_view(), name="webhook_detail"),
    path("webhooks/<int:pk>/edit/", views.WebhookEditView.as_view(), name="webhook_edit"),
    path("laggard-rules/", views.LaggardRuleView.as_view(), name="laggard_rule"),
]
