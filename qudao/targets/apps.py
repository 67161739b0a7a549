from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "qudao.targets"
    verbose_name = _("Targets")

    def ready(self):
        from qudao.channels.hooks import on_outlet_change

        from .follow import follow_outlet_change
        from .nav import register_navigation

        on_outlet_change(follow_outlet_change)
        register_navigation()
