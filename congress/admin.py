from unionportal.admin import register_models

from . import models

# The secret-ballot tables (BallotReceipt, BallotTally, AppraisalReceipt, AppraisalTally) stay out: their rows
# side by side are exactly what the ballot design keeps anybody from reading.
register_models(
    models.CongressTerm, models.Session, models.AgendaItem, models.Delegate, models.Proposal, models.ProposalCoSigner,
    models.ProposalStep, models.Attendance, models.Motion, models.Appraisal, models.Appraisee, models.Suggestion,
    models.SessionDocument,
)  # fmt: skip
