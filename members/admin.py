from unionportal.admin import register_models

from . import models

register_models(
    models.Member, models.Department, models.Branch, models.UnionGroup, models.Committee, models.CommitteeTerm,
    models.CommitteeSeat, models.MembershipEvent, models.DuesSettings, models.DuesRecord, models.Registration,
    models.RegisteredGroup, models.RegisteredPerson, models.RegisteredSeat,
)  # fmt: skip
