from django import template
from django.utils.safestring import mark_safe

from ..menu import rendered_theme_menu

register = template.Library()


@register.simple_tag
def theme_menu():
    # The fragment is rendered by Django's autoescaping templates before it is cached.
    return mark_safe(rendered_theme_menu())  # noqa: S308
