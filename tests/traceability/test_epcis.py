"""The EPCIS 2.0 export validated against the official JSON schema (a data file shared with the repo)."""

import json
import os
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.utils import timezone

from traceability import exports, services
from traceability.models import Lot

pytestmark = pytest.mark.django_db

SCHEMA_PATH = Path("shared") / "data" / "epcis" / "EPCIS-JSON-Schema.json"
# The clone's parent in CI; a worktree's grandparent on a development machine.
SCHEMA = next(
    (folder / SCHEMA_PATH for folder in Path(settings.BASE_DIR).parents if (folder / SCHEMA_PATH).exists()),
    Path(settings.BASE_DIR).parent / SCHEMA_PATH,
)


@pytest.fixture(scope="module")
def epcis_validator():
    if not SCHEMA.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the official EPCIS schema is missing at {SCHEMA}")
        pytest.skip(f"official EPCIS schema not found at {SCHEMA} (outside CI)")
    schema = json.loads(SCHEMA.read_text())
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def _document(client, path):
    response = client.get(path + "?linkType=gs1:epcis")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    return response.json()


def _assert_valid(validator, document):
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_uri_format_checking_is_active(epcis_validator):
    broken = {
        "@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-04-01T08:00:00+07:00",
        "epcisBody": {
            "eventList": [
                {
                    "type": "ObjectEvent",
                    "action": "OBSERVE",
                    "eventTime": "2026-04-01T08:00:00+07:00",
                    "eventTimeZoneOffset": "+07:00",
                    "quantityList": [{"epcClass": "lot AK26 01"}],
                }
            ]
        },
    }
    assert list(epcis_validator.iter_errors(broken))


def test_every_demo_lot_exports_a_valid_epcis_document(client, demo_world, epcis_validator):
    lots = Lot.objects.filter(published_at__isnull=False)
    assert lots.count() >= 12
    for lot in lots:
        _assert_valid(epcis_validator, _document(client, f"/01/{lot.gtin}/10/{lot.code}"))


def test_export_has_own_vocabulary_correction_and_transformation(client, demo_world, epcis_validator):
    document = _document(client, "/01/08930000000019/10/AK26-01")
    _assert_valid(epcis_validator, document)
    assert document["@context"][1]["ocop"].endswith("/voc/")
    events = document["epcisBody"]["eventList"]
    assert all(e["eventTimeZoneOffset"] == "+07:00" and e["eventTime"] for e in events)
    assert {"ocop:harvesting", "ocop:input_application", "ocop:withering", "packing"} <= {
        e["bizStep"] for e in events
    }
    transformation = [e for e in events if e["type"] == "TransformationEvent"]
    assert len(transformation) == 1
    assert {q["epcClass"].rsplit("/", 1)[1] for q in transformation[0]["inputQuantityList"]} == {
        "AK26-01A",
        "AK26-01B",
    }
    assert transformation[0]["outputQuantityList"][0]["epcClass"].endswith("/01/08930000000019/10/AK26-01")

    corrected = _document(client, "/01/08930000000033/10/AK26-03")
    _assert_valid(epcis_validator, corrected)
    declared = [e for e in corrected["epcisBody"]["eventList"] if "errorDeclaration" in e]
    assert len(declared) == 1
    correction_id = declared[0]["errorDeclaration"]["correctiveEventIDs"][0]
    correction = next(e for e in corrected["epcisBody"]["eventList"] if e["eventID"] == correction_id)
    assert correction["ocop:dose"] == "15 ml/bình 16 lít" and declared[0]["ocop:dose"] == "20 ml/bình 16 lít"


