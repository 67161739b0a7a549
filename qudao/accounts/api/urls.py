"""The accounts app's API routes; config/api_urls.py assembles them with the other apps'."""

from django.urls import path

from .views import ThrottledTokenView

# (prefix, viewset, basename) for the shared router. The user directory is served by the
# territory app, whose scoping function (users_visible_to) decides who sees whom.
routes = []

urlpatterns = [
    path("auth/token/", ThrottledTokenView.as_view(), name="token"),
]
