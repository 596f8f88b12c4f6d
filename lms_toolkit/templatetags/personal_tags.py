"""``{% personal "template.html" %}``: a part of a page drawn for each reader from the
page's ``personal`` context (lms_toolkit/personal.py)."""

from django import template

from lms_toolkit.personal import draw_part

register = template.Library()


@register.simple_tag(takes_context=True)
def personal(context, template_name: str) -> str:
    return draw_part(template_name, context.get("personal") or {}, context["request"])
