from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SalesConfig(AppConfig):
    name = "qudao.sales"
    verbose_name = _("Sales")

    def ready(self):
        from .nav import register_navigation

        register_navigation()
