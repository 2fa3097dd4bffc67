"""What the search engine reads of each product and page: the one place that gathers searchable text.

Translated catalogue columns (``title_en``, a category's ``name_en``…) join by being added to the
column lists below; every text is folded (lower case, no diacritics, "đ" as "d") before it is stored.
"""

from dataclasses import dataclass

from django.apps import apps as global_apps

from .text import fold

#: Product columns that rank as the title, in every language the catalogue stores.
PRODUCT_TITLE_COLUMNS = ("title_vi", "title_en")
#: Other product columns searched.
PRODUCT_TEXT_COLUMNS = ("upc",)
#: The producer's and categories' columns searched with each of their products.
PRODUCER_TEXT_COLUMNS = ("name",)
CATEGORY_TEXT_COLUMNS = ("name_vi", "name_en")

#: Page columns searched, per page model (``title`` always ranks as the title).
PAGE_TEXT_COLUMNS = {
    "ProducerPage": ("intro", "search_description", "partner__name"),
    "StoryPage": ("intro", "search_description"),
    "ProductStoryPage": ("intro", "search_description", "product__title"),
}
PAGE_KINDS = {"ProducerPage": "producer", "StoryPage": "story", "ProductStoryPage": "story"}


@dataclass(frozen=True)
class Document:
    title: str
    text: str


def _folded(*parts) -> str:
    return " ".join(fold(str(p)) for p in parts if p)


def _stored(model, columns) -> list[str]:
    """The columns ``model`` has; a migration's historical model may predate the translated ones."""
    names = {f.name for f in model._meta.concrete_fields}
    present = [c for c in columns if c in names]
    return present or ["title" if "title" in names else "name"]


def product_documents(*, product_ids, apps=global_apps) -> dict[int, Document]:
    """The folded title and text of each product: its own columns, its producer's and its categories'."""
    Product = apps.get_model("catalogue", "Product")
    ProductCategory = apps.get_model("catalogue", "ProductCategory")
    title_columns = _stored(Product, PRODUCT_TITLE_COLUMNS)
    columns = [*title_columns, *PRODUCT_TEXT_COLUMNS]
    columns += [f"producer__{c}" for c in PRODUCER_TEXT_COLUMNS]
    categories: dict[int, list[str]] = {}
    category_model = apps.get_model("catalogue", "Category")
    category_columns = [f"category__{c}" for c in _stored(category_model, CATEGORY_TEXT_COLUMNS)]
    for product_id, *names in ProductCategory.objects.filter(product_id__in=product_ids).values_list(
        "product_id", *category_columns
    ):
        categories.setdefault(product_id, []).extend(names)
    documents = {}
    for product_id, *values in Product.objects.filter(pk__in=product_ids).values_list("id", *columns):
        title = _folded(*values[: len(title_columns)])
        documents[product_id] = Document(
            title=title, text=_folded(title, *values[len(title_columns):], *categories.get(product_id, []))
        )
    return documents


def page_document(*, page, extra_texts: list[str]) -> Document:
    """A page's folded title and text (``extra_texts``: its tags and other related words)."""
    columns = PAGE_TEXT_COLUMNS[type(page).__name__]
    values = []
    for column in columns:
        value = page
        for part in column.split("__"):
            value = getattr(value, part, None) if value is not None else None
        values.append(value)
    title = _folded(page.title)
    return Document(title=title, text=_folded(title, *values, *extra_texts))
