from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("accounts/", include("qudao.accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("", include("qudao.ui.urls")),
    path("", include("qudao.territory.urls")),
    path("", include("qudao.channels.urls")),
    path("", include("qudao.sales.urls")),
    path("", include("qudao.targets.urls")),
    path("", include("qudao.performance.urls")),
    path("", include("qudao.reporting.urls")),
    path("", include("qudao.inspections.urls")),
    path("", include("qudao.fieldwork.urls")),
    path("", include("qudao.ledger.urls")),
    path("", include("qudao.fraud.urls")),
    path("", include("qudao.incentives.urls")),
    path("", include("qudao.statements.urls")),
]
