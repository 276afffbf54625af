"""Eleven indexes nothing reads, each written on every roster insert: the roster's btree and LIKE indexes on the
initials (searched through UPPER(name_initials), migration 0013) and the LIKE one on the pinyin (the trigram index
serves its patterns; a plain index keeps the order), and the history's on ID and job numbers, department, group
and account (a person's history is read by person and date). A 20,000-row import wrote them all."""

import django.core.validators
import django.db.models.deletion
import members.validators
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0015_roster_filter_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalmember',
            name='department',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.department', verbose_name='部门'),
        ),
        migrations.AlterField(
            model_name='historicalmember',
            name='id_number',
            field=models.CharField(blank=True, max_length=18, null=True, validators=[members.validators.validate_id_number], verbose_name='身份证号'),
        ),
        migrations.AlterField(
            model_name='historicalmember',
            name='job_number',
            field=models.CharField(blank=True, max_length=20, null=True, validators=[django.core.validators.RegexValidator('^[A-Za-z0-9._-]+\\Z', '工号只能由字母、数字和 - _ . 组成，不含空格。')], verbose_name='工号'),
        ),
        migrations.AlterField(
            model_name='historicalmember',
            name='union_group',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.uniongroup', verbose_name='工会小组'),
        ),
        migrations.AlterField(
            model_name='historicalmember',
            name='user',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='登录账号'),
        ),
        migrations.AlterField(
            model_name='member',
            name='name_initials',
            field=models.CharField(editable=False, max_length=30, verbose_name='拼音首字母'),
        ),
        migrations.AlterField(
            model_name='member',
            name='name_pinyin',
            field=models.CharField(editable=False, max_length=120, verbose_name='姓名拼音'),
        ),
        migrations.AddIndex(
            model_name='member',
            index=models.Index(fields=['name_pinyin'], name='members_member_pinyin_order'),
        ),
    ]
