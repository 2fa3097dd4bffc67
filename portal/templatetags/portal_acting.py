"""The "entering for …" bar of the portal and diary screens, while a co-op user acts for a member."""

from django import template

from portal.acting import acting_for

register = template.Library()


@register.inclusion_tag("portal/partials/acting_for.html", takes_context=True)
def acting_for_bar(context):
    request = context.get("request")
    return {"acting": acting_for(request) if request is not None else None}
