"""Demo traceability: certificates, one published lot with a full diary per demo product, one
correction and one transformation (two spring harvests blended into one batch of Long Nguyệt tea).

Idempotent: a lot that already exists is left as it is (a published record never changes).
"""

from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from traceability import exports, services
from traceability.models import Certificate, DiaryEvent, Facility, GrowingArea, Lot

from . import world

Report = Callable[[str], None]

VIETGAP_ISSUER = "Trung tâm Chứng nhận VietGAP (Bộ Nông nghiệp và Môi trường)"
VIETGAP_ISSUER_EN = "VietGAP Certification Centre (Ministry of Agriculture and Environment)"
OCOP_ISSUER = "UBND tỉnh Thái Nguyên"
OCOP_ISSUER_EN = "Thái Nguyên Provincial People's Committee"
SPRING_HARVEST = date(2026, 4, 8)


def _at(day: date, hour: int = 7) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


def seed_certificates(*, products, report: Report) -> dict:
    areas = {a.code: a for a in GrowingArea.objects.exclude(code="")}
    certificates = {}
    for code, area in areas.items():
        certificates[code], _ = Certificate.objects.update_or_create(
            kind=Certificate.Kind.VIETGAP, number=f"VG-{code}",
            defaults={"issuer_vi": VIETGAP_ISSUER, "issuer_en": VIETGAP_ISSUER_EN,
                      "scope_vi": f"{area.crop}, {area.area_hectares} ha",
                      "scope_en": f"{world.CROPS_EN.get(area.crop, area.crop)}, {area.area_hectares} ha",
                      "valid_from": date(2025, 3, 1), "valid_to": date(2028, 2, 28), "growing_area": area},
        )
    for product in products:
        if product.ocop_stars:
            certificates[product.upc], _ = Certificate.objects.update_or_create(
                kind=Certificate.Kind.OCOP, number=f"OCOP-TN-{product.upc[-4:]}",
                defaults={"issuer_vi": OCOP_ISSUER, "issuer_en": OCOP_ISSUER_EN,
                          "scope_vi": f"{product.title_vi}: {product.ocop_stars} sao",
                          "scope_en": f"{product.title_en}: {product.ocop_stars} stars",
                          "valid_from": date(2025, 1, 15), "valid_to": date(2028, 1, 14),
                          "product": product, "producer": product.producer},
            )
    report(f"certificates: {len(certificates)}")
    return certificates


def _tea_diary(lot: Lot, harvest: date, *, kg: Decimal) -> None:
    services.record_event(lot=lot, kind="input", occurred_at=_at(harvest - timedelta(days=40)),
                          input_kind="fertiliser", input_product="Phân hữu cơ vi sinh Sông Gianh",
                          dose="1,5 tấn/ha", note="Bón thúc đầu vụ xuân, rạch hàng lấp đất.")
    services.record_event(lot=lot, kind="input", occurred_at=_at(harvest - timedelta(days=12), 16),
                          input_kind="spray", input_product="Chế phẩm sinh học Bacillus thuringiensis",
                          dose="20 ml/bình 16 lít", pre_harvest_interval_days=7,
                          note="Phun trừ sâu cuốn lá chiều mát.")
    services.record_event(lot=lot, kind="harvest", occurred_at=_at(harvest, 6), quantity=kg,
                          quantity_unit="kg", note="Hái tay một tôm hai lá, buổi sáng sớm.")
    services.record_event(lot=lot, kind="processing", occurred_at=_at(harvest, 10), step="withering",
                          note="Làm héo trên nong tre 3 giờ.")
    services.record_event(lot=lot, kind="processing", occurred_at=_at(harvest, 14), step="rolling",
                          note="Vò tay rồi vò máy nhẹ 20 phút.")
    services.record_event(lot=lot, kind="processing", occurred_at=_at(harvest, 17), step="drying",
                          measurement=Decimal("4.5"), measurement_unit="% ẩm",
                          note="Sao chảo gang, lên hương, độ ẩm cuối 4,5%.")
    services.record_event(lot=lot, kind="lab_test", occurred_at=_at(harvest + timedelta(days=6), 9),
                          laboratory="Trung tâm Kiểm nghiệm Thái Nguyên", analytes=[
                              {"name": "Chlorpyrifos", "result": "0.005", "limit": "0.05", "unit": "mg/kg"},
                              {"name": "Cypermethrin", "result": "0.02", "limit": "0.5", "unit": "mg/kg"},
                          ])


