from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "qudao.reporting"
    verbose_name = _("Reporting")

    def ready(self):
        from qudao.sales.rollups import on_rollups_rebuilt

        from .aggregates import refresh_reporting_aggregates
        from .nav import register_navigation

        register_navigation()
        on_rollups_rebuilt(refresh_reporting_aggregates)
