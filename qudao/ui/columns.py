"""Table columns shared by the apps' django-tables2 tables."""

import django_tables2 as tables

from qudao.core.money import format_yuan


class YuanColumn(tables.Column):
    """Money stored as fen, shown as yuan with thousands separators, right-aligned."""

    attrs = {"td": {"class": "text-end text-nowrap"}}

    def render(self, value):
        return format_yuan(value)
