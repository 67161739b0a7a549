from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FraudConfig(AppConfig):
    name = "qudao.fraud"
    verbose_name = _("Fraud screening")

    def ready(self):
        from .nav import register_navigation

        register_navigation()
