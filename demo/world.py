"""The demo world: An Khánh commune, its tea areas, co-ops, producers and products.

The people and businesses are invented; the place, the merger of communes and the two OCOP
products are real facts about An Khánh. Another commune is a matter of editing this data.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

AN_KHANH_WARD_CODE = 5809  # Xã An Khánh, tỉnh Thái Nguyên (2025 two-level system)
AN_KHANH_CENTRE = (Decimal("21.65800"), Decimal("105.66500"))


@dataclass(frozen=True)
class AreaFact:
    key: str
    name: str
    kind: str
    code: str
    crop: str
    hectares: Decimal
    latitude: Decimal
    longitude: Decimal
    description: str
    coop: str


@dataclass(frozen=True)
class CoopFact:
    slug: str
    name: str
    kind: str
    phone: str
    email: str
    fee_percent: Decimal
    registration_number: str = ""
    address: str = ""


@dataclass(frozen=True)
class ProducerFact:
    code: str
    name: str
    kind: str
    coop: str
    village: str
    phone: str
    tagline: str
    story_vi: str
    story_en: str


@dataclass(frozen=True)
class ProductFact:
    upc: str
    title: str
    product_class: str
    producer: str
    price: int
    stock: int
    ocop_stars: int | None
    description: str
    attributes: dict = field(default_factory=dict)


GROWING_AREAS = [
    AreaFact(
        key="cu-van",
        name="Vùng chè tập trung Cù Vân",
        kind="tea_area",
        code="TN-AK-VT-001",
        crop="Chè Trung du",
        hectares=Decimal("32.50"),
        latitude=Decimal("21.66"),
        longitude=Decimal("105.67"),
        description="Đồi chè trồng theo VietGAP trên đất cũ của xã Cù Vân, nay thuộc xã An Khánh.",
        coop="htx-che-doi-cu-van",
    ),
    AreaFact(
        key="ha-thuong",
        name="Vùng chè tập trung Hà Thượng",
        kind="tea_area",
        code="TN-AK-VT-002",
        crop="Chè LDP1",
        hectares=Decimal("24.00"),
        latitude=Decimal("21.64"),
        longitude=Decimal("105.65"),
        description="Vùng nguyên liệu chè bên dòng suối, đã được cấp mã số vùng trồng để xuất khẩu.",
        coop="htx-che-doi-cu-van",
    ),
    AreaFact(
        key="rung-an-khanh",
        name="Đàn ong rừng An Khánh",
        kind="apiary",
        code="",
        crop="Ong nội (Apis cerana)",
        hectares=Decimal("0"),
        latitude=Decimal("21.67"),
        longitude=Decimal("105.64"),
        description="Các đàn ong đặt ven rừng, lấy mật từ hoa rừng tự nhiên.",
        coop="htx-mat-ong-ha-thuong",
    ),
]
AREA_CODE_ISSUER = "Chi cục Trồng trọt và Bảo vệ thực vật Thái Nguyên"
AREA_CODE_ISSUED_ON = date(2024, 6, 14)

COOPS = [
    CoopFact(
        slug="htx-che-doi-cu-van",
        name="HTX Chè Đồi Cù Vân",
        kind="cooperative",
        phone="0912000101",
        email="htx.cuvan@ocop.localhost",
        fee_percent=Decimal("5.00"),
        registration_number="4607000101",
        address="Xóm Khuôn Năm, xã An Khánh, tỉnh Thái Nguyên",
    ),
    CoopFact(
        slug="htx-mat-ong-ha-thuong",
        name="HTX Mật ong Hà Thượng",
        kind="cooperative",
        phone="0912000202",
        email="htx.hathuong@ocop.localhost",
        fee_percent=Decimal("6.00"),
        registration_number="4607000202",
        address="Xóm Hà Thượng, xã An Khánh, tỉnh Thái Nguyên",
    ),
]

PRODUCERS = [
    ProducerFact(
        code="ho-nguyen-van-thanh",
        name="Hộ ông Nguyễn Văn Thành",
        kind="household",
        coop="htx-che-doi-cu-van",
        village="Xóm Đồng Kiệm",
        phone="0987100001",
        tagline="Ba đời làm chè trên đồi Cù Vân",
        story_vi="Gia đình ông Thành chăm hai mẫu chè trung du, hái tay vào sáng sớm và sao chè bằng chảo gang.",
        story_en="Mr Thành's family tends two acres of old midland tea, picked by hand at dawn and pan-fired in cast iron.",
    ),
    ProducerFact(
        code="ho-tran-thi-hoa",
        name="Hộ bà Trần Thị Hoa",
        kind="household",
        coop="htx-che-doi-cu-van",
        village="Xóm Khuôn Năm",
        phone="0987100002",
        tagline="Chè móc câu sao tay",
        story_vi="Bà Hoa ghi nhật ký sản xuất từng lứa chè và là một trong những hộ đầu tiên dùng mã QR truy xuất.",
        story_en="Mrs Hoa keeps a production diary for every harvest and was among the first to label her tea with a traceability QR code.",
    ),
    ProducerFact(
        code="co-so-che-dong-tam",
        name="Cơ sở chè Đồng Tâm",
        kind="enterprise",
        coop="htx-che-doi-cu-van",
        village="Xóm Gò Miếu",
        phone="0987100003",
        tagline="Chè Tôm búp đặc biệt",
        story_vi="Cơ sở chế biến chè búp và chè tôm từ nguyên liệu của các hộ thành viên trong vùng trồng có mã số.",
        story_en="A small workshop making bud and 'tôm' tea from leaf grown by member households in the coded growing areas.",
    ),
    ProducerFact(
        code="ho-hoang-van-dung",
        name="Hộ anh Hoàng Văn Dũng",
        kind="household",
        coop="htx-mat-ong-ha-thuong",
        village="Xóm Lập Mỹ",
        phone="0987100004",
        tagline="Ong nội ven rừng",
        story_vi="Anh Dũng nuôi bốn mươi đàn ong nội, chỉ quay mật khi mật đã vít nắp để giữ độ thủy phần thấp.",
        story_en="Dũng keeps forty colonies of native bees and only extracts capped honey, so its moisture stays low.",
    ),
    ProducerFact(
        code="trai-ong-rung-xanh",
        name="Trại ong Rừng Xanh",
        kind="enterprise",
        coop="htx-mat-ong-ha-thuong",
        village="Xóm Hà Thượng",
        phone="0987100005",
        tagline="Mật ong hoa rừng",
        story_vi="Trại ong đặt các đàn ong ven rừng tự nhiên; mật được kiểm nghiệm từng lô trước khi đóng chai.",
        story_en="The apiary keeps its hives at the forest edge; every batch of honey is lab-tested before bottling.",
    ),
    ProducerFact(
        code="ho-pham-thi-lan",
        name="Hộ chị Phạm Thị Lan",
        kind="household",
        coop="htx-mat-ong-ha-thuong",
        village="Xóm Cù Vân",
        phone="0987100006",
        tagline="Chè xanh và mật ong nhà làm",
        story_vi="Chị Lan vừa trồng chè vừa nuôi ong; khách ở Hà Nội đặt hàng qua Zalo rồi chuyển sang mua trên chợ.",
        story_en="Lan grows tea and keeps bees; her customers in Hà Nội used to order on Zalo and now buy here.",
    ),
]

TEA = "tea"
HONEY = "honey"


@dataclass(frozen=True)
class CategoryFact:
    name: str
    name_en: str
    parent: str  # the product class whose top category this one sits under
    kinds: tuple[str, ...]  # the tea kinds or flower sources it gathers


#: The top category of each product class, then the sub-categories staff keep under them.
TOP_CATEGORIES = {TEA: ("Chè Thái Nguyên", "Thái Nguyên tea"), HONEY: ("Mật ong", "Honey")}
SUB_CATEGORIES = [
    CategoryFact("Chè Tôm, chè nõn", "Tôm and bud-tip tea", TEA, ("Tôm", "Nõn tôm")),
    CategoryFact("Chè móc câu", "Hook-shaped tea", TEA, ("Móc câu",)),
    CategoryFact("Chè búp", "Bud tea", TEA, ("Búp",)),
    CategoryFact("Mật ong hoa rừng", "Forest-flower honey", HONEY, ("Hoa rừng",)),
    CategoryFact("Mật ong hoa cây trồng", "Orchard-flower honey", HONEY, ("Hoa nhãn", "Hoa vải", "Hoa keo")),
]


def sub_category_of(fact: "ProductFact") -> CategoryFact:
    kind = fact.attributes.get("tea_kind") or fact.attributes.get("flower_source")
    return next(c for c in SUB_CATEGORIES if c.parent == fact.product_class and kind in c.kinds)

PRODUCTS = [
    ProductFact(
        "8930000000019", "Chè Tôm búp đặc biệt Long Nguyệt", TEA, "co-so-che-dong-tam", 450_000, 40, 4,
        "Búp chè non cuộn tròn như con tôm, nước xanh vàng, hương cốm, hậu ngọt sâu.",
        {"tea_kind": "Tôm", "harvest_season": "Xuân", "net_weight_g": 200},
    ),
    ProductFact(
        "8930000000026", "Mật ong hoa rừng An Khánh", HONEY, "trai-ong-rung-xanh", 250_000, 60, 3,
        "Mật ong nguyên chất từ hoa rừng tự nhiên, màu hổ phách, vị ngọt thanh.",
        {"flower_source": "Hoa rừng", "harvest_month": 4, "moisture_percent": 19.5, "net_volume_ml": 500},
    ),
    ProductFact(
        "8930000000033", "Chè móc câu Cù Vân", TEA, "ho-tran-thi-hoa", 180_000, 80, 3,
        "Sợi chè xoăn nhỏ như móc câu, sao tay, nước xanh trong.",
        {"tea_kind": "Móc câu", "harvest_season": "Hè", "net_weight_g": 200},
    ),
    ProductFact(
        "8930000000040", "Chè búp xuân Hà Thượng", TEA, "ho-nguyen-van-thanh", 220_000, 50, None,
        "Chè búp hái lứa đầu xuân, vị chát dịu, hương thơm lâu.",
        {"tea_kind": "Búp", "harvest_season": "Xuân", "net_weight_g": 250},
    ),
    ProductFact(
        "8930000000057", "Chè nõn tôm thượng hạng", TEA, "co-so-che-dong-tam", 650_000, 15, 4,
        "Chỉ hái phần nõn, mỗi cân chè khô cần hơn năm cân búp tươi.",
        {"tea_kind": "Nõn tôm", "harvest_season": "Xuân", "net_weight_g": 100},
    ),
    ProductFact(
        "8930000000064", "Chè xanh túi lọc An Khánh", TEA, "ho-pham-thi-lan", 90_000, 120, None,
        "Chè xanh sấy khô đóng túi lọc, tiện pha ở văn phòng.",
        {"tea_kind": "Búp", "harvest_season": "Hè", "net_weight_g": 100},
    ),
    ProductFact(
        "8930000000071", "Chè búp hè Đồng Kiệm", TEA, "ho-nguyen-van-thanh", 150_000, 70, None,
        "Chè lứa hè nước đậm, hợp pha ấm lớn cho cả nhà.",
        {"tea_kind": "Búp", "harvest_season": "Hè", "net_weight_g": 500},
    ),
    ProductFact(
        "8930000000088", "Chè móc câu thu Khuôn Năm", TEA, "ho-tran-thi-hoa", 200_000, 35, 3,
        "Chè lứa thu, búp nhỏ và chắc, hương thơm dịu.",
        {"tea_kind": "Móc câu", "harvest_season": "Thu", "net_weight_g": 200},
    ),
    ProductFact(
        "8930000000095", "Mật ong hoa nhãn", HONEY, "ho-hoang-van-dung", 220_000, 45, None,
        "Mật ong vụ hoa nhãn tháng ba, thơm mùi long nhãn.",
        {"flower_source": "Hoa nhãn", "harvest_month": 3, "moisture_percent": 20.0, "net_volume_ml": 500},
    ),
    ProductFact(
        "8930000000101", "Mật ong hoa vải", HONEY, "ho-hoang-van-dung", 200_000, 30, None,
        "Mật ong hoa vải, màu vàng nhạt, vị ngọt đậm.",
        {"flower_source": "Hoa vải", "harvest_month": 4, "moisture_percent": 20.5, "net_volume_ml": 500},
    ),
    ProductFact(
        "8930000000118", "Mật ong rừng nguyên sáp", HONEY, "trai-ong-rung-xanh", 350_000, 12, 3,
        "Cầu mật nguyên sáp cắt từ đàn ong rừng, ăn kèm cả sáp.",
        {"flower_source": "Hoa rừng", "harvest_month": 5, "moisture_percent": 18.5, "net_weight_g": 400},
    ),
    ProductFact(
        "8930000000125", "Mật ong hoa keo nhà chị Lan", HONEY, "ho-pham-thi-lan", 180_000, 25, None,
        "Mật ong hoa keo vụ hè, lỏng và trong, hợp pha trà chanh.",
        {"flower_source": "Hoa keo", "harvest_month": 6, "moisture_percent": 21.0, "net_volume_ml": 330},
    ),
]

TEA_KINDS = ["Búp", "Tôm", "Nõn tôm", "Móc câu"]
SEASONS = ["Xuân", "Hè", "Thu"]
#: Attribute option values in English.
OPTIONS_EN = {
    "Búp": "Bud", "Tôm": "Tôm (rolled bud)", "Nõn tôm": "Bud tip", "Móc câu": "Hook-shaped",
    "Xuân": "Spring", "Hè": "Summer", "Thu": "Autumn",
}
#: Product attribute names in English, by attribute code.
ATTRIBUTE_NAMES_EN = {
    "tea_kind": "Tea kind", "harvest_season": "Harvest season", "net_weight_g": "Net weight (g)",
    "flower_source": "Flower source", "harvest_month": "Harvest month", "moisture_percent": "Moisture (%)",
    "net_volume_ml": "Net volume (ml)",
}
#: Producers' taglines in English.
TAGLINES_EN = {
    "ho-nguyen-van-thanh": "Three generations of tea on the Cù Vân hills",
    "ho-tran-thi-hoa": "Hand-fired hook-shaped tea",
    "co-so-che-dong-tam": "Special Tôm bud tea",
    "ho-hoang-van-dung": "Native bees at the forest edge",
    "trai-ong-rung-xanh": "Forest-flower honey",
    "ho-pham-thi-lan": "Home-made green tea and honey",
}
#: Each demo product's English name and description, by its GTIN.
PRODUCTS_EN = {
    "8930000000019": ("Long Nguyệt special Tôm bud tea",
                      "Young buds rolled like little shrimps: a green-gold cup, a scent of young rice, a deep sweet finish."),
    "8930000000026": ("An Khánh forest-flower honey",
                      "Pure honey from wild forest flowers, amber in colour, gently sweet."),
    "8930000000033": ("Cù Vân hook-shaped tea",
                      "Small curled leaves like fish hooks, fired by hand, a clear green cup."),
    "8930000000040": ("Hà Thượng spring bud tea",
                      "Buds from the first spring picking: mild astringency and a lasting scent."),
    "8930000000057": ("Premium bud-tip tea",
                      "Only the tips are picked: more than five kilos of fresh buds make one kilo of tea."),
    "8930000000064": ("An Khánh green tea bags",
                      "Dried green tea in bags, easy to brew at the office."),
    "8930000000071": ("Đồng Kiệm summer bud tea",
                      "A strong summer tea, good for a big pot shared by the whole family."),
    "8930000000088": ("Khuôn Năm autumn hook-shaped tea",
                      "Autumn picking: small firm buds with a soft scent."),
    "8930000000095": ("Longan-flower honey",
                      "Honey from the March longan bloom, with the scent of dried longan."),
    "8930000000101": ("Lychee-flower honey",
                      "Lychee-blossom honey, pale gold and richly sweet."),
    "8930000000118": ("Wild honey in the comb",
                      "Whole comb cut from wild forest hives, to be eaten wax and all."),
    "8930000000125": ("Ms Lan's acacia-flower honey",
                      "Summer acacia honey, light and clear, good in lemon tea."),
}

# role, username (also the e-mail address, so it works on every login form), password
ACCOUNTS = [
    ("staff", "admin@ocop.localhost", "ocop-admin-2026"),
    ("producer", "dongtam@ocop.localhost", "ocop-producer-2026"),
    ("coop", "cuvan@ocop.localhost", "ocop-coop-2026"),
]
PRODUCER_ACCOUNT_FOR = "co-so-che-dong-tam"
COOP_ACCOUNT_FOR = "htx-che-doi-cu-van"

#: Growing-area crops in English (certificate scopes on English trace pages).
CROPS_EN = {
    "Chè Trung du": "Trung du tea",
    "Chè LDP1": "LDP1 tea",
    "Ong nội (Apis cerana)": "Native bees (Apis cerana)",
}
