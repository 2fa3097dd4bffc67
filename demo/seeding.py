"""Builds the demo world idempotently: every step looks its objects up by a stable key first.

Running it twice leaves the same data as running it once.
"""

from collections.abc import Callable
from decimal import Decimal
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import translation
from oscar.core.loading import get_model
from wagtail.images.models import Image as WagtailImage
from wagtail.models import Collection, Locale, Page, Site

from cms.models import (
    HomePage,
    HomePageFeaturedProduct,
    ProducerIndexPage,
    ProducerPage,
    RegionPage,
    SellerIdentity,
    StandardPage,
)
from coops.models import Coop
from discovery.sites import site_address
from shop.slugs import vietnamese_slugify as slugify
from traceability.models import GrowingArea

from . import pages_text, world
from .checkout import seed_checkout
from .fulfilment import seed_fulfilment
from .pictures import draw_picture
from .storefront import seed_storefront
from .traceability import seed_traceability

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductAttribute = get_model("catalogue", "ProductAttribute")
AttributeOptionGroup = get_model("catalogue", "AttributeOptionGroup")
AttributeOption = get_model("catalogue", "AttributeOption")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")

Report = Callable[[str], None]


def seed_world(*, report: Report) -> dict:
    """Create or update everything the demo needs; returns what the command prints at the end.

    Runs in Vietnamese: the catalogue's untranslated columns keep the Vietnamese text.
    """
    with translation.override("vi"), transaction.atomic():
        coops = seed_coops(report=report)
        seed_growing_areas(coops=coops, report=report)
        producers = seed_producers(coops=coops, report=report)
        classes = seed_product_classes(report=report)
        products = seed_products(producers=producers, classes=classes, report=report)
        seed_accounts(producers=producers, coops=coops, report=report)
        seed_traceability(products=products, report=report)
        seed_site(producers=producers, products=products, report=report)
        seed_fulfilment(report=report)
        seed_storefront(producers=producers, report=report)
        seed_checkout(report=report)
    return {"products": products, "producers": producers}


def seed_coops(*, report: Report) -> dict[str, Coop]:
    coops = {}
    for fact in world.COOPS:
        coops[fact.slug], _ = Coop.objects.update_or_create(
            slug=fact.slug,
            defaults={
                "name": fact.name,
                "kind": fact.kind,
                "phone": fact.phone,
                "email": fact.email,
                "fee_percent": fact.fee_percent,
                "ward_code": world.AN_KHANH_WARD_CODE,
                "registration_number": fact.registration_number,
                "address": fact.address,
            },
        )
    report(f"co-ops: {len(coops)}")
    return coops


def seed_growing_areas(*, coops: dict[str, Coop], report: Report) -> None:
    for fact in world.GROWING_AREAS:
        GrowingArea.objects.update_or_create(
            name=fact.name,
            defaults={
                "kind": fact.kind,
                "code": fact.code,
                "code_issuer": world.AREA_CODE_ISSUER if fact.code else "",
                "code_issued_on": world.AREA_CODE_ISSUED_ON if fact.code else None,
                "ward_code": world.AN_KHANH_WARD_CODE,
                "crop": fact.crop,
                "area_hectares": fact.hectares or None,
                "latitude": fact.latitude,
                "longitude": fact.longitude,
                "description": fact.description,
                "coop": coops[fact.coop],
            },
        )
    report(f"growing areas: {len(world.GROWING_AREAS)}")


def seed_producers(*, coops: dict[str, Coop], report: Report) -> dict[str, Partner]:
    producers = {}
    for fact in world.PRODUCERS:
        producers[fact.code], _ = Partner.objects.update_or_create(
            code=fact.code,
            defaults={
                "name": fact.name,
                "kind": fact.kind,
                "coop": coops[fact.coop],
                "ward_code": world.AN_KHANH_WARD_CODE,
                "village": fact.village,
                "phone": fact.phone,
                "zalo": fact.phone,
                "tagline_vi": fact.tagline,
                "tagline_en": world.TAGLINES_EN.get(fact.code, ""),
            },
        )
    report(f"producers: {len(producers)}")
    return producers


def seed_product_classes(*, report: Report) -> dict[str, ProductClass]:
    tea, _ = ProductClass.objects.update_or_create(
        slug="tea", defaults={"name": "Chè", "requires_shipping": True, "track_stock": True}
    )
    honey, _ = ProductClass.objects.update_or_create(
        slug="honey", defaults={"name": "Mật ong", "requires_shipping": True, "track_stock": True}
    )
    kinds = _option_group("Loại chè", world.TEA_KINDS)
    seasons = _option_group("Mùa thu hoạch", world.SEASONS)
    _attribute(tea, "tea_kind", "Loại chè", ProductAttribute.OPTION, option_group=kinds)
    _attribute(tea, "harvest_season", "Mùa thu hoạch", ProductAttribute.OPTION, option_group=seasons)
    _attribute(tea, "net_weight_g", "Khối lượng tịnh (g)", ProductAttribute.INTEGER)
    _attribute(honey, "flower_source", "Nguồn hoa", ProductAttribute.TEXT)
    _attribute(honey, "harvest_month", "Tháng thu hoạch", ProductAttribute.INTEGER)
    _attribute(honey, "moisture_percent", "Độ thủy phần (%)", ProductAttribute.FLOAT)
    _attribute(honey, "net_volume_ml", "Thể tích tịnh (ml)", ProductAttribute.INTEGER)
    _attribute(honey, "net_weight_g", "Khối lượng tịnh (g)", ProductAttribute.INTEGER)
    report("product classes: Chè (tea), Mật ong (honey)")
    return {world.TEA: tea, world.HONEY: honey}


