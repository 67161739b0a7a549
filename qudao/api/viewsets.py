"""Base viewsets: a domain viewset declares its scope, serializers and permissions instead of writing them."""

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from django.db.models import QuerySet
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from .permissions import ViewWritePermission
from .schema import ScopedAutoSchema


class ScopedViewSetMixin:
    """Rows come from `scope(user)` only, for lists and for detail lookups alike, so an
    object out of the user's reach answers 404 exactly like a missing one.

    Declare on the viewset:
      scope                   the app's scoping function, user → queryset
      select_related          relations the serializer reads, so lists cost a constant number of queries
      write_permission        user → bool, required for every unsafe method (absent: read-only)
      object_write_permission (user, obj) → bool, optional, for visible-but-not-changeable objects
      action_serializers      {action: serializer class}, overriding `serializer_class` per action
    """

    # Functions stored on a class become methods when read through an instance,
    # so these are always called through type(self).
    scope: ClassVar[Callable[[Any], QuerySet]]
    select_related: ClassVar[tuple[str, ...]] = ()
    action_serializers: ClassVar[Mapping[str, type[serializers.BaseSerializer]]] = {}
    permission_classes = (IsAuthenticated, ViewWritePermission)
    schema = ScopedAutoSchema()

    def get_queryset(self) -> QuerySet:
        queryset = type(self).scope(self.request.user)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if not queryset.ordered:
            queryset = queryset.order_by("pk")  # pagination needs a stable order
        return queryset

    def get_serializer_class(self):
        return self.action_serializers.get(self.action) or super().get_serializer_class()

    def validated_input(self, serializer_class: type[serializers.Serializer]) -> dict:
        """Parses the request body of a custom action; invalid input answers 400."""
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def respond_with(self, instance, status_code: int = status.HTTP_200_OK) -> Response:
        """Renders `instance` with the viewset's main serializer, as retrieve would."""
        serializer_class = super().get_serializer_class()
        return Response(serializer_class(instance, context=self.get_serializer_context()).data, status=status_code)


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """List and retrieve within the user's scope."""


class ScopedCreateUpdateViewSet(
    ScopedViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """List, retrieve, create and update within the user's scope; nothing is ever deleted here."""
