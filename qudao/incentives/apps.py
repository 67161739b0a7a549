from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncentivesConfig(AppConfig):
    name = "qudao.incentives"
    verbose_name = _("Incentives")

    def ready(self):
        from .nav import register_navigation

        register_navigation()
