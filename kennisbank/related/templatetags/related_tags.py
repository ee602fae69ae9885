from django import template

from kennisbank.related.reading import related_for

register = template.Library()


@register.inclusion_tag("related/related_block.html")
def related_block(page):
    """The page's stored "Related" block. Put it inside a `{% fragment %}` keyed on the page and
    the hour, so a warm view costs no query and expired items leave within the hour."""
    return {"entries": related_for(page) if page.pk else []}