def _option_group(name: str, options: list[str]):
    group, _ = AttributeOptionGroup.objects.get_or_create(name=name)
    for option in options:
        AttributeOption.objects.update_or_create(
            group=group, option_vi=option, defaults={"option_en": world.OPTIONS_EN.get(option, "")}
        )
    return group


def _attribute(product_class, code, name, type_, option_group=None) -> None:
    ProductAttribute.objects.update_or_create(
        product_class=product_class,
        code=code,
        defaults={
            "name_vi": name, "name_en": world.ATTRIBUTE_NAMES_EN.get(code, ""), "type": type_,
            "option_group": option_group,
        },
    )


def _category(name: str, name_en: str, parent=None):
    siblings = Category.get_root_nodes() if parent is None else parent.get_children()
    category = siblings.filter(name_vi=name).first()
    if category is None:
        fields = {"name_vi": name, "name": name}
        category = Category.add_root(**fields) if parent is None else parent.add_child(**fields)
    if category.name_en != name_en:
        Category.objects.filter(pk=category.pk).update(name_en=name_en)
        category.name_en = name_en
    return category


def seed_categories() -> dict:
    """The staff-managed tree: a top category per product class, sub-categories under it."""
    tops = {key: _category(name, name_en) for key, (name, name_en) in world.TOP_CATEGORIES.items()}
    subs = {fact.name: _category(fact.name, fact.name_en, tops[fact.parent]) for fact in world.SUB_CATEGORIES}
    return {"top": tops, "sub": subs}


def seed_products(*, producers, classes, report: Report) -> list:
    categories = seed_categories()
    products = []
    for index, fact in enumerate(world.PRODUCTS, start=1):
        product, _ = Product.objects.update_or_create(
            upc=fact.upc,
            defaults={
                "title_vi": fact.title,
                "description_vi": f"<p>{fact.description}</p>",
                "title_en": world.PRODUCTS_EN[fact.upc][0],
                "description_en": f"<p>{world.PRODUCTS_EN[fact.upc][1]}</p>",
                "product_class": classes[fact.product_class],
                "producer": producers[fact.producer],
                "ocop_stars": fact.ocop_stars,
                "is_public": True,
                "structure": Product.STANDALONE,
            },
        )
        _set_attributes(product, fact.attributes)
        sub = categories["sub"][world.sub_category_of(fact).name]
        for category in (categories["top"][fact.product_class], sub):
            ProductCategory.objects.get_or_create(product=product, category=category)
        offer = {"partner_sku": fact.upc, "price": Decimal(fact.price), "price_currency": "VND"}
        StockRecord.objects.update_or_create(
            product=product,
            partner=producers[fact.producer],
            defaults=offer,
            # the count in stock is set once: afterwards it moves with the orders shipped from it
            create_defaults={**offer, "num_in_stock": fact.stock},
        )
        _ensure_photos(product, fact)
        products.append(product)
        report(f"product {index}/{len(world.PRODUCTS)}: {fact.title}")
    return products


def _set_attributes(product, attributes: dict) -> None:
    product.attr.initialize()
    for code, value in attributes.items():
        attribute = product.product_class.attributes.get(code=code)
        if attribute.type == ProductAttribute.OPTION:
            value = attribute.option_group.options.get(option=value)
        setattr(product.attr, code, value)
    product.attr.save()


def _ensure_photos(product, fact) -> None:
    """Two drawn photos per product, without caption: their alt text is then the product's title
    in the reader's language (a caption is one language only). Earlier demos captioned them with
    the Vietnamese title; those captions are cleared."""
    if product.images.exists():
        product.images.filter(caption=fact.title).update(caption="")
        return
    for order in range(2):
        picture = draw_picture(title=fact.title, theme=fact.product_class, variant=order)
        image = ProductImage(product=product, display_order=order)
        image.original.save(f"{fact.upc}-{order + 1}.jpg", ContentFile(picture), save=False)
        image.save()


def seed_accounts(*, producers, coops, report: Report) -> None:
    User = get_user_model()
    for role, username, password in world.ACCOUNTS:
        user, created = User.objects.get_or_create(username=username, defaults={"email": username})
        user.email = username
        user.is_staff = role == "staff"
        user.is_superuser = role == "staff"
        if created or not user.check_password(password):
            user.set_password(password)
        user.save()
        if role == "producer":
            producers[world.PRODUCER_ACCOUNT_FOR].users.add(user)
        if role == "coop":
            coops[world.COOP_ACCOUNT_FOR].users.add(user)
    report(f"accounts: {', '.join(username for _, username, _ in world.ACCOUNTS)}")


