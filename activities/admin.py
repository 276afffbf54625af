from unionportal.admin import register_models

from . import models

register_models(
    models.Event, models.Team, models.Registration, models.RegistrationStep, models.Result,
    models.Honour,
)  # fmt: skip
