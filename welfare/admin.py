from unionportal.admin import register_models

from . import models

register_models(
    models.WelfareSettings, models.HardshipFile, models.FileReview, models.FileAccessLog, models.Application,
    models.ApplicationStep, models.Campaign, models.CampaignOverride, models.Payment, models.CampaignRecipient,
    models.VisitOccasion, models.Visit, models.DonationDrive, models.Pledge,
)  # fmt: skip
