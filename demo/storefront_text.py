"""Words of the storefront's story pages, in Vietnamese and English (written for the demo)."""

from datetime import date

PRODUCT_STORY = {
    "slug": "cau-chuyen-che-tom-long-nguyet",
    "product_upc": "8930000000019",
    "producer": "co-so-che-dong-tam",
    "vi": {
        "title": "Câu chuyện Chè Tôm búp đặc biệt Long Nguyệt",
        "intro": "Một búp non cuộn lại như con tôm nhỏ: vì sao gói chè này cần cả buổi sớm và đôi tay khéo.",
        "paragraphs": [
            "<h2>Hái khi sương còn đọng</h2><p>Người hái chè ở An Khánh ra đồi từ lúc trời còn mờ. "
            "Với Chè Tôm, chỉ lấy một tôm và một lá non sát dưới; búp nào đã mở xòe thì bỏ lại "
            "cho lứa sau. Một người hái giỏi cả buổi cũng chỉ được vài cân búp tươi.</p>",
            "<h2>Sao lửa nhỏ, vò thật kỹ</h2><p>Búp tươi được làm héo trong bóng râm rồi sao trên chảo "
            "gang với lửa riu riu. Người thợ vò nhiều lượt cho búp xoăn lại thành hình con tôm, giữ "
            "được màu xanh và mùi cốm non. Chè khô có nước xanh vàng, vị chát nhẹ rồi ngọt đọng ở cổ.</p>",
            "<h2>Đọc được nguồn gốc từng gói</h2><p>Đồi chè trồng theo quy trình VietGAP, nằm trong vùng "
            "nguyên liệu đã có mã số vùng trồng. Mỗi lô chè có nhật ký sản xuất: ngày bón, ngày hái, "
            "ngày sao. Quét mã QR trên bao bì là thấy cả hành trình ấy. Sản phẩm được chứng nhận OCOP.</p>",
        ],
        "quote": "Chè ngon là chè hái đúng lứa, sao đúng lửa; còn lại là sự kiên nhẫn.",
        "quote_author": "Người thợ sao chè ở Cơ sở chè Đồng Tâm",
        "gallery_heading": "Từ đồi chè đến chén chè",
        "captions": ["Búp tôm vừa hái", "Chảo sao chè", "Nước chè xanh vàng"],
    },
    "en": {
        "title": "The story of Long Nguyệt special shrimp-bud tea",
        "intro": (
            "A young bud curled like a tiny shrimp: why this tea takes an early morning and skilled hands."
        ),
        "paragraphs": [
            "<h2>Picked while the dew is still on</h2><p>Pickers in An Khánh walk up the hills before "
            "sunrise. For Chè Tôm they take only the closed bud and the tender leaf beneath it; any "
            "bud that has opened is left for the next flush. A good picker gathers just a few kilos "
            "of fresh buds in a morning.</p>",
            "<h2>A low fire and patient rolling</h2><p>The buds wilt in the shade, then are pan-fired "
            "in a cast-iron wok over a gentle flame. The tea maker rolls them again and again until "
            "they curl into the shape of a shrimp and keep their green colour and the scent of young "
            "rice. The liquor is yellow-green, lightly astringent, with a sweetness that lingers.</p>",
            "<h2>Every package tells where it came from</h2><p>The tea grows under VietGAP in a "
            "raw-material area with an official growing-area code. Every lot has a production diary: "
            "when it was fed, picked and fired. Scan the QR code on the package to follow that "
            "journey. The tea is OCOP certified.</p>",
        ],
        "quote": "Good tea is picked at the right flush and fired at the right heat; the rest is patience.",
        "quote_author": "Tea maker at Đồng Tâm tea workshop",
        "gallery_heading": "From the hill to the cup",
        "captions": ["Freshly picked buds", "The firing wok", "Yellow-green liquor"],
    },
}

STORY_INDEX = {
    "slug": "cau-chuyen",
    "vi": {
        "title": "Câu chuyện và nhật ký mùa vụ",
        "show_in_menus": True,
        "intro": "<p>Tin tức từ xã An Khánh và nhật ký công khai của từng mùa chè, mùa mật.</p>",
    },
    "en": {
        "title": "Stories and harvest diary",
        "intro": "<p>News from An Khánh commune and the public diary of every tea and honey season.</p>",
    },
}

