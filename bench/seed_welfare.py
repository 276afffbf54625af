"""Seed hardship aid: hardship files, applications over the years (most paid, this year's still
moving), their payments, two care campaigns a year with recipients (this year's open and part
delivered), and visits with their visitors."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from welfare.models import Application, Campaign, CampaignRecipient, HardshipFile, Payment, Visit, VisitOccasion

from .seed import BATCH

A = Application.Status
CAUSES = HardshipFile.Cause.values
CURRENT_STATES = {A.SUBMITTED: 20, A.REVIEWED: 10, A.RETURNED: 5, A.REJECTED: 5, A.APPROVED: 10, A.PAID: 50}


def _day_in(year, rng, today):
    return min(datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randint(0, 364)), today)


def _files(sizes, members, chair, rng, today):
    files = [
        HardshipFile(
            member_id=member,
            causes=rng.sample(CAUSES, rng.randint(1, 3)),
            level=rng.choice(HardshipFile.Level.values),
            household_size=rng.randint(1, 6),
            monthly_income_per_capita=Decimal(rng.randint(300, 2000)),
            situation="家庭困难，需要帮扶。",
            help_plan="定期走访，节日慰问。",
            status=rng.choices(HardshipFile.Status.values, weights=[80, 15, 5])[0],
            opened_on=today - datetime.timedelta(days=rng.randint(30, sizes.years * 365)),
            next_review_on=today + datetime.timedelta(days=rng.randint(-20, 365)),
            created_by=chair,
        )
        for member in rng.sample(members, min(len(members), sizes.hardship_files))
    ]
    return HardshipFile.objects.bulk_create(files, batch_size=BATCH)


def _applications(sizes, years, files, chair, rng, today):
    applications = []
    for year in years:
        states = CURRENT_STATES if year == today.year else {A.PAID: 85, A.REJECTED: 15}
        for _ in range(sizes.applications_per_year):
            file = rng.choice(files)
            status = rng.choices(list(states), weights=list(states.values()))[0]
            requested = Decimal(rng.choice([500, 1000, 2000, 3000]))
            applications.append(
                Application(
                    member_id=file.member_id,
                    applied_by=chair,
                    on_behalf=True,
                    file=file,
                    reason="家人患病住院，医疗费用负担较重。",
                    amount_requested=requested,
                    amount_approved=requested if status in {A.APPROVED, A.PAID} else None,
                    status=status,
                )
            )
    applications = Application.objects.bulk_create(applications, batch_size=BATCH)
    payments = [
        Payment(
            member_id=a.member_id,
            amount=a.amount_approved,
            application=a,
            approver=chair,
            recorded_by=chair,
            paid_on=_day_in(years[i * len(years) // len(applications)], rng, today),
            signed_off=True,
            signed_off_on=today,
        )
        for i, a in enumerate(applications)
        if a.status == A.PAID
    ]
    return applications, Payment.objects.bulk_create(payments, batch_size=BATCH)


def _campaigns(sizes, years, members, chair, rng, today):
    campaigns, recipients, payments = [], [], []
    for year in years:
        for kind, month in ((Campaign.Kind.SPRING_FESTIVAL, 1), (Campaign.Kind.SCHOOL_AID, 9)):
            starts = min(datetime.date(year, month, 1), today)
            campaigns.append(
                Campaign(
                    name=f"{year}年{Campaign.Kind(kind).label}",
                    kind=kind,
                    year=year,
                    budget=Decimal(sizes.recipients_per_campaign * 600),
                    default_amount=Decimal(500),
                    starts_on=starts,
                    due_on=starts + datetime.timedelta(days=60),
                    closed=year < today.year,
                )
            )
    campaigns = Campaign.objects.bulk_create(campaigns)
    for campaign in campaigns:
        listed = rng.sample(members, min(len(members), sizes.recipients_per_campaign))
        delivered = len(listed) if campaign.closed else len(listed) // 3
        for n, member in enumerate(listed):
            payment = None
            if n < delivered:
                payment = Payment(
                    member_id=member,
                    kind=Payment.Kind.CONDOLENCE,
                    amount=campaign.default_amount,
                    campaign=campaign,
                    approver=chair,
                    recorded_by=chair,
                    paid_on=campaign.starts_on + datetime.timedelta(days=rng.randint(0, 30)),
                )
                payments.append(payment)
            recipients.append(CampaignRecipient(campaign=campaign, member_id=member, amount=500, payment=payment))
    Payment.objects.bulk_create(payments, batch_size=BATCH)
    CampaignRecipient.objects.bulk_create(recipients, batch_size=BATCH)
    return campaigns, payments


def _visits(sizes, years, members, chair, rng, today):
    occasions = list(VisitOccasion.objects.all())
    visits = Visit.objects.bulk_create(
        [
            Visit(
                member_id=rng.choice(members),
                occasion=rng.choice(occasions),
                visited_on=_day_in(year, rng, today),
                gifts="水果、慰问品",
                notes="了解家庭情况，转达工会关心。",
                recorded_by=chair,
            )
            for year in years
            for _ in range(sizes.visits_per_year)
        ],
        batch_size=BATCH,
    )
    visitors = [
        Visit.visitors.through(visit_id=visit.pk, member_id=member)
        for visit in visits
        for member in rng.sample(members, 2)
    ]
    Visit.visitors.through.objects.bulk_create(visitors, batch_size=BATCH)
    return visits


def seed_welfare(sizes, context):
    rng = random.Random(6)
    today = timezone.localdate()
    years = list(range(today.year - sizes.years + 1, today.year + 1))
    members = context["members"]
    chair = context["logins"]["chair"]
    files = _files(sizes, members, chair, rng, today)
    applications, paid = _applications(sizes, years, files, chair, rng, today)
    campaigns, delivered = _campaigns(sizes, years, members, chair, rng, today)
    visits = _visits(sizes, years, members, chair, rng, today)
    return (
        f"{len(files):,} hardship files, {len(applications):,} applications, "
        f"{len(paid) + len(delivered):,} payments, {len(campaigns)} campaigns, {len(visits):,} visits"
    )