def test_lab_results_and_spray_details_travel_in_the_export(client, published_lot, epcis_validator):
    services.record_event(
        lot=published_lot,
        kind="lab_test",
        occurred_at=published_lot.events.last().occurred_at,
        laboratory="Lab",
        analytes=[{"name": "Pb", "result": "0.1", "limit": "0.3", "unit": "mg/kg"}],
    )
    services.publish_lot(lot=published_lot)
    document = _document(client, f"/01/{published_lot.gtin}/10/{published_lot.code}")
    _assert_valid(epcis_validator, document)
    by_step = {e["bizStep"]: e for e in document["epcisBody"]["eventList"]}
    assert by_step["ocop:input_application"]["ocop:preHarvestIntervalDays"] == 7
    assert by_step["inspecting"]["ocop:labResults"][0]["name"] == "Pb"
    assert by_step["ocop:harvesting"]["quantityList"] == [
        {"epcClass": exports.lot_uri(published_lot), "quantity": 50.0, "uom": "KGM"}
    ]


@pytest.fixture
def packed_lot(db):
    """A tea lot grown on a coded area, processed and packed at a facility, with a corrected spray."""
    from datetime import date

    from traceability.models import Facility, GrowingArea

    from .conftest import at, build_lot

    area = GrowingArea.objects.create(name="Vùng chè Cù Vân", kind="tea_area", code="TN-AK-VT-009", ward_code=5809)
    facility = Facility.objects.create(name="Xưởng chè Cù Vân", address="Xóm Đồng Tâm", ward_code=5809,
                                       code="ATTP-TN-0042")
    lot = build_lot(publish=False, code="PK-1")
    services.update_lot(lot=lot, growing_area=area, facility=facility, produced_on=date(2026, 4, 11),
                        packed_on=date(2026, 4, 12), standards_applied="TCVN 11250:2015")
    services.record_event(lot=lot, kind="packing", occurred_at=at(date(2026, 4, 12), 9), note="Đóng gói")
    lot = services.publish_lot(lot=lot)
    spray = lot.events.get(kind="input")
    services.correct_event(event=spray, note="Sửa liều", dose="15 ml/bình")
    return services.publish_lot(lot=lot)


def test_event_ids_survive_a_move_of_the_qr_domain(client, packed_lot, settings):
    path = f"/01/{packed_lot.gtin}/10/{packed_lot.code}"
    settings.TRACE_PAGE_CACHE_SECONDS = 0
    before = _document(client, path)
    settings.TRACE_BASE_URL = "https://moved.example"
    after = _document(client, path)
    ids = [e["eventID"] for e in before["epcisBody"]["eventList"]]
    assert ids == [e["eventID"] for e in after["epcisBody"]["eventList"]]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    assert after["@context"] == before["@context"]  # the vocabulary's namespace does not move either
    assert after["epcisBody"]["eventList"][0]["quantityList"][0]["epcClass"].startswith("https://moved.example/")


def test_document_expands_offline_with_the_official_context(client, packed_lot):
    from pyld import jsonld as pyld

    from traceability import jsonld, vocabulary

    document = _document(client, f"/01/{packed_lot.gtin}/10/{packed_lot.code}")
    expanded = jsonld.expand(document)
    text = json.dumps(expanded)
    assert "https://ref.gs1.org/epcis/ObjectEvent" in text
    assert f'"{vocabulary.iri("harvesting")}"' in text and f'"{vocabulary.iri("recordHash")}"' in text
    assert "https://ref.gs1.org/cbv/BizStep-packing" in text
    with pytest.raises(pyld.JsonLdError):
        jsonld.expand({"@context": "https://example.invalid/context.jsonld", "a": 1})


def test_schema_checks_date_times_too(epcis_validator):
    import rfc3339_validator  # noqa: F401  (jsonschema checks "date-time" only when it is installed)

    broken = {"@context": [exports.EPCIS_CONTEXT], "type": "EPCISDocument", "schemaVersion": "2.0",
              "creationDate": "1 April 2026", "epcisBody": {"eventList": []}}
    assert any("date-time" in error.message for error in epcis_validator.iter_errors(broken))


