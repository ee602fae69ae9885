import json

from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe
from wagtail.models import Page

from kennisbank.core.cache import versioned_key

register = template.Library()

FRAGMENT_TIMEOUT = 60 * 60 * 24

# Characters that could end a <script> element or open markup inside it, escaped the way
# django.utils.html.json_script does.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def json_ld(context, get_data):
    """Embed schema.org data from a page's `get_json_ld(request)`."""
    data = get_data(context.get("request")) if callable(get_data) else get_data
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@register.filter
def verbose_name(model) -> str:
    return model._meta.verbose_name if model else ""


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumb(context, page):
    """Home › theme › topic for filed content (where readers think it lives), the page tree's
    ancestors for everything else. Ancestors are plain pages: titles and URLs need nothing more."""
    request = context.get("request")
    topics = getattr(page, "topics", None)
    if topics:
        topic = topics[0]
        ancestors = list(topic.get_ancestors(inclusive=True).filter(depth__gt=1))
    else:
        ancestors = list(page.get_ancestors().filter(depth__gt=1)) if page.pk else []
    crumbs = [{"title": _crumb_title(p), "url": p.get_url(request)} for p in ancestors]
    return {"crumbs": crumbs, "current": _crumb_title(page)}


def _crumb_title(page: Page) -> str:
    return getattr(page, "short_title", "") or page.title


@register.filter
def model_name(model) -> str:
    return model._meta.model_name if model else ""


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        parts = [str(part.resolve(context)) for part in self.vary_on]
        key = versioned_key(f"fragment:{self.name}:" + ":".join(parts))
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, timeout=FRAGMENT_TIMEOUT)
        return html


@register.tag
def fragment(parser, token):
    """{% fragment "name" page.pk … %}…{% endfragment %}: render once, then serve from the cache
    until published content changes (core.cache). Never cached in previews, which show unsaved
    content. Only for markup that is the same for every reader."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("fragment needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return FragmentNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])
