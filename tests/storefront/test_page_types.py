"""Staff create every showcase page type through the Wagtail admin, only where it belongs."""

from oscar.core.loading import get_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import (
    ContactPage,
    HomePage,
    ProducerIndexPage,
    ProducerPage,
    ProductStoryPage,
    RegionPage,
    StandardPage,
    StoryIndexPage,
    StoryPage,
)

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")


class ShowcasePageTypesTests(WagtailPageTestCase):
    """Each page type created by POSTing the admin's own form, under a fresh home page."""

    def setUp(self):
        self.login()
        root = Page.get_first_root_node()
        self.home = root.add_child(instance=HomePage(title="Trang thử", slug="trang-thu"))
        self.partner = Partner.objects.get(code="co-so-che-dong-tam")
        self.product = Product.objects.get(upc="8930000000019")

    def test_parent_and_subpage_rules(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedParentPageTypes(RegionPage, {HomePage})
        self.assertAllowedParentPageTypes(ProducerIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(ProducerPage, {ProducerIndexPage})
        self.assertAllowedParentPageTypes(ProductStoryPage, {ProducerPage, HomePage})
        self.assertAllowedParentPageTypes(StoryIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(StoryPage, {StoryIndexPage})
        self.assertAllowedParentPageTypes(ContactPage, {HomePage})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StoryIndexPage, {StoryPage})
        self.assertAllowedSubpageTypes(ProducerPage, {ProductStoryPage})
        self.assertAllowedSubpageTypes(StoryPage, set())
        self.assertAllowedSubpageTypes(ContactPage, set())
        self.assertCanNotCreateAt(StoryIndexPage, ContactPage)
        self.assertCanNotCreateAt(HomePage, StoryPage)

    def test_create_region_standard_and_contact_pages(self):
        self.assertCanCreate(self.home, RegionPage, nested_form_data({
            "title": "Xã thử", "ward_code": 5809, "intro": rich_text("<p>Giới thiệu</p>"),
            "body": streamfield([]),
        }))
        self.assertCanCreate(self.home, StandardPage, nested_form_data({
            "title": "Chính sách giao hàng",
            "body": streamfield([("paragraph", rich_text("<p>Giao trong hai ngày.</p>"))]),
        }))
        self.assertCanCreate(self.home, ContactPage, nested_form_data({
            "title": "Liên hệ thử", "intro": rich_text("<p>Hỏi gì cũng được</p>"),
            "thank_you_text": rich_text("<p>Cảm ơn</p>"), "to_address": "shop@example.com",
            "from_address": "", "subject": "Lời nhắn",
            "form_fields": inline_formset([
                {"label": "Họ tên", "field_type": "singleline", "required": "on",
                 "choices": "", "default_value": "", "help_text": ""},
            ]),
        }))
        contact = ContactPage.objects.child_of(self.home).get()
        assert contact.form_fields.get().label == "Họ tên"

    def test_create_producer_and_product_story_pages(self):
        self.assertCanCreate(self.home, ProducerIndexPage, nested_form_data({
            "title": "Các nhà sản xuất", "intro": rich_text("<p>Họ làm ra chè</p>"),
        }))
        index = ProducerIndexPage.objects.child_of(self.home).get()
        self.assertCanCreate(index, ProducerPage, nested_form_data({
            "title": "Cơ sở thử", "partner": self.partner.pk, "intro": "Chè ngon", "body": streamfield([]),
        }))
        producer_page = ProducerPage.objects.child_of(index).get()
        self.assertCanCreate(producer_page, ProductStoryPage, nested_form_data({
            "title": "Chuyện chè tôm", "product": self.product.pk, "intro": "Búp non",
            "body": streamfield([
                ("paragraph", rich_text("<p>Hái sớm</p>")),
                ("product", {"product": self.product.pk}),
            ]),
        }))
        story = ProductStoryPage.objects.child_of(producer_page).get()
        assert story.product == self.product
        assert story.body[1].value["product"] == self.product

    def test_create_story_index_and_tagged_story(self):
        self.assertCanCreate(self.home, StoryIndexPage, nested_form_data({
            "title": "Nhật ký", "intro": rich_text("<p>Mùa vụ</p>"),
        }))
        index = StoryIndexPage.objects.child_of(self.home).get()
        self.assertCanCreate(index, StoryPage, nested_form_data({
            "title": "Hái chè xuân", "date": "2026-03-18", "intro": "Lứa đầu",
            "tags": "nhật ký mùa vụ, chè", "producer": self.partner.pk,
            "body": streamfield([("quote", {"text": "Chè ngon nhờ lửa", "author": "Thợ sao"})]),
        }))
        story = StoryPage.objects.child_of(index).get()
        assert sorted(story.tags.names()) == ["chè", "nhật ký mùa vụ"]
        assert story.producer == self.partner
