from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatementsConfig(AppConfig):
    name = "qudao.statements"
    verbose_name = _("Statement confirmation")

    def ready(self):
        from .nav import register_navigation

        register_navigation()
