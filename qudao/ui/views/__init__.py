from .generic import (
    ListResultsMixin,
    ScopedDetailView,
    ScopedListView,
    ScopedObjectMixin,
    ServiceFormView,
)
from .home import home

__all__ = ["ListResultsMixin", "ScopedDetailView", "ScopedListView", "ScopedObjectMixin", "ServiceFormView", "home"]
