from rest_framework import serializers

from qudao.accounts.models import User


class UserSerializer(serializers.ModelSerializer):
    """The staff directory entry; read-only (people are managed in the admin, not over the API)."""

    reports_to = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "display_name", "role", "reports_to"]
        read_only_fields = fields
