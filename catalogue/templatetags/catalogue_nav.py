"""Category navigation for the site header and the catalogue pages."""

from django import template

from catalogue.selectors import category_links

register = template.Library()


@register.simple_tag
def category_menu(max_depth: int = 2) -> list:
    """The public category tree (roots with their children) as links; one query."""
    return category_links(max_depth=max_depth)
