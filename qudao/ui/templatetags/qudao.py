from django import template

from qudao.core.money import format_yuan

register = template.Library()


@register.filter
def yuan(fen):
    """Integer fen → '1,234.50'."""
    return format_yuan(fen)


@register.filter
def styled(bound_field):
    """Renders a form field with Tabler's classes (form-select for choices, form-check-input for boxes)."""
    widget = bound_field.field.widget
    input_type = getattr(widget, "input_type", "")
    css = {"select": "form-select", "checkbox": "form-check-input"}.get(input_type, "form-control")
    if widget.__class__.__name__ in {"Select", "NullBooleanSelect", "SelectMultiple"}:
        css = "form-select"
    if bound_field.errors:
        css += " is-invalid"
    return bound_field.as_widget(attrs={"class": css})
