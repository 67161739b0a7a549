from django.urls import path

from . import views

app_name = "sales"
urlpatterns = [
    path("products/", views.ProductListView.as_view(), name="product_list"),
    path("products/new/", views.ProductCreateView.as_view(), name="product_create"),
    path("products/import/", views.ProductImportView.as_view(), name="product_import"),
    path("products/<int:pk>/", views.ProductDetailView.as_view(), name="product_detail"),
    path("products/<int:pk>/edit/", views.ProductEditView.as_view(), name="product_edit"),
    path("records/", views.RecordListView.as_view(), name="record_list"),
    path("records/<int:pk>/", views.RecordDetailView.as_view(), name="record_detail"),
    path("imports/", views.ImportBatchListView.as_view(), name="batch_list"),
    path("imports/new/", views.ImportUploadView.as_view(), name="batch_create"),
    path("imports/<int:pk>/", views.ImportBatchDetailView.as_view(), name="batch_detail"),
    path("imports/<int:pk>/progress/", views.ImportBatchProgressView.as_view(), name="batch_progress"),
    path("imports/<int:pk>/errors/", views.ImportBatchErrorsView.as_view(), name="batch_errors"),
    path("effective-rules/", views.EffectiveRuleListView.as_view(), name="rule_list"),
    path("effective-rules/new/", views.EffectiveRuleCreateView.as_view(), name="rule_create"),
    path("effective-rules/<int:pk>/", views.EffectiveRuleDetailView.as_view(), name="rule_detail"),
    path("effective-rules/<int:pk>/edit/", views.EffectiveRuleEditView.as_view(), name="rule_edit"),
]
