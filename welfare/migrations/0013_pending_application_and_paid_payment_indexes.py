"""Two partial indexes for the welfare dashboard's reads (EXPLAIN ANALYZE on the bench database: each was a
sequential scan of the whole table): the applications waiting for the union, newest first (the 待办申请 card and
its count), and the payments handed over, by day (payments_between: the year's totals, registers and report)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('welfare', '0012_member_birthday_index'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='application',
            index=models.Index(condition=models.Q(('status__in', ['reviewed', 'submitted'])), fields=['-submitted_at', '-id'], name='welfare_pending_appl_idx'),
        ),
        migrations.AddIndex(
            model_name='payment',
            index=models.Index(condition=models.Q(('status', 'paid')), fields=['paid_on'], name='welfare_paid_payment_idx'),
        ),
    ]
