from unionportal.admin import register_models

from . import models

register_models(models.Job, models.AnnualReport)