def _honey_diary(lot: Lot, harvest: date, *, kg: Decimal, moisture: str) -> None:
    services.record_event(lot=lot, kind="harvest", occurred_at=_at(harvest, 6), quantity=kg,
                          quantity_unit="kg", note="Chỉ lấy cầu mật đã vít nắp.")
    services.record_event(lot=lot, kind="processing", occurred_at=_at(harvest, 9), step="extraction",
                          note="Quay mật bằng thùng inox, lọc hai lớp.")
    services.record_event(lot=lot, kind="processing", occurred_at=_at(harvest + timedelta(days=2), 9),
                          step="moisture", measurement=Decimal(moisture), measurement_unit="%",
                          note="Đo bằng khúc xạ kế.")
    services.record_event(lot=lot, kind="lab_test", occurred_at=_at(harvest + timedelta(days=7), 9),
                          laboratory="Trung tâm Kiểm nghiệm Thái Nguyên", analytes=[
                              {"name": "Độ ẩm (moisture)", "result": moisture, "limit": "21.5", "unit": "%"},
                              {"name": "HMF", "result": "12", "limit": "40", "unit": "mg/kg"},
                          ])


def _packing(lot: Lot, day: date, units: int) -> None:
    services.record_event(lot=lot, kind="packing", occurred_at=_at(day, 8), quantity=Decimal(units),
                          quantity_unit="gói" if lot.product.product_class.slug == world.TEA else "lọ",
                          note="Đóng gói, dán nhãn QR truy xuất.")


#: What the demo producers declare (tea: TCVN 11250 for green tea; honey: TCVN 5267-1).
STANDARDS = {True: "TCVN 11250:2015", False: "TCVN 5267-1:2008"}


def _facility(producer, area) -> Facility | None:
    """The producer's own workshop (one per producer), coded like its growing area."""
    if producer is None:
        return None
    facility, _created = Facility.objects.get_or_create(
        producer=producer,
        defaults={"name": f"Xưởng {producer.name}", "address": producer.village, "ward_code": producer.ward_code,
                  "code": f"CS-{area.code or 'AK'}-{producer.pk:03d}"},
    )
    return facility


def _lot_certificates(product, area, certificates) -> list:
    found = [certificates.get(product.upc)]
    if area is not None and area.code:
        found.append(certificates.get(area.code))
    return [c for c in found if c is not None]


def seed_traceability(*, products, report: Report) -> list[Lot]:
    """Certificates and one published lot per demo product; prints each lot's Digital Link."""
    certificates = seed_certificates(products=products, report=report)
    areas = {fact.key: GrowingArea.objects.get(name=fact.name) for fact in world.GROWING_AREAS}
    tea_areas = [areas["cu-van"], areas["ha-thuong"]]
    lots = []
    for index, product in enumerate(products):
        fact = world.PRODUCTS[index]
        code = f"AK26-{index + 1:02d}"
        existing = Lot.objects.filter(product=product, code=code).first()
        if existing is not None:
            lots.append(existing)
            continue
        is_tea = fact.product_class == world.TEA
        area = tea_areas[index % 2] if is_tea else areas["rung-an-khanh"]
        harvest = SPRING_HARVEST + timedelta(days=index * 5)
        lot = services.create_lot(
            product=product, code=code, growing_area=area, harvested_on=harvest,
            best_before=harvest + timedelta(days=540 if is_tea else 720),
            quantity=Decimal("60") if is_tea else Decimal("180"), quantity_unit="kg",
            units_packed=fact.stock, certificates=_lot_certificates(product, area, certificates),
            produced_on=harvest + timedelta(days=2), packed_on=harvest + timedelta(days=10),
            facility=_facility(product.producer, area), standards_applied=STANDARDS[is_tea],
        )
        if index == 0:
            _blend_origin(lot=lot, product=product, area=area, harvest=harvest, certificates=certificates)
        elif is_tea:
            _tea_diary(lot, harvest, kg=Decimal("300"))
        else:
            _honey_diary(lot, harvest, kg=Decimal("180"), moisture=str(fact.attributes["moisture_percent"]))
        _packing(lot, harvest + timedelta(days=10), fact.stock)
        services.publish_lot(lot=lot)
        lots.append(lot)
    _seed_correction(lots[2])
    _translate_records(lots)
    for product, lot in zip(products, lots, strict=True):
        report(f"trace {product.title}: {exports.lot_uri(lot)}")
    return lots


