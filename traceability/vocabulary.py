"""The shop's own EPCIS vocabulary (the ``ocop:`` prefix): the steps and fields CBV 2.0 has no term for.

Its namespace is ``TRACE_VOCABULARY_URL`` (``{SITE_URL}/voc/`` unless set), fixed once: a domain
move of the shop or of the QR codes does not rename a term. Every term resolves at
``/voc/{term}``: an HTML page in Vietnamese or English for people, JSON-LD (RDFS labels and
comments in both languages) for programs. Locations without a GLN are named under
``/voc/location/…`` by their official code, else by a shop-scoped number that is never reused.
"""

from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings

RDFS = "http://www.w3.org/2000/01/rdf-schema#"


@dataclass(frozen=True)
class Term:
    name: str
    kind: str  # "bizStep", "property" or "class"
    label_vi: str
    label_en: str
    comment_vi: str
    comment_en: str


TERMS = {term.name: term for term in (
    Term("planting", "bizStep", "Trồng", "Planting",
         "Trồng hoặc trồng dặm cây trên vùng trồng.", "Planting or replanting on the growing area."),
    Term("input_application", "bizStep", "Bón phân hoặc phun thuốc", "Fertiliser or spray",
         "Bón phân hoặc phun thuốc bảo vệ thực vật, với liều lượng và thời gian cách ly.",
         "A fertiliser or plant-protection spray applied, with its dose and pre-harvest interval."),
    Term("harvesting", "bizStep", "Thu hoạch", "Harvesting",
         "Thu hái chè hoặc quay mật ong.", "Picking tea leaves or taking honey from the hives."),
    Term("withering", "bizStep", "Làm héo", "Withering", "Làm héo lá chè tươi.", "Withering fresh tea leaves."),
    Term("rolling", "bizStep", "Vò chè", "Rolling", "Vò lá chè sau khi làm héo.", "Rolling the withered leaves."),
    Term("drying", "bizStep", "Sấy", "Drying", "Sấy khô chè.", "Drying the tea."),
    Term("extraction", "bizStep", "Quay mật", "Honey extraction",
         "Quay ly tâm lấy mật từ cầu ong.", "Spinning the honey out of the combs."),
    Term("moisture", "bizStep", "Đo độ ẩm", "Moisture reading",
         "Đo độ ẩm của mật ong hoặc chè.", "Measuring the moisture of the honey or tea."),
    Term("processing", "bizStep", "Chế biến", "Processing", "Một bước chế biến khác.", "Another processing step."),
    Term("transforming", "bizStep", "Phối trộn", "Transforming",
         "Làm lô mới từ các lô khác (chè búp tươi thành chè khô, phối trộn nhiều lô).",
         "Making lots from lots (fresh leaf into made tea, several harvests into one blend)."),
    Term("note", "property", "Ghi chú", "Note",
         "Điều đã làm, bằng lời của người ghi.", "What was done, in the recorder's words."),
    Term("inputKind", "property", "Loại vật tư", "Input kind", "Phân bón hoặc thuốc phun.", "Fertiliser or spray."),
    Term("inputProduct", "property", "Vật tư sử dụng", "Product applied",
         "Tên phân bón hoặc thuốc đã dùng.", "Name of the fertiliser or spray applied."),
    Term("dose", "property", "Liều lượng", "Dose", "Liều lượng đã dùng.", "The dose applied."),
    Term("preHarvestIntervalDays", "property", "Thời gian cách ly (ngày)", "Pre-harvest interval (days)",
         "Số ngày tối thiểu từ lần phun đến khi thu hoạch.", "Least number of days between the spray and the harvest."),
    Term("measurement", "property", "Giá trị đo", "Measured value", "Giá trị đo được.", "The value measured."),
    Term("measurementUnit", "property", "Đơn vị đo", "Measured unit", "Đơn vị của giá trị đo.", "Unit of the value."),
    Term("laboratory", "property", "Phòng thử nghiệm", "Laboratory",
         "Nơi phân tích mẫu.", "Where the sample was tested."),
    Term("labResults", "property", "Kết quả thử nghiệm", "Lab results",
         "Danh sách chỉ tiêu, kết quả và giới hạn.", "Analytes with their results and limits."),
    Term("recordHash", "property", "Dấu vân tay của bản ghi", "Record hash",
         "SHA-256 của nội dung sự kiện trong nhật ký.", "SHA-256 of the diary entry's content."),
    Term("previousHash", "property", "Dấu vân tay trước", "Previous hash",
         "Dấu vân tay của mục trước trong cùng lô.", "Hash of the entry before it in the same lot."),
    Term("corrects", "property", "Sửa cho", "Corrects", "Sự kiện mà sự kiện này sửa.", "The event this one corrects."),
    Term("address", "property", "Địa chỉ", "Address", "Địa chỉ của địa điểm.", "Address of the location."),
    Term("officialCode", "property", "Mã số chính thức", "Official code",
         "Mã số do cơ quan có thẩm quyền cấp (mã số vùng trồng, mã cơ sở).",
         "Code issued by the authorities (growing-area code, facility code)."),
    Term("harvestedOn", "property", "Ngày thu hoạch", "Harvest date",
         "Ngày thu hoạch lô.", "When the lot was harvested."),
    Term("producedOn", "property", "Ngày sản xuất", "Production date",
         "Ngày chế biến xong lô.", "When the lot was made (processing finished)."),
    Term("packedOn", "property", "Ngày đóng gói", "Packing date", "Ngày đóng gói lô.", "When the lot was packed."),
    Term("standardsApplied", "property", "Tiêu chuẩn áp dụng", "Standards applied",
         "Tiêu chuẩn nhà sản xuất công bố áp dụng (TCVN, QCVN, TCCS).",
         "The standards the producer declares for the product (TCVN, QCVN, TCCS)."),
    Term("GrowingArea", "class", "Vùng trồng / trại ong", "Growing area or apiary",
         "Vùng nguyên liệu chè hoặc trại ong của hợp tác xã.", "A tea raw-material area or an apiary."),
    Term("Facility", "class", "Cơ sở chế biến, đóng gói", "Processing and packing facility",
         "Nơi chế biến và đóng gói lô hàng.", "Where a lot is processed and packed."),
)}


