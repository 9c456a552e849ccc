"""Create the DESIGN.md deadlines for every need category, so admins see and change them."""
from django.db import migrations

COMPLEX = {"land", "energy", "approvals"}
CATEGORIES = ["energy", "land", "labour", "funding", "policy", "talent", "technology", "market", "approvals", "other"]


def create_defaults(apps, schema_editor):
    CategoryDeadlines = apps.get_model("services", "CategoryDeadlines")
    for category in CATEGORIES:
        CategoryDeadlines.objects.get_or_create(category=category,
                                                defaults={"due_days": 30 if category in COMPLEX else 15})


class Migration(migrations.Migration):
    dependencies = [("services", "0001_initial")]
    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
