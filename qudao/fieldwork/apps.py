from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FieldworkConfig(AppConfig):
    name = "qudao.fieldwork"
    verbose_name = _("Field work")

    def ready(self):
        from .nav import register_navigation

        register_navigation()
