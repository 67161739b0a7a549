from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown for inspection only: these rows change through the services (which keep the rules —
    four eyes, append-only ledgers, frozen runs), never through the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
