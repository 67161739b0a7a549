from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    name = "qudao.channels"
    verbose_name = _("Channels")

    def ready(self):
        from qudao.territory.hooks import register_retire_check

        from .selectors import active_outlets_block_retire

        register_retire_check(active_outlets_block_retire)

        from .nav import register_navigation

        register_navigation()
