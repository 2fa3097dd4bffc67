"""Tags joining the Oscar product page to the showcase: story links, JSON-LD, optional includes."""

import json
import logging

from django import template
from django.core.cache import cache
from django.template import TemplateDoesNotExist
from django.template.loader import select_template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language

from catalogue.descriptions import clean_description
from cms.selectors import showcase_pages_for_product
from shop import social
from shop.page_cache import SITE, content_version, site_address

register = template.Library()
logger = logging.getLogger(__name__)

SHOWCASE_SECONDS = 3600


@register.simple_tag(takes_context=True)
def include_if_exists(context, template_name: str) -> str:
    """Render ``template_name`` with the current context, or nothing when no app provides it yet."""
    try:
        found = select_template([template_name])
    except TemplateDoesNotExist:
        return ""
    return found.render(context.flatten(), context.get("request"))


@register.simple_tag(takes_context=True)
def product_showcase(context, product) -> dict:
    """The title and address of the producer's story page and of the product's own story page,
    in the visitor's language; None for a page there is not.

    Kept in the cache under the content version, which every publish moves on, per product,
    producer, host and language; looked up once per request however many blocks of the page ask.
    """
    request = context.get("request")
    language_code = get_language()
    remembered = getattr(product, "_showcase_pages", {})
    if language_code not in remembered:
        host = site_address(request) if request else ""
        key = f"product-showcase:{content_version(SITE)}:{host}:{product.pk}:{product.producer_id}:{language_code}"
        links = cache.get(key)
        if links is None:
            pages = showcase_pages_for_product(product=product, language_code=language_code)
            links = {
                name: {"title": page.title, "url": page.get_url(request=request)} if page else None
                for name, page in pages.items()
            }
            cache.set(key, links, SHOWCASE_SECONDS)
        remembered[language_code] = links
        product._showcase_pages = remembered
    return remembered[language_code]


@register.filter
def clean_html(value: str) -> str:
    """Producer-written HTML cleaned as on saving (see catalogue.descriptions)."""
    return mark_safe(clean_description(text=value))


@register.simple_tag(takes_context=True)
def product_share_image(context, product) -> str:
    """Absolute URL of the product's share JPEG (shop.social), for Open Graph and JSON-LD."""
    request = context.get("request")
    image = social.product_share_image(product, base=request.build_absolute_uri("/") if request else "")
    return image.url if image else ""


@register.simple_tag(takes_context=True)
def product_json_ld(context, product, image_url: str = "") -> str:
    """schema.org Product with its Offer (VND price, availability) as a JSON-LD script element."""
    request = context["request"]
    info = request.strategy.fetch_for_product(product)
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.get_title(),
        "description": Truncator(strip_tags(product.description or "")).chars(300),
        "sku": product.upc or str(product.pk),
        "url": request.build_absolute_uri(product.get_absolute_url()),
    }
    if product.upc and product.upc.isdigit() and len(product.upc) in (8, 12, 13, 14):
        data[f"gtin{len(product.upc)}"] = product.upc
    if image_url:
        data["image"] = [image_url]
    if product.producer_id:
        data["brand"] = {"@type": "Brand", "name": product.producer.name}
    if info.price.exists:
        price = info.price.incl_tax if info.price.is_tax_known else info.price.excl_tax
        in_stock = info.availability.is_available_to_buy
        data["offers"] = {
            "@type": "Offer",
            "price": str(int(price)),
            "priceCurrency": info.price.currency or "VND",
            "availability": "https://schema.org/" + ("InStock" if in_stock else "OutOfStock"),
            "url": data["url"],
        }
    if product.shown_ocop_stars:
        data["award"] = f"OCOP {product.shown_ocop_stars}★"
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')
