from .generic import (
    ScopedDetailView,
    ScopedListView,
    ScopedObjectMixin,
    ServiceFormView,
)
from .home import home

__all__ = ["ScopedDetailView", "ScopedListView", "ScopedObjectMixin", "ServiceFormView", "home"]
