"""The search index: one row per product and per live public page, its text folded for matching.

The rows are written by ``discovery.indexing`` whenever a product, producer, category or page
changes. Each database adds its own index structure in the migrations: on SQLite an FTS5 table
over ``title`` and ``text`` (kept in step by triggers) and a vocabulary view of it; on
PostgreSQL a GIN index on ``vector`` (title weighted A, the rest B) and a trigram GIN index on
``text`` for typos.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        PRODUCT = "product", _("product")
        PRODUCER = "producer", _("producer")
        STORY = "story", _("story")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    product = models.OneToOneField(
        "catalogue.Product", null=True, blank=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    page = models.OneToOneField(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    #: Empty for products (their text holds every language); a page's own language otherwise.
    language_code = models.CharField(max_length=10, blank=True, db_index=True)
    #: Folded (lower case, no diacritics) words that rank first: the product's or page's title.
    title = models.TextField()
    #: Folded words of everything searchable, the title included.
    text = models.TextField()
    #: PostgreSQL's full-text vector of ``title`` (weight A) and ``text`` (weight B); unused on SQLite.
    vector = SearchVectorField(null=True, editable=False)
    #: What a result shows of a page: its title and introduction as written, and its address.
    heading = models.CharField(max_length=255, blank=True)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"