#: The diary notes in English, for buyers reading the trace page abroad.
NOTES_EN = {
    "Bón thúc đầu vụ xuân, rạch hàng lấp đất.": "Spring top-dressing, furrowed along the rows and covered.",
    "Phun trừ sâu cuốn lá chiều mát.": "Sprayed against leaf rollers in the cool of the evening.",
    "Hái tay một tôm hai lá, buổi sáng sớm.": "Hand-picked, one bud and two leaves, early in the morning.",
    "Làm héo trên nong tre 3 giờ.": "Withered on bamboo trays for 3 hours.",
    "Vò tay rồi vò máy nhẹ 20 phút.": "Rolled by hand, then gently by machine for 20 minutes.",
    "Sao chảo gang, lên hương, độ ẩm cuối 4,5%.": "Pan-fired in cast iron to bring out the aroma; final moisture 4.5%.",
    "Chỉ lấy cầu mật đã vít nắp.": "Only capped honey frames were taken.",
    "Quay mật bằng thùng inox, lọc hai lớp.": "Extracted in a stainless-steel spinner, filtered twice.",
    "Đo bằng khúc xạ kế.": "Measured with a refractometer.",
    "Đóng gói, dán nhãn QR truy xuất.": "Packed and labelled with the traceability QR code.",
    "Sao lại lần cuối sau khi phối trộn.": "Fired a last time after blending.",
    "Sửa liều lượng: ghi nhầm 20 ml, thực tế pha 15 ml/bình 16 lít.": (
        "Dose corrected: 20 ml was written by mistake, 15 ml per 16-litre tank was used."
    ),
}


#: The inputs and doses in English.
INPUTS_EN = {
    "Phân hữu cơ vi sinh Sông Gianh": "Sông Gianh microbial organic fertiliser",
    "Chế phẩm sinh học Bacillus thuringiensis": "Bacillus thuringiensis biological preparation",
}
DOSES_EN = {
    "1,5 tấn/ha": "1.5 t/ha",
    "20 ml/bình 16 lít": "20 ml per 16-litre tank",
    "15 ml/bình 16 lít": "15 ml per 16-litre tank",
}


#: Each English field of a diary event, the Vietnamese field it reads, and the demo's English for it.
TRANSLATIONS = (("note_en", "note", NOTES_EN), ("input_product_en", "input_product", INPUTS_EN),
                ("dose_en", "dose", DOSES_EN))


def _translate_records(lots: list[Lot]) -> None:
    """Give the demo diaries and workshops their English (also to those seeded before there was any)."""
    events = DiaryEvent.objects.filter(lot__product__in=[lot.product_id for lot in lots]).select_related("lot")
    for event in events:
        english = {
            name: table[getattr(event, source)] for name, source, table in TRANSLATIONS
            if not getattr(event, name) and getattr(event, source) in table
        }
        if english:
            services.translate_event(event=event, **english)
    for facility in Facility.objects.filter(lots__in=lots, name_en="", producer__isnull=False).distinct():
        services.translate_facility(facility=facility, name_en=f"{facility.producer.name} workshop")


def _blend_origin(*, lot: Lot, product, area, harvest: date, certificates) -> None:
    """Two picks of the same hill, each with its own diary, blended into ``lot``."""
    picks = []
    for suffix, offset in (("A", 3), ("B", 0)):
        pick_day = harvest - timedelta(days=offset)
        pick = services.create_lot(
            product=product, code=f"AK26-01{suffix}", growing_area=area, harvested_on=pick_day,
            best_before=pick_day + timedelta(days=540), quantity=Decimal("150"), quantity_unit="kg",
            certificates=_lot_certificates(product, area, certificates),
        )
        _tea_diary(pick, pick_day, kg=Decimal("150"))
        services.publish_lot(lot=pick)
        picks.append(pick)
    services.record_transformation(
        inputs=picks, outputs=[lot], occurred_at=_at(harvest + timedelta(days=1), 9),
        description="Phối trộn hai lứa hái xuân thành mẻ chè Tôm Long Nguyệt",
    )
    services.record_event(lot=lot, kind="processing", occurred_at=_at(harvest + timedelta(days=1), 15),
                          step="drying", measurement=Decimal("4.2"), measurement_unit="% ẩm",
                          note="Sao lại lần cuối sau khi phối trộn.")


def _seed_correction(lot: Lot) -> None:
    """A published spray entry had the wrong dose: the correction is a new entry naming it."""
    spray = lot.events.filter(kind="input", input_kind="spray", corrects__isnull=True).first()
    if spray is None or spray.corrections.exists():
        return
    services.correct_event(event=spray, dose="15 ml/bình 16 lít",
                           note="Sửa liều lượng: ghi nhầm 20 ml, thực tế pha 15 ml/bình 16 lít.")
    services.publish_lot(lot=lot)
