"""Factories for the market's objects, built on Oscar's own where they exist."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories

from coops.models import Coop
from demo.pictures import draw_picture
from discovery.indexing import index_products
from shop.page_cache import LISTINGS, bump_tags
from traceability.models import Certificate

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")


class CoopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coop

    name = factory.Sequence(lambda n: f"HTX Thử nghiệm {n}")
    slug = factory.Sequence(lambda n: f"htx-thu-nghiem-{n}")


class ProducerFactory(oscar_factories.PartnerFactory):
    class Meta:
        model = Partner
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Hộ sản xuất {n}")
    coop = factory.SubFactory(CoopFactory)
    ward_code = 5809


class ProductFactory(oscar_factories.ProductFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    producer = factory.SubFactory(ProducerFactory)
    ocop_stars = 4
    stockrecords = factory.RelatedFactory(
        oscar_factories.StockRecordFactory,
        "product",
        partner=factory.SelfAttribute("..producer"),
        price=Decimal("250000"),
        price_currency="VND",
        num_in_stock=20,
    )

    @factory.post_generation
    def ocop_certificate(product, create, extracted, **kwargs):
        """A product with stars holds the OCOP certificate that makes them true today."""
        if create and product.ocop_stars:
            ocop_certificate_for(product)


def ocop_certificate_for(product, *, valid_from: date | None = None, valid_to: date | None = None):
    """The product's own OCOP certificate, valid today unless told otherwise."""
    today = date.today()
    return Certificate.objects.create(
        kind=Certificate.Kind.OCOP,
        number=f"OCOP-T-{product.pk}-{Certificate.objects.count()}",
        issuer="UBND tỉnh thử nghiệm",
        valid_from=valid_from or today - timedelta(days=30),
        valid_to=valid_to or today + timedelta(days=365),
        product=product,
        producer=product.producer,
    )


def add_products(count: int, *, producer=None, category=None, ocop_stars: int = 5) -> list:
    """Grow the catalogue fast: ``count`` public products with stock, price and a shared photo.

    They sort first in listings (5 stars, titles starting "A"), so the pages under test show them.
    """
    producer = producer or ProducerFactory()
    # Called again (a benchmark growing the catalogue step by step), it adds to the same class.
    product_class = (
        ProductClass.objects.filter(slug="che-thu").first()
        or oscar_factories.ProductClassFactory(name="Chè thử", slug="che-thu")
    )
    products = Product.objects.bulk_create(
        Product(
            title=f"A chè thử {i:05d}",
            slug=f"a-che-thu-{i:05d}",
            upc=f"TEST{i:06d}-{producer.pk}",
            product_class=product_class,
            producer=producer,
            ocop_stars=ocop_stars,
            is_public=True,
            structure=Product.STANDALONE,
        )
        for i in range(count)
    )
    StockRecord.objects.bulk_create(
        StockRecord(
            product=p, partner=producer, partner_sku=p.upc, price=Decimal("199000"),
            price_currency="VND", num_in_stock=10,
        )
        for p in products
    )
    photo = ProductImage(product=products[0], display_order=0)
    photo.original.save("grow.jpg", ContentFile(draw_picture(title="Chè", theme="tea", size=(300, 300))))
    ProductImage.objects.bulk_create(
        ProductImage(product=p, original=photo.original.name, display_order=0) for p in products[1:]
    )
    if ocop_stars:
        today = date.today()
        Certificate.objects.bulk_create(
            Certificate(
                kind=Certificate.Kind.OCOP, number=f"OCOP-{p.upc}", issuer="UBND tỉnh thử nghiệm",
                valid_from=today - timedelta(days=30), valid_to=today + timedelta(days=365), product=p,
            )
            for p in products
        )
    if category is not None:
        ProductCategory = get_model("catalogue", "ProductCategory")
        ProductCategory.objects.bulk_create(ProductCategory(product=p, category=category) for p in products)
    index_products(product_ids=[p.pk for p in products])  # bulk writes bypass the index's signals
    bump_tags([LISTINGS])  # and the page cache's: the listings show the new products
    return products