def namespace() -> str:
    return settings.TRACE_VOCABULARY_URL.rstrip("/") + "/"


def iri(name: str) -> str:
    return f"{namespace()}{name}"


def location_id(*, kind: str, gln: str = "", code: str = "", number: int | None = None) -> str:
    """A location's stable identifier: its GLN as a GS1 Digital Link, else its official code in our
    namespace, else ``{kind}-{number}`` (the shop's own number for it, never reused)."""
    if gln:
        return f"https://id.gs1.org/414/{gln}"
    if code:
        return f"{namespace()}location/{kind}/{quote(code, safe='')}"
    return f"{namespace()}location/{kind}-{number}"


def term_json_ld(term: Term) -> dict:
    kinds = {"bizStep": "rdfs:Resource", "property": "rdf:Property", "class": "rdfs:Class"}
    return {
        "@id": iri(term.name),
        "@type": kinds[term.kind],
        "rdfs:label": [{"@value": term.label_vi, "@language": "vi"}, {"@value": term.label_en, "@language": "en"}],
        "rdfs:comment": [
            {"@value": term.comment_vi, "@language": "vi"}, {"@value": term.comment_en, "@language": "en"},
        ],
        "rdfs:isDefinedBy": {"@id": namespace()},
    }


CONTEXT = {"rdfs": RDFS, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}


def vocabulary_json_ld() -> dict:
    return {"@context": CONTEXT, "@id": namespace(), "@graph": [term_json_ld(term) for term in TERMS.values()]}
