"""One error format for the API; Django ValidationError and PermissionDenied from services map here."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.exceptions import ErrorDetail
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=_validation_detail(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(detail=str(exc) or None)
    return drf_exception_handler(exc, context)


def _validation_detail(exc: DjangoValidationError) -> dict:
    """Field errors keep their field; model-level (`__all__`) and plain errors become non-field errors."""
    if hasattr(exc, "error_dict"):
        return {_api_field_name(field): _details(errors) for field, errors in exc.error_dict.items()}
    return {api_settings.NON_FIELD_ERRORS_KEY: _details(exc.error_list)}


def _api_field_name(field: str) -> str:
    return api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field


def _details(errors: list[DjangoValidationError]) -> list[ErrorDetail]:
    # Iterating a single ValidationError yields its message with params applied.
    return [ErrorDetail(message, code=error.code or "invalid") for error in errors for message in error]