STORIES = [
    {
        "slug": "nhat-ky-vu-che-xuan",
        "date": date(2026, 3, 18),
        "producer": "co-so-che-dong-tam",
        "theme": "tea",
        "vi": {
            "title": "Nhật ký vụ chè xuân: lứa búp đầu tiên",
            "intro": "Sau mấy trận mưa phùn, đồi chè bật búp đều. Cả xóm bắt đầu hái lứa xuân.",
            "body": (
                "<p>Ngày 10 tháng Ba: bón phân hữu cơ lần cuối trước vụ, ghi vào nhật ký sản xuất. "
                "Ngày 15: búp đã đủ một tôm hai lá, thử hái một luống. Ngày 18: hái đại trà, "
                "sao ngay trong ngày để giữ hương.</p><p>Từ lúc bón đến lúc hái đều được ghi lại, "
                "nên khách quét mã QR trên gói chè xuân sẽ thấy đúng những ngày này.</p>"
            ),
            "tags": ["nhật ký mùa vụ", "chè", "vụ xuân"],
        },
        "en": {
            "title": "Spring tea diary: the first flush",
            "intro": (
                "After a few days of drizzle the bushes budded evenly, and the village began "
                "the spring picking."
            ),
            "body": (
                "<p>10 March: last organic feed before the season, written into the production diary. "
                "15 March: the buds reached one bud and two leaves; one row picked as a trial. "
                "18 March: full picking, fired the same day to keep the aroma.</p><p>Every step from "
                "feeding to picking is recorded, so scanning the QR code on a spring package shows "
                "exactly these dates.</p>"
            ),
            "tags": ["harvest diary", "tea", "spring flush"],
        },
    },
    {
        "slug": "quay-mat-ong-hoa-rung",
        "date": date(2026, 4, 22),
        "producer": "trai-ong-rung-xanh",
        "theme": "honey",
        "vi": {
            "title": "Mùa quay mật ong hoa rừng tháng Tư",
            "intro": "Khi hoa rừng nở rộ, các đàn ong làm mật nhanh nhất năm. Trại ong quay mẻ đầu tiên.",
            "body": (
                "<p>Chỉ quay những cầu mật đã vít nắp kín, để mật đủ già và không bị chua. Mỗi mẻ "
                "được đo độ thủy phần trước khi đóng chai; mẻ nào cao quá thì để lại cho đàn ong.</p>"
                "<p>Ngày quay, số thùng và kết quả đo đều vào nhật ký của lô mật.</p>"
            ),
            "tags": ["nhật ký mùa vụ", "mật ong"],
        },
        "en": {
            "title": "Extracting forest-flower honey in April",
            "intro": (
                "When the forest flowers open, the colonies fill their combs faster than at any other time."
            ),
            "body": (
                "<p>Only fully capped frames are extracted, so the honey is ripe and never turns sour. "
                "Each batch has its moisture measured before bottling; a batch that is too wet stays "
                "with the bees.</p><p>The extraction day, the number of hives and the readings all go "
                "into the diary of the honey lot.</p>"
            ),
            "tags": ["harvest diary", "honey"],
        },
    },
    {
        "slug": "vung-che-co-ma-so-vung-trong",
        "date": date(2025, 9, 5),
        "producer": "",
        "theme": "place",
        "vi": {
            "title": "Hai vùng chè An Khánh có mã số vùng trồng",
            "intro": "Hai vùng nguyên liệu chè tập trung của xã đã được cấp mã số, mở cửa cho chè đi xa.",
            "body": (
                "<p>Sau khi ba xã An Khánh, Cù Vân và Hà Thượng nhập thành xã An Khánh mới, các hợp tác "
                "xã chè cùng nhau hoàn thiện hồ sơ vùng trồng. Hai vùng chè tập trung, canh tác theo "
                "VietGAP, nay đã có mã số vùng trồng.</p><p>Mã số này giúp truy được từng gói chè về đúng "
                "đồi đã trồng ra nó, và là điều kiện để chè Thái Nguyên của xã bán ra nước ngoài.</p>"
            ),
            "tags": ["tin tức", "VietGAP"],
        },
        "en": {
            "title": "Two An Khánh tea areas receive growing-area codes",
            "intro": (
                "The commune's two concentrated tea areas now have official codes, opening the way to export."
            ),
            "body": (
                "<p>After An Khánh, Cù Vân and Hà Thượng were merged into the new An Khánh commune, the "
                "tea co-operatives put together the paperwork for their growing areas. Two concentrated "
                "areas, farmed under VietGAP, have now been given growing-area codes.</p><p>The code lets "
                "every package be traced to the hill it grew on, and it is what export buyers of "
                "Thái Nguyên tea ask for.</p>"
            ),
            "tags": ["news", "VietGAP"],
        },
    },
]

CONTACT = {
    "slug": "lien-he",
    "to_address": "hotro@ocop.localhost",
    "vi": {
        "title": "Liên hệ",
        "show_in_menus": True,
        "intro": (
            "<p>Bạn hỏi về sản phẩm, đơn hàng hay muốn mua số lượng lớn? Hãy để lại lời nhắn, "
            "hợp tác xã sẽ trả lời trong một ngày làm việc.</p>"
        ),
        "thank_you_text": "<p>Cảm ơn bạn! Chúng tôi đã nhận được lời nhắn và sẽ sớm trả lời.</p>",
        "subject": "Lời nhắn mới từ trang Liên hệ",
        "fields": ["Họ và tên", "Email", "Số điện thoại", "Lời nhắn"],
    },
    "en": {
        "title": "Contact us",
        "intro": (
            "<p>A question about a product, an order, or buying in bulk? Leave us a message and the "
            "co-operative will answer within one working day.</p>"
        ),
        "thank_you_text": "<p>Thank you! We have your message and will reply soon.</p>",
        "subject": "New message from the contact page",
        "fields": ["Your name", "E-mail", "Phone", "Message"],
    },
}

# clean name, field type, required — in the order of the labels above
CONTACT_FIELDS = [
    ("name", "singleline", True),
    ("email", "email", True),
    ("phone", "singleline", False),
    ("message", "multiline", True),
]
