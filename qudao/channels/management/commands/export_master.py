"""`manage.py export_master {territory,staff,agents,outlets} --user USERNAME --format xlsx|csv -o FILE`.

Exports what USER can see, in the columns of the import template.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from qudao.channels.exports import agent_table, outlet_table
from qudao.channels.selectors import agents_visible_to, outlets_visible_to
from qudao.core.exporting import FORMATS, export_file
from qudao.territory.exports import staff_table, territory_table
from qudao.territory.selectors import nodes_visible_to, staff_assignments_visible_to

from .import_master import user_named

EXPORTS = {
    "territory": (nodes_visible_to, territory_table),
    "staff": (staff_assignments_visible_to, staff_table),
    "agents": (agents_visible_to, agent_table),
    "outlets": (outlets_visible_to, outlet_table),
}


class Command(BaseCommand):
    help = "Export territory nodes, staff, agents or outlets visible to USER as .xlsx or .csv."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(EXPORTS))
        parser.add_argument("--user", required=True, help="export what this user can see")
        parser.add_argument("--format", dest="fmt", choices=sorted(FORMATS), default="xlsx")
        parser.add_argument("-o", "--output", type=Path, required=True)

    def handle(self, *args, kind, user, fmt, output, **options):
        scope, table = EXPORTS[kind]
        headers, rows = table(scope(user_named(user)))
        output.write_bytes(export_file(headers, rows, fmt, title=kind))
        self.stdout.write(self.style.SUCCESS(f"已导出到 {output}"))
