"""Demo storefront pages: the story of the special bud tea, the story index with its diary, contact.

Built in Vietnamese, then translated to English, looked up by slug so that reseeding updates
the same pages instead of adding new ones.
"""

from collections.abc import Callable

from oscar.core.loading import get_model
from wagtail.models import Locale

from cms.models import (
    ContactFormField,
    ContactPage,
    HomePage,
    ProducerPage,
    ProductStoryPage,
    StoryIndexPage,
    StoryPage,
)

from . import seeding
from . import storefront_text as text

Product = get_model("catalogue", "Product")

Report = Callable[[str], None]


def seed_storefront(*, producers: dict, report: Report) -> None:
    """Product story, stories with tags and the contact page, in vi and en."""
    home = HomePage.objects.get(locale__language_code="vi")
    story = seed_product_story(producers=producers)
    index = seed_stories(home=home, producers=producers)
    contact = seed_contact(home=home)
    report(f"storefront pages: {story.title}, {index.title} (+{len(text.STORIES)} stories), {contact.title}")


def _story_body(words: dict, *, images: list, product) -> list:
    paragraphs = words["paragraphs"]
    return [
        ("paragraph", paragraphs[0]),
        ("gallery", {
            "heading": words["gallery_heading"],
            "images": [
                {"image": image, "caption": caption}
                for image, caption in zip(images, words["captions"], strict=True)
            ],
        }),
        ("paragraph", paragraphs[1]),
        ("quote", {"text": words["quote"], "author": words["quote_author"]}),
        ("paragraph", paragraphs[2]),
        ("product", {"product": product}),
    ]


def seed_product_story(*, producers: dict) -> ProductStoryPage:
    fact = text.PRODUCT_STORY
    product = Product.objects.get(upc=fact["product_upc"])
    producer_page = ProducerPage.objects.get(
        partner=producers[fact["producer"]], locale__language_code="vi"
    )
    images = [seeding._wagtail_image(caption, "tea") for caption in fact["vi"]["captions"]]
    hero = seeding._wagtail_image(fact["vi"]["title"], "tea")
    pages = {}
    for language in ("vi", "en"):
        words = fact[language]
        fields = {
            "title": words["title"],
            "intro": words["intro"],
            "body": _story_body(words, images=images, product=product),
        }
        if language == "vi":
            pages[language] = seeding._child(
                producer_page, ProductStoryPage, fact["slug"], fields, product=product, hero_image=hero
            )
        else:
            locale = Locale.objects.get(language_code=language)
            pages[language] = seeding._translate(pages["vi"], locale, fields)
    return pages["vi"]


def seed_stories(*, home: HomePage, producers: dict) -> StoryIndexPage:
    index = seeding._child(home, StoryIndexPage, text.STORY_INDEX["slug"], text.STORY_INDEX["vi"])
    en_locale = Locale.objects.get(language_code="en")
    seeding._translate(index, en_locale, text.STORY_INDEX["en"])
    for fact in text.STORIES:
        producer = producers.get(fact["producer"])
        image = seeding._wagtail_image(fact["vi"]["title"], fact["theme"])
        body = {
            language: [("paragraph", fact[language]["body"])]
            + ([("product_grid", {
                "heading": fact[language]["title"], "products": [], "category": "",
                "producer": str(producer.pk), "min_stars": "", "limit": 4,
            })] if producer else [])
            for language in ("vi", "en")
        }
        story = seeding._child(index, StoryPage, fact["slug"], {
            "title": fact["vi"]["title"], "intro": fact["vi"]["intro"], "body": body["vi"],
        }, date=fact["date"], image=image, producer=producer)
        _tag(story, fact["vi"]["tags"])
        translation = seeding._translate(story, en_locale, {
            "title": fact["en"]["title"], "intro": fact["en"]["intro"], "body": body["en"],
            "date": fact["date"], "image": image, "producer": producer,
        })
        _tag(translation, fact["en"]["tags"])
    return index


def _tag(page, tags: list[str]) -> None:
    """Give a story its tags, publishing a new revision only when they change."""
    if set(page.tags.names()) != set(tags):
        page.tags.set(tags)
        page.save_revision().publish()


def seed_contact(*, home: HomePage) -> ContactPage:
    fact = text.CONTACT
    pages = {}
    for language in ("vi", "en"):
        words = fact[language]
        fields = {
            "title": words["title"],
            "intro": words["intro"],
            "thank_you_text": words["thank_you_text"],
            "subject": words["subject"],
            "to_address": fact["to_address"],
            "from_address": "",
        }
        if language == "vi":
            fields["show_in_menus"] = True
            page = seeding._child(home, ContactPage, fact["slug"], fields)
        else:
            page = seeding._translate(pages["vi"], Locale.objects.get(language_code="en"), fields)
        _set_form_fields(page, words["fields"])
        pages[language] = page
    return pages["vi"]


def _set_form_fields(page: ContactPage, labels: list[str]) -> None:
    """Give the contact form its fields, publishing a new revision only when they change."""
    existing = {field.clean_name: field for field in page.form_fields.all()}
    changed = False
    for order, ((clean_name, field_type, required), label) in enumerate(
        zip(text.CONTACT_FIELDS, labels, strict=True)
    ):
        field = existing.get(clean_name) or ContactFormField(page=page, clean_name=clean_name)
        wanted = {"label": label, "field_type": field_type, "required": required, "sort_order": order}
        if field.pk and all(getattr(field, name) == value for name, value in wanted.items()):
            continue
        for name, value in wanted.items():
            setattr(field, name, value)
        field.save()
        changed = True
    if changed:
        page.save_revision().publish()
