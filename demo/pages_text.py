"""Words of the demo showcase pages, in Vietnamese and English."""

HOME = {
    "vi": {
        "title": "Chè và mật ong An Khánh",
        "hero_title": "Chè búp và mật ong rừng từ đồi An Khánh",
        "intro": (
            "<p>Mua trực tiếp từ các hộ trồng chè, nuôi ong và hợp tác xã của xã An Khánh, "
            "Thái Nguyên. Mỗi gói hàng có mã QR để bạn xem chè được trồng ở đâu, "
            "chăm sóc thế nào và hái ngày nào.</p>"
        ),
        "body": [
            ("paragraph", (
                "<h2>Vì sao mua ở đây?</h2><ul><li>Sản phẩm OCOP được chứng nhận, có số sao rõ ràng.</li>"
                "<li>Chè trồng theo VietGAP trên vùng nguyên liệu đã có mã số vùng trồng.</li>"
                "<li>Thanh toán không dùng tiền mặt: chuyển khoản VietQR hoặc thẻ quốc tế.</li></ul>"
            )),
        ],
    },
    "en": {
        "title": "Tea and honey from An Khánh",
        "hero_title": "Bud tea and forest honey from the hills of An Khánh",
        "intro": (
            "<p>Buy straight from the tea growers, beekeepers and co-operatives of An Khánh "
            "commune in Thái Nguyên. Every package carries a QR code that shows where the tea "
            "grew, how it was tended and the day it was picked.</p>"
        ),
        "body": [
            ("paragraph", (
                "<h2>Why buy here?</h2><ul><li>Certified OCOP products with their star rating.</li>"
                "<li>Tea grown under VietGAP in raw-material areas with official growing-area codes.</li>"
                "<li>Cashless payment: VietQR bank transfer or an international card.</li></ul>"
            )),
        ],
    },
}

REGION = {
    "vi": {
        "title": "Xã An Khánh",
        "show_in_menus": True,
        "intro": (
            "<p>Xã An Khánh mới được lập năm 2025 khi ba xã An Khánh, Cù Vân và Hà Thượng "
            "của huyện Đại Từ cũ nhập lại. Đây là vùng chè nổi tiếng của Thái Nguyên.</p>"
        ),
        "body": [
            ("paragraph", (
                "<p>Hai vùng nguyên liệu chè tập trung của xã đã được cấp mã số vùng trồng, "
                "mở đường cho chè An Khánh đi xa hơn. Nông dân được tập huấn quản lý mùa vụ, "
                "ghi nhật ký sản xuất và truy xuất nguồn gốc bằng mã QR.</p>"
            )),
        ],
    },
    "en": {
        "title": "An Khánh commune",
        "intro": (
            "<p>An Khánh commune was formed in 2025, when the communes of An Khánh, Cù Vân and "
            "Hà Thượng in the former Đại Từ district were merged. It is one of Thái Nguyên's "
            "best-known tea areas.</p>"
        ),
        "body": [
            ("paragraph", (
                "<p>Two concentrated tea raw-material areas have received official growing-area "
                "codes, which opens the way to export. Farmers have been trained to plan their "
                "seasons, keep production diaries and trace every harvest with a QR code.</p>"
            )),
        ],
    },
}

PRODUCERS = {
    "vi": {
        "title": "Nhà sản xuất",
        "show_in_menus": True,
        "intro": "<p>Những hộ gia đình, cơ sở và hợp tác xã làm ra chè và mật ong bạn mua.</p>",
    },
    "en": {
        "title": "Producers",
        "intro": "<p>The households, workshops and co-operatives who make the tea and honey you buy.</p>",
    },
}

POLICIES = {
    "giao-hang": {
        "vi": {"title": "Giao hàng", "body": [("paragraph", (
            "<p>Đơn hàng được hợp tác xã đóng gói và gửi qua bưu điện hoặc hãng vận chuyển trong "
            "1–2 ngày làm việc sau khi thanh toán. Mỗi đơn có mã vận đơn để bạn theo dõi.</p>"))]},
        "en": {"title": "Shipping", "body": [("paragraph", (
            "<p>The co-operative packs and hands your order to the post or a courier within one or "
            "two working days of payment. Every parcel has a tracking number.</p>"))]},
    },
    "doi-tra": {
        "vi": {"title": "Đổi trả", "body": [("paragraph", (
            "<p>Nếu gói hàng bị hỏng khi vận chuyển, hãy báo cho chúng tôi trong 7 ngày kèm ảnh; "
            "chúng tôi gửi lại hàng hoặc hoàn tiền.</p>"))]},
        "en": {"title": "Returns", "body": [("paragraph", (
            "<p>If a package arrives damaged, tell us within 7 days with a photo and we will send a "
            "replacement or refund you.</p>"))]},
    },
    "thanh-toan": {
        "vi": {"title": "Thanh toán", "body": [("paragraph", (
            "<p>Bạn trả bằng chuyển khoản ngân hàng qua mã VietQR hoặc bằng thẻ. Đơn hàng chỉ được "
            "xác nhận khi ngân hàng báo tiền đã về; chúng tôi không bao giờ xin mã OTP của bạn.</p>"))]},
        "en": {"title": "Payment", "body": [("paragraph", (
            "<p>You pay by bank transfer with a VietQR code, or by card. An order is confirmed only "
            "when the bank reports the money received; we never ask for your one-time codes.</p>"))]},
    },
    "quyen-rieng-tu": {
        "vi": {"title": "Quyền riêng tư", "body": [("paragraph", (
            "<p>Chúng tôi chỉ dùng tên, địa chỉ và số điện thoại của bạn để giao hàng. "
            "Lượt quét mã QR được đếm mà không lưu thông tin cá nhân.</p>"))]},
        "en": {"title": "Privacy", "body": [("paragraph", (
            "<p>We use your name, address and phone number only to deliver your order. QR scans "
            "are counted without storing any personal data.</p>"))]},
    },
}


#: The operator's identity, shown in every page's footer (the business is invented).
SELLER = {
    "legal_name": "Hợp tác xã Dịch vụ Nông nghiệp An Khánh",
    "registration_number": "4600123456",
    "address": "Xóm Gò Miếu, xã An Khánh, tỉnh Thái Nguyên",
    "hotline": "0912000100",
    "email": "hotro@ocop.localhost",
    "zalo": "0912000100",
}


#: The English page of each Vietnamese one lives at an English address (/en/producers/, not
#: /en/nha-san-xuat/); producers' pages keep their names, which are proper nouns.
ENGLISH_SLUGS = {
    "xa-an-khanh": "an-khanh-commune",
    "nha-san-xuat": "producers",
    "giao-hang": "shipping",
    "doi-tra": "returns",
    "thanh-toan": "payment",
    "quyen-rieng-tu": "privacy",
    "cau-chuyen": "stories",
    "nhat-ky-vu-che-xuan": "spring-tea-diary",
    "quay-mat-ong-hoa-rung": "extracting-forest-flower-honey",
    "vung-che-co-ma-so-vung-trong": "tea-areas-with-growing-area-codes",
    "cau-chuyen-che-tom-long-nguyet": "the-story-of-long-nguyet-tom-tea",
    "lien-he": "contact",
}
