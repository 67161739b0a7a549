from django.core.exceptions import ValidationError


class BusinessRuleError(ValidationError):
    """A service refused a business action; the message is shown to the user as it is."""

    def __init__(self, message, code: str = "business_rule", params=None):
        super().__init__(message, code=code, params=params)
