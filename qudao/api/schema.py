"""OpenAPI generation tweaks shared by every app's API."""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_choice_description_list


class ScopedAutoSchema(AutoSchema):
    """Responses always have the shape of the viewset's main `serializer_class`;
    `action_serializers` only narrow what a request body may change."""

    def get_response_serializers(self):
        view = self.view
        if getattr(view, "action", None) in getattr(view, "action_serializers", {}):
            return view.serializer_class(context=view.get_serializer_context())
        return super().get_response_serializers()


class EnumChoiceFieldExtension(OpenApiSerializerFieldExtension):
    """`EnumChoiceField(ChannelType)` → one `ChannelTypeEnum` component, whatever the field is called."""

    target_class = "qudao.api.fields.EnumChoiceField"

    def get_name(self) -> str:
        return f"{self.target.choices_class.__name__}Enum"

    def map_serializer_field(self, auto_schema, direction) -> dict:
        choices = self.target.choices_class
        return {
            "type": "string",
            "enum": list(choices.values),
            "description": build_choice_description_list(choices.choices),
        }
