from django import template
from django.utils.safestring import mark_safe

from unionportal.models import UnionProfile

from ..fonts import font_css

register = template.Library()


@register.simple_tag(takes_context=True)
def document_font_css(context):
    """The font stacks (``var(--font-fang)`` …) of a printed document, for its <style>."""
    union = context.get("union") or UnionProfile.load()
    return mark_safe(font_css(union))  # built from our own names and file paths only
