"""Keeps the search index (``SearchEntry``) current, and reads its vocabulary for typo handling.

Every hook that changes the index is connected in ``connect_index_updates`` (called once from
``DiscoveryConfig.ready``): products, producers, categories and their links, published pages,
view restrictions and sites. Index rows are written in the same transaction as the change, so a
search never sees a product its transaction has not committed. Bulk writes bypass signals: code
that bulk-creates products calls ``index_products`` itself.
"""

import bisect

from django.apps import apps as global_apps
from django.core.cache import cache
from django.db import connection

from .documents import PAGE_KINDS, PAGE_TEXT_COLUMNS, page_document, product_documents

FTS_TABLE = "discovery_searchentry_fts"
VOCABULARY_TABLE = "discovery_searchentry_terms"
INDEX_VERSION_KEY = "search-index:version"


def index_version() -> int:
    return cache.get_or_set(INDEX_VERSION_KEY, 1, timeout=None)


def _index_changed() -> None:
    try:
        cache.incr(INDEX_VERSION_KEY)
    except ValueError:
        cache.set(INDEX_VERSION_KEY, 2, timeout=None)


def _fill_vectors(entries) -> None:
    """PostgreSQL: the weighted full-text vector of the given rows (SQLite's FTS5 triggers do this)."""
    if connection.vendor != "postgresql":
        return
    from django.contrib.postgres.search import SearchVector

    entries.update(
        vector=SearchVector("title", weight="A", config="simple")
        + SearchVector("text", weight="B", config="simple")
    )


def index_products(*, product_ids, apps=global_apps) -> None:
    """(Re)write the index rows of these products; public or not (searches re-check that)."""
    SearchEntry = apps.get_model("discovery", "SearchEntry")
    product_ids = list(product_ids)
    if not product_ids:
        return
    documents = product_documents(product_ids=product_ids, apps=apps)
    SearchEntry.objects.filter(product_id__in=product_ids).delete()
    SearchEntry.objects.bulk_create(
        SearchEntry(kind="product", product_id=pk, title=doc.title, text=doc.text)
        for pk, doc in documents.items()
    )
    _fill_vectors(SearchEntry.objects.filter(product_id__in=documents))
    _index_changed()


def _indexable(page) -> bool:
    return page.live and type(page).__name__ in PAGE_TEXT_COLUMNS and not page.get_view_restrictions().exists()


def _page_extra_texts(page) -> list[str]:
    tags = getattr(page, "tags", None)
    return [tag.name for tag in tags.all()] if tags is not None else []


def index_pages(*, pages) -> None:
    """(Re)write the index rows of these pages (specific instances): live public ones in, others out."""
    from .models import SearchEntry

    pages = list(pages)
    if not pages:
        return
    SearchEntry.objects.filter(page_id__in=[p.pk for p in pages]).delete()
    rows = []
    for page in pages:
        if not _indexable(page):
            continue
        document = page_document(page=page, extra_texts=_page_extra_texts(page))
        rows.append(
            SearchEntry(
                kind=PAGE_KINDS[type(page).__name__],
                page_id=page.pk,
                language_code=page.locale.language_code,
                title=document.title,
                text=document.text,
                heading=page.title[:255],
                summary=getattr(page, "intro", "") or "",
                url=page.get_url() or "",
            )
        )
    SearchEntry.objects.bulk_create(rows)
    _fill_vectors(SearchEntry.objects.filter(page_id__in=[row.page_id for row in rows]))
    _index_changed()


def searchable_pages():
    from wagtail.models import Page

    from cms.models import ProducerPage, ProductStoryPage, StoryPage

    return Page.objects.type(ProducerPage, StoryPage, ProductStoryPage)


def index_page_and_descendants(page) -> None:
    """A page and everything under it: a new slug or place changes their addresses too."""
    pages = searchable_pages().filter(path__startswith=page.path).specific()
    index_pages(pages=pages)


