"""Write access on top of read access: the scope decides what a user sees, these what they may change."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission


class ViewWritePermission(BasePermission):
    """Unsafe methods need the view's `write_permission(user)`; a view without one is read-only.

    A view may also declare `object_write_permission(user, obj)` for objects it shows but
    the user may not change (for example an ancestor node outside their reach).

    On routes about one object the role is checked only once the object has been found in
    the user's scope, so an object out of reach answers 404 for everyone, exactly like a
    missing one. DRF checks object permissions in `get_object()`: every detail action must
    fetch its object through it.
    """

    message = _("Your role may read but not change this.")

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS or not hasattr(view, request.method.lower()):
            return True  # reads are the scope's business; unsupported methods answer 405
        if _is_object_route(view):
            return True  # decided in has_object_permission, after the scoped lookup
        return _may_write(request.user, view)

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if not _may_write(request.user, view):
            return False
        check = getattr(type(view), "object_write_permission", None)
        return check is None or bool(check(request.user, obj))


def _is_object_route(view) -> bool:
    lookup = getattr(view, "lookup_url_kwarg", None) or getattr(view, "lookup_field", None)
    return bool(lookup) and lookup in getattr(view, "kwargs", {})


def _may_write(user, view) -> bool:
    # Read through the class: a function stored on a class would bind as a method on the instance.
    check = getattr(type(view), "write_permission", None)
    return bool(check and check(user))
