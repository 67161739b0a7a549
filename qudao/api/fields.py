"""Serializer fields shared by every app's API."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from qudao.core.money import to_fen, to_yuan


class ScopedSlugRelatedField(serializers.SlugRelatedField):
    """A reference by natural key (a code), looked up only among the objects the caller may see.

    An object out of reach therefore fails validation exactly like a missing one.
    """

    def __init__(self, model, *, scope, slug_field: str = "code", **kwargs):
        self.scope = scope
        # Matches nothing; it only tells schema generation which model the key belongs to.
        kwargs["queryset"] = model._default_manager.none()
        super().__init__(slug_field=slug_field, **kwargs)

    def get_queryset(self):
        return self.scope(self.context["request"].user)


class YuanField(serializers.DecimalField):
    """Money stored as integer fen, shown and accepted as a decimal string in yuan ("1234.50").

    JSON numbers with a fraction are refused: a float cannot carry money exactly.
    """

    default_error_messages = {
        "float": _("Send amounts as a decimal string such as \"1234.50\", not as a JSON number."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def to_internal_value(self, data) -> int:
        if isinstance(data, float):
            self.fail("float")
        return to_fen(super().to_internal_value(data))

    def to_representation(self, value: int | None):
        return super().to_representation(to_yuan(value))

    def run_validators(self, value: int) -> None:
        # min_value/max_value are given in yuan; compare them in yuan, not in fen.
        super().run_validators(to_yuan(value))


class EnumChoiceField(serializers.ChoiceField):
    """A choice field over a TextChoices class. The schema names its enum after the class
    (see qudao.api.schema), so one choice set used under several field names stays one enum."""

    def __init__(self, choices_class, **kwargs):
        self.choices_class = choices_class
        super().__init__(choices=choices_class.choices, **kwargs)
