from django.urls import path

from . import views

app_name = "territory"
urlpatterns = [
    path("territory/", views.NodeListView.as_view(), name="node_list"),
    path("territory/import/", views.TerritoryImportView.as_view(), name="node_import"),
    path("territory/new/", views.NodeCreateView.as_view(), name="node_create"),
    path("territory/<int:pk>/", views.NodeDetailView.as_view(), name="node_detail"),
    path("territory/<int:pk>/rename/", views.NodeRenameView.as_view(), name="node_rename"),
    path("territory/<int:pk>/move/", views.NodeMoveView.as_view(), name="node_move"),
    path("territory/<int:pk>/retire/", views.NodeRetireView.as_view(), name="node_retire"),
    path("staff/", views.StaffAssignmentListView.as_view(), name="assignment_list"),
    path("staff/import/", views.StaffImportView.as_view(), name="staff_import"),
    path("people/", views.UserListView.as_view(), name="user_list"),
    path("people/<int:pk>/", views.UserDetailView.as_view(), name="user_detail"),
    path("people/<int:pk>/assign/", views.StaffAssignView.as_view(), name="user_assign"),
    path("staff/<int:pk>/remove/", views.StaffUnassignView.as_view(), name="assignment_remove"),
]