def _wagtail_image(title: str, theme: str) -> WagtailImage:
    image = WagtailImage.objects.filter(title=title).first()
    if image is None:
        picture = draw_picture(title=title, theme=theme, size=(1200, 800))
        name = f"{theme}-{slugify(title)}.jpg"
        image = WagtailImage.objects.create(title=title, file=ImageFile(BytesIO(picture), name=name))
    return image


def seed_site(*, producers, products, report: Report) -> None:
    """Wagtail pages in Vietnamese (the default locale) and their English translations."""
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    if root is None:
        # A test that commits (live server) flushed the database, Wagtail's initial rows included.
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=vi))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if root.locale_id != vi.id:
        # Wagtail's initial migration may create the root and welcome page in another locale.
        Page.objects.filter(depth__lte=2).update(locale=vi)
        root.refresh_from_db()
    home = HomePage.objects.filter(locale=vi).first()
    if home is None:
        home = HomePage(
            locale=vi, slug="trang-chu", hero_image=_wagtail_image("Đồi chè An Khánh", "place"),
            **pages_text.HOME["vi"],
        )
        for order, product in enumerate(products[:4]):
            home.featured.add(HomePageFeaturedProduct(product=product, sort_order=order))
        root.add_child(instance=home)
        home.save_revision().publish()
    Page.objects.exclude(id__in=[root.id]).filter(depth=2).exclude(
        id__in=HomePage.objects.values("id")
    ).delete()
    hostname, port = site_address()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": hostname, "port": port, "root_page": home, "site_name": "OCOP Market"},
    )
    latitude, longitude = world.AN_KHANH_CENTRE
    region = _child(
        home, RegionPage, "xa-an-khanh", pages_text.REGION["vi"],
        ward_code=world.AN_KHANH_WARD_CODE, latitude=latitude, longitude=longitude,
    )
    index = _child(home, ProducerIndexPage, "nha-san-xuat", pages_text.PRODUCERS["vi"])
    producer_pages = []
    for fact in world.PRODUCERS:
        page = _child(index, ProducerPage, fact.code, {
            "title": fact.name, "intro": fact.tagline, "show_in_menus": False,
            "body": [("paragraph", f"<p>{fact.story_vi}</p>")],
        }, partner=producers[fact.code], photo=_wagtail_image(fact.name, "place"))
        producer_pages.append((page, fact))
    policies = [_child(home, StandardPage, slug, text["vi"]) for slug, text in pages_text.POLICIES.items()]
    _seed_seller_identity(dict(zip(pages_text.POLICIES, policies, strict=True)))
    report("pages (vi): home, region, producers, policies")

    home_en = _translate(home, en, pages_text.HOME["en"])
    _translate(region, en, pages_text.REGION["en"])
    _translate(index, en, pages_text.PRODUCERS["en"])
    for page, fact in producer_pages:
        _translate(page, en, {"title": fact.name, "intro": fact.story_en[:120],
                              "body": [("paragraph", f"<p>{fact.story_en}</p>")]})
    for page, text in zip(policies, pages_text.POLICIES.values(), strict=True):
        _translate(page, en, text["en"])
    if not home_en.featured.exists():
        for order, product in enumerate(products[:4]):
            home_en.featured.add(HomePageFeaturedProduct(product=product, sort_order=order))
        home_en.save_revision().publish()
    report("pages (en): translations of every page")


def _seed_seller_identity(policies: dict) -> None:
    """The operator's identity and its policy pages, set once (staff may change them later)."""
    identity = SellerIdentity.load()
    if identity.legal_name:
        return
    for name, value in pages_text.SELLER.items():
        setattr(identity, name, value)
    identity.shipping_page = policies["giao-hang"]
    identity.returns_page = policies["doi-tra"]
    identity.payment_page = policies["thanh-toan"]
    identity.privacy_page = policies["quyen-rieng-tu"]
    identity.save()


def _set_fields(page, fields: dict) -> None:
    for name, value in fields.items():
        setattr(page, name, value)


def _child(parent, model, slug: str, fields: dict, **extra):
    """The page under ``parent`` with this slug; created and published only if it is missing.

    Existing pages are left as staff may have edited them (and no new revision is made).
    """
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, locale=parent.locale, **fields, **extra)
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page


def _translate(page, locale, fields: dict):
    """The page's translation into ``locale``; created with ``fields`` only if it is missing.

    A translation still at the Vietnamese address is moved to its English one, as an editor
    would by publishing a new slug: Wagtail then redirects the old address (301).
    """
    translation = page.get_translation_or_none(locale)
    slug = pages_text.ENGLISH_SLUGS.get(page.slug) if locale.language_code == "en" else None
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True, alias=False).specific
        _set_fields(translation, fields)
        translation.slug = slug or translation.slug
        translation.save_revision().publish()
    elif slug and translation.slug == page.slug:
        translation = translation.specific
        translation.slug = slug
        translation.save_revision().publish()
    return translation.specific
