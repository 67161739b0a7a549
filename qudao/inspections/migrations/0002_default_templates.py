"""Seeds the default checklist templates (see qudao.inspections.seed)."""

from django.db import migrations


def install(apps, schema_editor):
    from qudao.inspections.seed import install_default_templates

    install_default_templates(apps.get_model("inspections", "ChecklistTemplate"),
                              apps.get_model("inspections", "ChecklistItem"))


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
