from django import template

from qudao.core.money import format_yuan

register = template.Library()


@register.filter
def yuan(fen):
    """Integer fen → '1,234.50'."""
    return format_yuan(fen)
