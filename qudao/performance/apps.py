from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "qudao.performance"
    verbose_name = _("Bulletins and follow-ups")

    def ready(self):
        from .nav import register_navigation

        register_navigation()
