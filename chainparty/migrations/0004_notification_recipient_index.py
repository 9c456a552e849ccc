# The index on the recipient alone is served by "notification_unread" (recipient, read_at). Only the index is
# dropped: altering the field would drop and re-validate the foreign key over every notification.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('chainparty', '0003_access_log'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='notification',
                    name='recipient',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                            related_name='notifications', to=settings.AUTH_USER_MODEL,
                                            verbose_name='recipient'),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    'DROP INDEX IF EXISTS "chainparty_notification_recipient_id_ff8bd401"',
                    reverse_sql='CREATE INDEX "chainparty_notification_recipient_id_ff8bd401" '
                                'ON "chainparty_notification" ("recipient_id")',
                ),
            ],
        ),
    ]
