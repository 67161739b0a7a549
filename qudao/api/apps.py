from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "qudao.api"
    verbose_name = "API"