def rebuild_index() -> None:
    """Every product and searchable page, from scratch (``manage.py search_index``)."""
    from oscar.core.loading import get_model

    from .models import SearchEntry

    Product = get_model("catalogue", "Product")
    SearchEntry.objects.all().delete()
    ids = list(Product.objects.values_list("id", flat=True))
    for start in range(0, len(ids), 500):
        index_products(product_ids=ids[start : start + 500])
    index_pages(pages=searchable_pages().live().specific())


def vocabulary() -> list[str]:
    """Every word of letters only in the index, sorted; cached until the index changes."""
    key = f"search-index:vocabulary:{index_version()}"
    words = cache.get(key)
    if words is None:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(f"SELECT term FROM {VOCABULARY_TABLE} WHERE term NOT GLOB '*[^a-z]*'")
            else:
                cursor.execute(
                    "SELECT word FROM ts_stat('SELECT vector FROM discovery_searchentry') WHERE word ~ '^[a-z]+$'"
                )
            words = sorted(row[0] for row in cursor.fetchall())
        cache.set(key, words, 24 * 3600)
    return words


def is_known(term: str, words: list[str]) -> bool:
    """A term is known when some indexed word starts with it (or it has digits: codes are never typos)."""
    if not term.isalpha():
        return True
    at = bisect.bisect_left(words, term)
    return at < len(words) and words[at].startswith(term)


# --- Signal receivers (connected in connect_index_updates) -----------------------------------


def _on_product_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    index_products(product_ids=[instance.pk])
    from cms.models import ProductStoryPage

    index_pages(pages=ProductStoryPage.objects.live().filter(product_id=instance.pk))


def _on_producer_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from cms.models import ProducerPage

    index_products(product_ids=instance.products.values_list("id", flat=True))
    index_pages(pages=ProducerPage.objects.live().filter(partner_id=instance.pk))


def _on_category_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    index_products(product_ids=instance.product_set.values_list("id", flat=True))


def _on_product_category_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        index_products(product_ids=[instance.product_id])


def _on_product_categories_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        index_products(product_ids=[instance.pk])
    elif pk_set:
        index_products(product_ids=pk_set)
    else:
        index_products(product_ids=instance.product_set.values_list("id", flat=True))


def _on_page_published(sender, instance, **kwargs):
    index_page_and_descendants(instance)


def _on_page_unpublished(sender, instance, **kwargs):
    from .models import SearchEntry

    SearchEntry.objects.filter(page_id=instance.pk).delete()
    _index_changed()


def _on_page_moved(sender, instance, **kwargs):
    index_page_and_descendants(instance)


def _on_pages_changed(sender, **kwargs):
    """A view restriction or a site changed: which pages are public, or their addresses, may have."""
    index_pages(pages=searchable_pages().specific())


def connect_index_updates() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from oscar.core.loading import get_model
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    Product = get_model("catalogue", "Product")
    Partner = get_model("partner", "Partner")
    Category = get_model("catalogue", "Category")
    ProductCategory = get_model("catalogue", "ProductCategory")

    post_save.connect(_on_product_saved, sender=Product, dispatch_uid="search-product")
    post_save.connect(_on_producer_saved, sender=Partner, dispatch_uid="search-producer")
    post_save.connect(_on_category_saved, sender=Category, dispatch_uid="search-category")
    post_save.connect(_on_product_category_changed, sender=ProductCategory, dispatch_uid="search-pc")
    post_delete.connect(_on_product_category_changed, sender=ProductCategory, dispatch_uid="search-pc-del")
    m2m_changed.connect(
        _on_product_categories_changed, sender=Product.categories.through, dispatch_uid="search-pc-m2m"
    )
    page_published.connect(_on_page_published, dispatch_uid="search-page-published")
    page_unpublished.connect(_on_page_unpublished, dispatch_uid="search-page-unpublished")
    post_page_move.connect(_on_page_moved, dispatch_uid="search-page-moved")
    for model in (PageViewRestriction, Site):
        post_save.connect(_on_pages_changed, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(_on_pages_changed, sender=model, dispatch_uid=f"search-del-{model.__name__}")
