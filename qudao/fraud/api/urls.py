"""The fraud app's API routes; config/api_urls.py assembles them with the other apps'."""

# (prefix, viewset, basename) for the shared router; URL names are api:<basename>-list/-detail.
routes: list = []
urlpatterns: list = []
