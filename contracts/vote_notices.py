"""The congress's vote on a draft (职代会审议) ends on the motion's page, not the contract's: when it is counted,
those who run the contracts are told what comes next there (签订, or 退回重新协商)."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from congress.models import MotionStep
from unionportal.notices import notify

from . import services
from .flows import runners
from .models import CollectiveContract


@receiver(post_save, sender=MotionStep, dispatch_uid="contracts.vote_counted")
def tell_what_the_vote_decided(sender, instance, created, **kwargs):
    if not created or instance.action not in ("close", "count"):
        return
    drafts = CollectiveContract.objects.filter(motion_id=instance.motion_id, status=CollectiveContract.Status.REVIEW)
    for contract in drafts:
        if services.motion_passed(contract):
            text = _("集体合同“%(title)s”草案已经职代会表决通过，请组织双方首席代表签订。")
        else:
            text = _("集体合同“%(title)s”草案未获职代会表决通过，请退回重新协商。")
        notify(
            runners(contract),
            text=text % {"title": contract.title},
            url=contract.get_absolute_url(),
            kind="contracts.vote",
            permission="contracts.manage_contracts",
            exclude=instance.actor,
        )
