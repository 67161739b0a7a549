from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from qudao.api.fields import EnumChoiceField
from qudao.channels.models import Outlet
from qudao.sales.choices import ProductCategory
from qudao.targets.choices import Metric, PeriodKind
from qudao.targets.models import CalendarException, Target
from qudao.targets.services import calendar_day_save, target_create, target_update
from qudao.territory.models import TerritoryNode
from qudao.territory.selectors import nodes_within_reach, path_q, reach_paths


def _request_user(serializer: serializers.Serializer):
    return serializer.context["request"].user


def _outlets_in_reach(user):
    return Outlet.objects.filter(path_q(reach_paths(user), "grid__path"))


class TargetSerializer(serializers.ModelSerializer):
    """`value` is a whole number in the metric's unit: fen for revenue_fen, records otherwise.
    Exactly one of `node` / `outlet` (codes) names the holder; only `value` changes afterwards."""

    period_kind = EnumChoiceField(PeriodKind)
    metric = EnumChoiceField(Metric)
    category = serializers.ChoiceField(choices=[("", "—"), *ProductCategory.choices], required=False, allow_blank=True,
                                       default="", help_text=gettext_lazy("Blank: all categories."))
    period_start = serializers.DateField(help_text=gettext_lazy("Any day of the period; stored as its first day."))
    node = serializers.SlugRelatedField(slug_field="code", queryset=TerritoryNode.objects.none(), required=False,
                                        allow_null=True)
    outlet = serializers.SlugRelatedField(slug_field="code", queryset=Outlet.objects.none(), required=False,
                                          allow_null=True)
    value = serializers.IntegerField(min_value=0)
    period_label = serializers.CharField(read_only=True)

    class Meta:
        model = Target
        fields = ["id", "period_kind", "period_start", "period_label", "metric", "category", "node", "outlet", "value",
                  "needs_rebalancing", "created_at", "updated_at"]
        read_only_fields = ["id", "needs_rebalancing", "created_at", "updated_at"]
        validators = []  # uniqueness is the service's (full_clean) and the database's business

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            self.fields["node"].queryset = nodes_within_reach(request.user)
            self.fields["outlet"].queryset = _outlets_in_reach(request.user)

    def validate(self, attrs):
        if self.instance is None and (attrs.get("node") is None) == (attrs.get("outlet") is None):
            raise serializers.ValidationError(_("Give either a node or an outlet code."))
        return attrs

    def create(self, validated_data) -> Target:
        return target_create(**validated_data, by=_request_user(self))


class TargetUpdateSerializer(TargetSerializer):
    period_kind = serializers.CharField(read_only=True)
    metric = serializers.CharField(read_only=True)
    category = serializers.CharField(read_only=True)
    period_start = serializers.DateField(read_only=True)
    node = serializers.SlugRelatedField(slug_field="code", read_only=True)
    outlet = serializers.SlugRelatedField(slug_field="code", read_only=True)

    def update(self, instance: Target, validated_data) -> Target:
        return target_update(target=instance, value=validated_data["value"], by=_request_user(self))


class ChildValueSerializer(serializers.Serializer):
    node = serializers.CharField(required=False, help_text=gettext_lazy("Code of a child node."))
    outlet = serializers.CharField(required=False, help_text=gettext_lazy("Code of an outlet of the grid."))
    value = serializers.IntegerField(min_value=0)

    def validate(self, attrs):
        if bool(attrs.get("node")) == bool(attrs.get("outlet")):
            raise serializers.ValidationError(_("Give either a node or an outlet code."))
        return attrs


class DecomposeSerializer(serializers.Serializer):
    children = ChildValueSerializer(many=True)


class SuggestionSerializer(serializers.Serializer):
    kind = serializers.CharField()
    code = serializers.CharField()
    name = serializers.CharField()
    history = serializers.IntegerField(help_text=gettext_lazy("Actual volume in the 3 months before the period."))
    current = serializers.IntegerField(allow_null=True)
    suggested = serializers.IntegerField()


class CalendarExceptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CalendarException
        fields = ["id", "date", "is_workday", "name", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]

    def create(self, validated_data) -> CalendarException:
        return calendar_day_save(day=validated_data["date"], is_workday=validated_data.get("is_workday", False),
                                 name=validated_data.get("name", ""), by=_request_user(self))

    def update(self, instance, validated_data) -> CalendarException:
        return calendar_day_save(
            day=validated_data.get("date", instance.date), is_workday=validated_data.get("is_workday", instance.is_workday),
            name=validated_data.get("name", instance.name), by=_request_user(self), exception=instance,
        )
