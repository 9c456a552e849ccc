# Follow-ups: the indexes the pass's inserts must write are those its reads and the lists use.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('services', '0004_merge_0003_followups_0003_need_sources'),
    ]

    operations = [
        migrations.AlterField(
            model_name='followup',
            name='kind',
            field=models.CharField(choices=[('accept_reminder', 'reminder to accept'), ('sign_reminder', 'reminder to sign for the task'), ('reply_reminder', 'reminder to reply to the enterprise'), ('remind', 'reminder before the due date (催办)'), ('supervise', 'supervision when overdue (督办)'), ('publicize', 'listed in the weekly report (通报)'), ('extension_reminder', 'reminder to decide on an extension'), ('feedback_request', 'feedback request (回访)'), ('auto_close', 'closed automatically without feedback')], max_length=20, verbose_name='kind'),
        ),
        # Served by the unique constraint (need, kind, stage); only the index is dropped (altering the field would
        # drop and re-validate the foreign key over every follow-up).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='followup',
                    name='need',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                            related_name='followups', to='services.need', verbose_name='need'),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    'DROP INDEX IF EXISTS "services_followup_need_id_49d8656f"',
                    reverse_sql='CREATE INDEX "services_followup_need_id_49d8656f" ON "services_followup" ("need_id")',
                ),
            ],
        ),
        migrations.AddIndex(
            model_name='followup',
            index=models.Index(fields=['kind', 'created_at'], name='followup_kind_created'),
        ),
    ]
