from django.urls import path

from . import views

app_name = "channels"
urlpatterns = [
    path("agents/", views.AgentListView.as_view(), name="agent_list"),
    path("agents/import/", views.AgentImportView.as_view(), name="agent_import"),
    path("agents/new/", views.AgentCreateView.as_view(), name="agent_create"),
    path("agents/<int:pk>/", views.AgentDetailView.as_view(), name="agent_detail"),
    path("agents/<int:pk>/edit/", views.AgentEditView.as_view(), name="agent_edit"),
    path("outlets/", views.OutletListView.as_view(), name="outlet_list"),
    path("outlets/import/", views.OutletImportView.as_view(), name="outlet_import"),
    path("outlets/apply/", views.OutletApplyView.as_view(), name="outlet_apply"),
    path("outlets/<int:pk>/", views.OutletDetailView.as_view(), name="outlet_detail"),
    path("outlets/<int:pk>/edit/", views.OutletEditView.as_view(), name="outlet_edit"),
    path("outlets/<int:pk>/request/<str:kind>/", views.OutletRequestCreateView.as_view(), name="outlet_request_create"),
    path("outlet-requests/", views.OutletRequestListView.as_view(), name="request_list"),
    path("outlet-requests/<int:pk>/", views.OutletRequestDetailView.as_view(), name="request_detail"),
    path("outlet-requests/<int:pk>/approve/", views.OutletRequestApproveView.as_view(), name="request_approve"),
    path("outlet-requests/<int:pk>/reject/", views.OutletRequestRejectView.as_view(), name="request_reject"),
    path("outlet-requests/<int:pk>/cancel/", views.OutletRequestCancelView.as_view(), name="request_cancel"),
]
