"""The official notice (通知): issuing body, document number, title, addressees, body,
attachments, signature and date with room for the seal, and the 版记 (抄送, 印发), laid out
after GB/T 9704 (official.py)."""

import datetime

from django.utils.translation import gettext as _

from .official import Official, attachment_names, lines


class Notice:
    kind = "notice"
    permission = "documents.write_notice"
    template = "documents/pdf/official.html"
    official = True  # also offered as a Word copy (registry.py)

    @staticmethod
    def title(params):
        return params["title"]

    @staticmethod
    def context(params, report_progress):
        date = datetime.date.fromisoformat(params["date"])
        printed_on = params.get("printed_on")
        return {
            "official": Official(
                masthead=_("%(body)s文件") % {"body": params["issuing_body"]},
                number=params["number"],
                title=params["title"],
                addressees=params["addressees"],
                paragraphs=lines(params["body"]),
                attachments=attachment_names(params.get("attachments", "")),
                signer=params["issuing_body"],
                date=date,
                cc=params.get("cc", ""),
                printer=params.get("printer") or params["issuing_body"],
                printed_on=datetime.date.fromisoformat(printed_on) if printed_on else date,
            ),
        }


DOCUMENTS = [Notice]
