"""An object's row and a new row that goes with it (a workflow move's step), written in one statement on PostgreSQL.

``obj.save()`` then ``step.save()`` is two round trips and two passes through the model's save machinery; a document
job's three moves are mostly that. On PostgreSQL the UPDATE (or INSERT) of the object is a data-modifying CTE of the
step's INSERT, so both go in one statement, built by the ORM's own compilers as ``save()`` builds them.

Only for plain saves: a model with a ``save()`` of its own, a ``pre_save``/``post_save`` receiver (django-simple-
history's), inherited or generated columns, or a value that is an expression is saved as usual, as is every model on
SQLite, whose statements cost no round trip.
"""

from django.db import connections, models, router
from django.db.models import sql
from django.db.models.signals import post_save, pre_save


def save_together(obj, step, update_fields=None):
    """Save ``obj``, a new row or ``update_fields`` of an existing one, and insert the new row ``step``."""
    db = router.db_for_write(type(obj))
    adding = obj._state.adding
    first = second = None
    if connections[db].vendor == "postgresql" and (adding or update_fields) and _plain(obj) and _plain(step):
        first = _insert(obj, db) if adding else _update(obj, update_fields, db)
        second = first and _insert(step, db, returning=True)
    if second is None:  # saved as usual
        obj.save(update_fields=None if adding else update_fields, force_insert=adding, using=db)
        step.save(force_insert=True, using=db)
        return
    (first_sql, first_params), (step_sql, step_params) = first, second
    with connections[db].cursor() as cursor:
        cursor.execute(f"WITH written AS ({first_sql}) {step_sql}", (*first_params, *step_params))
        returned = cursor.fetchone()
    for field, value in zip(step._meta.db_returning_fields, returned, strict=True):
        setattr(step, field.attname, value)
    for row in (obj, step):
        row._state.adding, row._state.db = False, db


def _plain(obj):
    model = type(obj)
    meta = model._meta
    return (
        model.save is models.Model.save
        and not meta.parents
        and not any(field.generated for field in meta.concrete_fields)
        and not pre_save.has_listeners(model)
        and not post_save.has_listeners(model)
    )


def _update(obj, update_fields, db):
    """The UPDATE ``obj.save(update_fields=…)`` sends, or None when a value is an expression."""
    meta = obj._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key and {f.name, f.attname} & set(update_fields)]
    obj._prepare_related_fields_for_save(operation_name="save")  # as save() checks
    values = [(field, None, field.pre_save(obj, False)) for field in fields]
    if any(hasattr(value, "resolve_expression") for _field, _model, value in values):
        return None
    query = type(obj)._base_manager.using(db).filter(pk=obj.pk).query.chain(sql.UpdateQuery)
    query.add_update_fields(values)
    return query.get_compiler(db).as_sql()


def _insert(obj, db, returning=False):
    """The INSERT ``obj.save()`` sends for a new row, with the columns the database fills in returned; None when a
    value is an expression, or when the row is the first of two and the database would choose its key, which the
    second refers to."""
    meta = obj._meta
    if not obj._is_pk_set(meta):
        obj.pk = meta.pk.get_pk_value_on_save(obj)
    keyed = obj._is_pk_set(meta)
    if not (keyed or returning):
        return None
    obj._prepare_related_fields_for_save(operation_name="save")  # a step made before its object had its key
    fields = [f for f in meta.concrete_fields if keyed or f is not meta.auto_field]
    if any(hasattr(getattr(obj, field.attname), "resolve_expression") for field in fields):
        return None
    query = sql.InsertQuery(type(obj))
    query.insert_values(fields, [obj])
    compiler = query.get_compiler(db)
    compiler.returning_fields = meta.db_returning_fields if returning else None
    ((statement, params),) = compiler.as_sql()
    return statement, params
