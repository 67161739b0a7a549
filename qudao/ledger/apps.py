from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "qudao.ledger"
    verbose_name = _("Agent ledger")

    def ready(self):
        from .nav import register_navigation

        register_navigation()
