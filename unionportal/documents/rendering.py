"""HTML to PDF with WeasyPrint. Chinese text needs the Noto CJK fonts that
Debian's fonts-noto-cjk installs (make test and the Dockerfile install it);
WeasyPrint embeds the subset of glyphs a document uses."""

from django.conf import settings
from django.template.loader import render_to_string


def render_pdf(template_name, context):
    from weasyprint import HTML  # heavy import, only in the process that renders

    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()
