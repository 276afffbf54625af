"""Confidential responses stay out of every cache: the browser's back-forward and disk caches on a shared
staff-room computer, and any proxy between. Hardship files, welfare and funds pages, the roster and member
pages (ID numbers), and every download (exports and documents) answer ``Cache-Control: private, no-store``.
"""

from django.conf import settings


def is_confidential(request, response) -> bool:
    return request.path.startswith(settings.CONFIDENTIAL_PATHS) or response.has_header("Content-Disposition")


class ConfidentialResponseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_confidential(request, response):
            response["Cache-Control"] = "private, no-store"
        return response
