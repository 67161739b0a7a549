from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "qudao.territory"
    verbose_name = _("Territory")

    def ready(self):
        from .nav import register_navigation

        register_navigation()
