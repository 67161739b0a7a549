from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "qudao.api"
    verbose_name = "API"

    def ready(self):
        from . import schema  # noqa: F401  (defining the extension registers it with drf-spectacular)