def test_locations_corrections_and_master_data(client, packed_lot, epcis_validator):
    from traceability import vocabulary

    document = _document(client, f"/01/{packed_lot.gtin}/10/{packed_lot.code}")
    _assert_valid(epcis_validator, document)
    events = document["epcisBody"]["eventList"]
    by_step = {e["bizStep"]: e for e in events}
    area = f"{vocabulary.namespace()}location/area/TN-AK-VT-009"
    facility = f"{vocabulary.namespace()}location/facility/ATTP-TN-0042"
    assert by_step["ocop:harvesting"]["bizLocation"] == {"id": area}
    assert by_step["packing"]["bizLocation"] == {"id": facility} and by_step["packing"]["readPoint"] == {"id": facility}
    assert "/producers/" not in json.dumps(document)  # no shop page stands for a location
    declared = next(e for e in events if "errorDeclaration" in e)
    correction = packed_lot.events.get(corrects__isnull=False)
    assert declared["errorDeclaration"]["declarationTime"] == timezone.localtime(correction.created_at).isoformat(
        timespec="seconds")
    assert declared["errorDeclaration"]["declarationTime"] != declared["eventTime"]
    vocabularies = document["epcisHeader"]["epcisMasterData"]["vocabularyList"]
    master = {v["type"]: v["vocabularyElementList"] for v in vocabularies}
    locations = {e["id"]: {a["id"]: a["attribute"] for a in e["attributes"]}
                 for e in master["urn:epcglobal:epcis:vtype:BusinessLocation"]}
    assert locations[facility]["ocop:officialCode"] == "ATTP-TN-0042"
    assert "Thái Nguyên" in locations[facility]["ocop:address"]
    lot_items = {a["id"]: a["attribute"] for a in master["urn:epcglobal:epcis:vtype:EPCClass"][0]["attributes"]}
    assert lot_items["ocop:producedOn"] == "2026-04-11" and lot_items["ocop:packedOn"] == "2026-04-12"
    assert lot_items["ocop:standardsApplied"] == "TCVN 11250:2015"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_vocabulary_term_used_resolves_for_people_and_programs(client, packed_lot, language):
    from traceability import vocabulary

    document = _document(client, f"/01/{packed_lot.gtin}/10/{packed_lot.code}")
    used = {value.removeprefix("ocop:") for e in document["epcisBody"]["eventList"] for value in
            [e.get("bizStep", ""), *e] if value.startswith("ocop:")}
    assert {"harvesting", "input_application", "recordHash", "dose"} <= used
    for name in used:
        page = client.get(f"/voc/{name}", HTTP_ACCEPT_LANGUAGE=language)
        assert page.status_code == 200 and page["Content-Language"] == language
        term = vocabulary.TERMS[name]
        assert (term.label_vi if language == "vi" else term.label_en) in page.content.decode()
        machine = client.get(f"/voc/{name}", HTTP_ACCEPT="application/ld+json")
        assert machine["Content-Type"] == "application/ld+json"
        body = machine.json()
        assert body["@id"] == vocabulary.iri(name)
        assert {label["@language"] for label in body["rdfs:label"]} == {"vi", "en"}
    assert client.get("/voc/no-such-term").status_code == 404


def test_location_and_party_identifiers_resolve(client, packed_lot):
    document = _document(client, f"/01/{packed_lot.gtin}/10/{packed_lot.code}")
    events = document["epcisBody"]["eventList"]
    identifiers = {e["bizLocation"]["id"] for e in events if "bizLocation" in e}
    identifiers |= {s["source"] for e in events for s in e.get("sourceList", [])}
    assert len(identifiers) == 3  # the growing area, the facility, the producer
    for identifier in identifiers:
        path = identifier.split("://", 1)[1].split("/", 1)[1]
        page = client.get(f"/{path}", HTTP_ACCEPT_LANGUAGE="en")
        assert page.status_code == 200, identifier
        machine = client.get(f"/{path}", HTTP_ACCEPT="application/ld+json").json()
        assert machine["@id"] == identifier and machine["rdfs:label"]
    assert client.get("/voc/location/area/NO-SUCH-CODE").status_code == 404
