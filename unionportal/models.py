import functools

from django.db import connection, connections, models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .vocabulary import forget_kind, vocabulary_for


class UnionKind(models.TextChoices):
    SCHOOL = "school", _("学校")
    ENTERPRISE = "enterprise", _("企业")


class UnionProfile(models.Model):
    """The one base union (基层工会) this installation serves."""

    name = models.CharField(_("工会名称"), max_length=100)
    kind = models.CharField(_("单位类型"), max_length=20, choices=UnionKind, default=UnionKind.SCHOOL)
    unit_name = models.CharField(_("所在单位"), max_length=100, blank=True)
    upper_union = models.CharField(_("上级工会"), max_length=100, blank=True)
    committee_term = models.CharField(_("本届委员会"), max_length=50, blank=True, help_text=_("例如：第六届"))
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    # The union's own licensed fonts, embedded in its documents (documents/fonts.py); uploads.check_font.
    font_fang = models.FileField(
        _("仿宋字体文件"), upload_to="fonts/", blank=True, help_text=_("公文正文，如仿宋_GB2312")
    )
    font_title = models.FileField(
        _("小标宋字体文件"), upload_to="fonts/", blank=True, help_text=_("公文标题、发文机关标志，如方正小标宋简体")
    )
    font_hei = models.FileField(_("黑体字体文件"), upload_to="fonts/", blank=True, help_text=_("一级标题，如黑体"))
    font_kai = models.FileField(
        _("楷体字体文件"), upload_to="fonts/", blank=True, help_text=_("二级标题，如楷体_GB2312")
    )
    font_song = models.FileField(_("宋体字体文件"), upload_to="fonts/", blank=True, help_text=_("页码、登记表，如宋体"))
    collective_contracts = models.BooleanField(
        _("签订集体合同"),
        null=True,
        blank=True,
        help_text=_("留空按单位类型：企业签订，学校一般不签订。开启后菜单中出现“集体合同”。"),
    )
    retirees_pay_dues = models.BooleanField(
        _("退休职工缴纳会费"),
        default=False,
        db_default=False,
        help_text=_("不勾选时，退休职工不生成会费台账、不计欠缴、不列入欠缴名单。"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("工会信息")
        verbose_name_plural = _("工会信息")

    def __str__(self):
        return self.name

    PK = 1  # one installation, one union

    def save(self, *args, **kwargs):
        self.pk = self.PK
        super().save(*args, **kwargs)
        forget_kind()

    @classmethod
    def load(cls):
        # every page reads it (with the signed-in user's roles: page_shell): through SQL built once per process
        # (half the CPU of get(pk=1) building it each time) and from_columns (half the CPU of raw() on its row)
        with connection.cursor() as cursor:
            cursor.execute(_load_sql(connection.vendor), [cls.PK])
            return cls.from_columns(cursor.fetchone())

    @classmethod
    def placeholder(cls):
        """The profile before the union has saved one."""
        return cls(pk=cls.PK, name=str(_("基层工会")))

    @classmethod
    def columns_sql(cls):
        """Each column of the profile's table, qualified by its name, in the order from_columns takes them."""
        return _columns_sql(connection.vendor)

    @classmethod
    def from_columns(cls, values):
        """The profile from its columns (None or NULLs: none saved yet), each converted as a query converts it."""
        if values is None or values[_pk_index()] is None:
            return cls.placeholder()
        database = connections[connection.alias]
        values = list(values)
        for index, column, converters in _converters(database):
            for convert in converters:
                values[index] = convert(values[index], column, database)
        return cls.from_db(connection.alias, _attnames(), values)

    @property
    def signs_contracts(self):
        if self.collective_contracts is not None:
            return self.collective_contracts
        return self.kind == UnionKind.ENTERPRISE

    @property
    def vocabulary(self):
        return vocabulary_for(self.kind)


@functools.cache
def _columns_sql(vendor):  # in the dialect of the backend this process talks to
    quote = connection.ops.quote_name
    table = quote(UnionProfile._meta.db_table)
    return ", ".join(f"{table}.{quote(field.column)}" for field in UnionProfile._meta.concrete_fields)


@functools.cache
def _load_sql(vendor):
    quote = connection.ops.quote_name
    table = quote(UnionProfile._meta.db_table)
    return f"SELECT {_columns_sql(vendor)} FROM {table} WHERE {table}.{quote(UnionProfile._meta.pk.column)} = %s"


@functools.cache
def _attnames():
    return tuple(field.attname for field in UnionProfile._meta.concrete_fields)


@functools.cache
def _pk_index():
    return UnionProfile._meta.concrete_fields.index(UnionProfile._meta.pk)


@functools.lru_cache(maxsize=64)
def _converters(database):
    """(index, column, converters) of the columns whose values need converting (SQLite's 0 and 1 to booleans …),
    per connection object: some converters are its methods."""
    columns = (field.get_col(UnionProfile._meta.db_table) for field in UnionProfile._meta.concrete_fields)
    found = ((index, column, column.get_db_converters(database)) for index, column in enumerate(columns))
    return tuple((index, column, converters) for index, column, converters in found if converters)


from .notices import Notice  # noqa: E402,F401  (the model lives with notify(); Django finds it here)
