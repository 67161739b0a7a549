from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("progress/", views.DashboardView.as_view(), name="dashboard"),
    path("progress/nodes/", views.NodeProgressListView.as_view(), name="node_list"),
    path("progress/nodes/<int:pk>/", views.NodeDashboardView.as_view(), name="node_detail"),
    path("progress/nodes/<int:pk>/statistics.xlsx", views.NodeStatisticsView.as_view(), name="node_statistics"),
    path("progress/nodes/<int:pk>/monthly-pack.xlsx", views.NodeMonthlyPackView.as_view(), name="node_pack"),
]
