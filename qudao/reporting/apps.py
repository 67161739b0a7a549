from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "qudao.reporting"
    verbose_name = _("Reporting")

    def ready(self):
        from .nav import register_navigation

        register_navigation()
