from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "qudao.inspections"
    verbose_name = _("Inspections")

    def ready(self):
        from .nav import register_navigation

        register_navigation()
