"""An id no integer column can hold matches nothing, in an ``__in`` lookup as Django already has it for
``exact``: a form's multiple choice (``?visitors=99999999999999999999``) is checked with ``pk__in``, and
the database driver would otherwise fail on the number instead of the form refusing the choice."""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
