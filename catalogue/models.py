"""Products of the market: Oscar's product with the OCOP star rating and the producer who makes it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct


class Product(AbstractProduct):
    class OcopStars(models.IntegerChoices):
        THREE = 3, _("3 stars")
        FOUR = 4, _("4 stars")
        FIVE = 5, _("5 stars")

    ocop_stars = models.PositiveSmallIntegerField(
        _("OCOP stars"),
        choices=OcopStars.choices,
        null=True,
        blank=True,
        db_index=True,
        help_text=_("The star rating of the product's OCOP certificate (3 to 5)."),
    )
    producer = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("producer"),
        related_name="products",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    class Meta(AbstractProduct.Meta):
        # Listings read best rated first (``catalogue.selectors.BestRatedPages``) by walking one of
        # these, by the language the names sort in. Only products that are no variant are listed:
        # PostgreSQL walks the partial index (an IS NULL first column would not give it the
        # order), SQLite the one that starts with ``parent_id`` (it picks the partial one only
        # with statistics, which it never gathers by itself).
        indexes = [
            *(
                models.Index(
                    fields=["-ocop_stars", f"title_{language}", "id"],
                    name=f"product_best_rated_{language}",
                    condition=models.Q(parent__isnull=True),
                )
                for language in ("vi", "en")
            ),
            *(
                models.Index(
                    fields=["parent", "-ocop_stars", f"title_{language}", "id"],
                    name=f"product_parent_best_rated_{language}",
                )
                for language in ("vi", "en")
            ),
        ]

    @property
    def shown_ocop_stars(self) -> int | None:
        """The stars a buyer may be shown: set only by ``catalogue.selectors.with_public_stars``
        (valid certificate today); a product loaded without it shows none."""
        return getattr(self, "public_stars", None)

    @property
    def missing_english(self) -> list[str]:
        """Names of the texts that have no English version yet (English readers see the Vietnamese)."""
        texts = {"title": _("name"), "description": _("description")}
        return [
            str(label) for name, label in texts.items()
            if getattr(self, f"{name}_vi", None) and not getattr(self, f"{name}_en", None)
        ]

    @property
    def ocop_star_symbols(self) -> str:
        return "★" * (self.shown_ocop_stars or 0)


from oscar.apps.catalogue.models import *  # noqa: E402,F403
