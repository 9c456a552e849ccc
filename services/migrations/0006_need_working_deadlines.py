# The needs being worked on, in id order with the columns the follow-up pass reads: an index-only scan.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('services', '0005_followup_indexes'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='need',
            index=models.Index(condition=models.Q(('status__in', ['assigned', 'in_progress', 'deferred'])), fields=['id', 'status', 'first_replied_at', 'first_reply_due', 'remind_on', 'due_date', 'deferred_until', 'publicize_on'], name='need_working_deadlines'),
        ),
    ]
