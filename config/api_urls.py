"""API v1: one router assembled from every app's `api/urls.py`, plus token login, schema and docs.

Each app module offers `routes` ((prefix, viewset, basename) for the router) and `urlpatterns`
(anything else). URL names live in the "api" namespace: api:<basename>-list / -detail.
"""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from qudao.accounts.api import urls as accounts_api
from qudao.channels.api import urls as channels_api
from qudao.fieldwork.api import urls as fieldwork_api
from qudao.fraud.api import urls as fraud_api
from qudao.incentives.api import urls as incentives_api
from qudao.inspections.api import urls as inspections_api
from qudao.ledger.api import urls as ledger_api
from qudao.performance.api import urls as performance_api
from qudao.reporting.api import urls as reporting_api
from qudao.sales.api import urls as sales_api
from qudao.statements.api import urls as statements_api
from qudao.targets.api import urls as targets_api
from qudao.territory.api import urls as territory_api

app_name = "api"

APP_APIS = (accounts_api, territory_api, channels_api, sales_api, targets_api, performance_api, reporting_api,
            inspections_api, fieldwork_api, ledger_api, fraud_api, incentives_api,
            statements_api)


def build_router() -> DefaultRouter:
    router = DefaultRouter()
    for app_api in APP_APIS:
        for prefix, viewset, basename in app_api.routes:
            router.register(prefix, viewset, basename=basename)
    return router


urlpatterns = [
    *(pattern for app_api in APP_APIS for pattern in app_api.urlpatterns),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    *build_router().urls,
]
