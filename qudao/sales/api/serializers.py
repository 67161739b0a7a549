from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from qudao.api.fields import EnumChoiceField, YuanField
from qudao.sales.choices import ImportKind, ProductCategory, RecordStatus
from qudao.sales.masking import mask_number
from qudao.sales.models import DevelopmentRecord, EffectiveRule, ImportBatch, Product
from qudao.sales.services import (
    effective_rule_save,
    import_batch_submit,
    product_create,
    product_update,
)


def _user(serializer):
    return serializer.context["request"].user


def _code_of() -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="code", read_only=True)


class ProductSerializer(serializers.ModelSerializer):
    category = EnumChoiceField(ProductCategory)
    monthly_fee = YuanField(source="monthly_fee_fen", min_value=0, required=False, allow_null=True,
                            help_text=gettext_lazy('Yuan, e.g. "39.00"; telecom products.'))
    premium = YuanField(source="premium_fen", min_value=0, required=False, allow_null=True,
                        help_text=gettext_lazy('Yuan; insurance products only.'))

    class Meta:
        model = Product
        fields = ["id", "code", "name", "category", "monthly_fee", "premium", "term_months", "is_renewable",
                  "active_from", "active_to", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]

    def create(self, validated_data) -> Product:
        data = dict(validated_data)
        return product_create(code=data.pop("code"), data=data, by=_user(self))


class ProductUpdateSerializer(ProductSerializer):
    class Meta(ProductSerializer.Meta):
        read_only_fields = [*ProductSerializer.Meta.read_only_fields, "code"]

    def update(self, instance: Product, validated_data) -> Product:
        return product_update(product=instance, data=validated_data, by=_user(self))


class DevelopmentRecordSerializer(serializers.ModelSerializer):
    """Lists show the phone/policy number masked; one record opened by id shows it in full."""

    outlet = _code_of()
    agent = _code_of()
    grid = _code_of()
    product = _code_of()
    status = EnumChoiceField(RecordStatus, read_only=True)
    fee = YuanField(source="fee_fen", read_only=True)
    subscriber_no = serializers.SerializerMethodField()

    class Meta:
        model = DevelopmentRecord
        fields = ["id", "external_id", "sold_at", "sold_on", "outlet", "agent", "grid", "product", "subscriber_no",
                  "fee", "staff_code", "status", "activated_on", "paid_on", "ended_on", "is_effective", "batch"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_subscriber_no(self, record) -> str:
        view = self.context.get("view")
        return record.subscriber_no if getattr(view, "action", None) == "retrieve" else mask_number(record.subscriber_no)


class ImportBatchSerializer(serializers.ModelSerializer):
    """POST multipart (`file`, `kind`, `allow_partial`, `dry_run`) queues a batch; GET it for its progress."""

    kind = EnumChoiceField(ImportKind)
    file = serializers.FileField(write_only=True, help_text=gettext_lazy(".csv or .xlsx"))
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = ImportBatch
        fields = [
            "id", "kind", "file", "filename", "sha256", "size", "status", "stage", "progress", "dry_run",
            "allow_partial", "rows_total", "rows_inserted", "rows_replaced", "rows_unchanged", "rows_rejected",
            "error_count", "errors", "message", "first_day", "last_day", "timings", "created_by", "created_at",
            "started_at", "finished_at",
        ]
        read_only_fields = [f for f in fields if f not in ("kind", "file", "dry_run", "allow_partial")]

    def validate_kind(self, value):
        if value not in (ImportKind.RECORDS, ImportKind.STATUSES):
            raise serializers.ValidationError(gettext_lazy("Only development records and status updates are imported here."))
        return value

    def create(self, validated_data) -> ImportBatch:
        return import_batch_submit(
            upload=validated_data["file"], kind=validated_data["kind"], by=_user(self),
            allow_partial=validated_data.get("allow_partial", False), dry_run=validated_data.get("dry_run", False),
        )


class EffectiveRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = EffectiveRule
        fields = ["id", "valid_from", "require_activation", "require_payment", "within_days", "note", "created_at",
                  "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]

    def create(self, validated_data) -> EffectiveRule:
        return effective_rule_save(data=validated_data, by=_user(self))

    def update(self, instance, validated_data) -> EffectiveRule:
        return effective_rule_save(rule=instance, data=validated_data, by=_user(self))
