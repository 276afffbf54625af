"""The official notice (通知): issuing body, document number, title,
addressees, body, date and room for the seal, laid out after GB/T 9704."""

import datetime

from django.utils.translation import gettext as _

from unionportal.models import UnionProfile


class Notice:
    kind = "notice"
    permission = "documents.write_notice"
    template = "documents/pdf/notice.html"

    @staticmethod
    def title(params):
        return params["title"]

    @staticmethod
    def context(params, report_progress):
        return {
            "union": UnionProfile.load(),
            "running_header": params["issuing_body"],
            "notice": {**params, "date": datetime.date.fromisoformat(params["date"])},
            "paragraphs": [line.strip() for line in params["body"].splitlines() if line.strip()],
            "document_label": _("通知"),
        }


DOCUMENTS = [Notice]
