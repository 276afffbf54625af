from django.shortcuts import get_object_or_404

from .models import Job


def jobs_of(user):
    return Job.objects.filter(owner=user).defer("params")


def job_of(user, job_id):
    """The user's own job; anyone else's answers 404, as if it did not exist."""
    return get_object_or_404(Job, pk=job_id, owner=user)
