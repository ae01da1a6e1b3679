"""The vendor's own client against the sandbox: SMSPVA's official Python SDK calls every
rental method on a fresh sandbox, and each answer must pass the SDK's own checks (a JSON
object whose `status` is the integer 1, else ApiError/ProtocolError) and match the SDK's
declared answer type (smspva.types)."""

import json
import os
import re
import subprocess
import tempfile
import urllib.request
from pathlib import Path

import pytest
from smspva import SMSPVA, ApiError, ProtocolError
from smspva import types as T

from shapes import mismatches

ROOT = Path(__file__).resolve().parents[2]
BINARY = os.environ.get("SANDBOX_BIN", str(ROOT / "target" / "debug" / "rentdesk-sandbox"))


class Sandbox:
    """A sandbox on a free loopback port with an in-memory database."""

    def __init__(self, *extra):
        self.proc = subprocess.Popen(
            [BINARY, "--db", ":memory:", "--listen", "127.0.0.1:0", "--admin",
             "--demo-sms-every", "0", "--dist", tempfile.gettempdir(), *extra],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        self.base = self.key = None
        for line in self.proc.stdout:
            if m := re.search(r"listening on (http://[0-9.:]+)", line):
                self.base = m.group(1)
            if m := re.search(r"demo API key: (\w+)", line):
                self.key = m.group(1)
            if self.base and self.key:
                break
        assert self.base and self.key, "the sandbox did not start"
        self.client = SMSPVA(self.key, rental_base_url=self.base, timeout=10)

    def admin(self, endpoint, body):
        request = urllib.request.Request(
            f"{self.base}/admin/{endpoint}", data=json.dumps(body).encode(),
            headers={"content-type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)

    def advance_days(self, days):
        self.admin("clock", {"advance_minutes": days * 24 * 60})

    def stop(self):
        self.client.close()
        self.proc.terminate()
        self.proc.wait(timeout=10)


@pytest.fixture
def sandbox():
    sb = Sandbox()
    yield sb
    sb.stop()


def conforms(answer, answer_type):
    """The SDK accepted the answer (it raised nothing); it also matches the SDK's type."""
    assert answer["status"] == 1 and type(answer["status"]) is int
    assert mismatches(answer, answer_type) == [], answer
    return answer["data"] if "data" in answer else None


def test_catalogue_calls(sandbox):
    rental = sandbox.client.rental
    countries = conforms(rental.get_countries(), T.RentalGetCountriesResponse)
    assert len(countries) == 56
    assert {"UK", "US", "RU"} <= {c["code"] for c in countries}

    defaults = conforms(rental.get_default_services(), T.RentalGetDefaultServicesResponse)
    assert defaults and all(float(s["priceForDay"]) > 0 for s in defaults)

    where = conforms(rental.get_countries_by_service(service="opt59", dtype="week", dcount=1),
                     T.RentalGetCountriesByServiceResponse)
    assert sorted(where) == ["DE", "KZ", "RU"]

    data = conforms(rental.get_data(country="US", dtype="week", dcount=2, extend="1"),
                    T.RentalGetDataResponse)
    assert data["totalAmount"] > 0 and len(data["services"]) > 100
    assert all(s["procent"] == 15 and s["procent_days"] == 30 for s in data["services"])

    providers = conforms(rental.get_data_with_providers(country="US", dtype="week", dcount=1),
                         T.RentalGetDataWithProvidersResponse)
    assert providers["allOperators"] == ["T-Mobile", "AT&T", "Verizon"]
    google = next(s for s in providers["services"] if s["service"] == "opt1")
    assert sum(google["count"].values()) == google["totalCount"]

    counts = conforms(rental.get_count(country="US"), T.RentalGetCountResponse)
    assert counts["opt1"] == google["totalCount"]
    by_operator = conforms(rental.get_count_with_providers(country="UK", dtype="week", dcount=1),
                           T.RentalGetCountWithProvidersResponse)
    assert set(by_operator["opt1"]["Amount"]) == {"EE", "O2", "Vodafone"}

    both = conforms(rental.get_multi_service_count(country="UK", services="opt20,opt29",
                                                   dtype="week", dcount=1),
                    T.RentalGetMultiServiceCountResponse)
    assert 0 < both["count"] < min(by_operator["opt20"]["Total"], by_operator["opt29"]["Total"])


def test_renting_from_an_operator_and_for_several_services(sandbox):
    rental = sandbox.client.rental
    one = conforms(rental.create(dtype="week", dcount=1, country="US", service="opt1",
                                 provider="Verizon", partner_key="partner-1"),
                   T.RentalCreateResponse)
    multi = conforms(rental.create_multi(dtype="week", dcount=1, country="UK",
                                         services="opt16,opt29,opt1"),
                     T.RentalCreateMultiResponse)
    assert multi["service"] == "opt16,opt29,opt1"
    orders = conforms(rental.get_orders(), T.RentalGetOrdersResponse)
    by_id = {o["id"]: o for o in orders}
    assert by_id[one["id"]]["provider"] == "Verizon"
    assert by_id[multi["id"]]["scode"] == "opt16,opt29,opt1"

    pnumber = multi["ccode"].lstrip("+") + multi["pnumber"]
    added = conforms(rental.add_service_to_order(id=multi["id"], service="opt2",
                                                 pnumber=pnumber, rent_days=3),
                     T.RentalAddServiceToOrderResponse)
    assert added["id"] == multi["id"] and added["service"] == "opt2"
    whole = conforms(rental.add_service_to_order(id=one["id"], service="opt2",
                                                 pnumber="1" + one["pnumber"]),
                     T.RentalAddServiceToOrderResponse)
    assert whole["until"] == int(one["until"])


def test_the_life_of_a_rental(sandbox):
    rental = sandbox.client.rental
    # Albania has 8 always-active numbers: the ninth rental is an on-request number.
    ids = [conforms(rental.create(dtype="week", dcount=1, country="AL", service="opt1"),
                    T.RentalCreateResponse)["id"] for _ in range(9)]
    queued = conforms(rental.activate(id=ids[-1]), T.RentalActivateResponse)
    assert queued == [{"id": ids[-1]}]

    sandbox.admin("sms", {"id": ids[0], "sender": "Google", "text": "G-123456"})
    sms = conforms(rental.get_sms(id=ids[0]), T.RentalGetSmsResponse)
    assert sms["SmsList"][0]["text"] == "G-123456"

    sandbox.advance_days(2)
    assert conforms(rental.prolong(id=ids[0], dtype="week", dcount=1),
                    T.RentalProlongResponse) is None
    assert conforms(rental.prolong_by_days(id=ids[1], dtype="day", dcount=3),
                    T.RentalProlongByDaysResponse) is None
    deleted = conforms(rental.delete_order(id=ids[2]), T.RentalDeleteOrderResponse)
    assert deleted == {"id": ids[2]}

    sandbox.advance_days(6)
    history = conforms(rental.get_history(skip=0, take=50), T.RentalGetHistoryResponse)
    row = next(r for r in history if r["orderId"] == ids[3])
    assert row["isAvailForRestore"] is True
    cost = conforms(rental.get_restore_cost(id=ids[3]), T.RentalGetRestoreCostResponse)
    assert cost["orderid"] == ids[3] and cost["price"] > 0
    restored = conforms(rental.restore(id=ids[3]), T.RentalRestoreResponse)
    assert restored == {"id": ids[3]}


def test_refusals_are_the_sdks_api_errors(sandbox):
    rental = sandbox.client.rental
    cases = [
        (lambda: rental.create(dtype="week", dcount=1, country="ZZ", service="opt1"),
         "Country not found"),
        (lambda: rental.create(dtype="week", dcount=1, country="US", service="opt1",
                               provider="Nobody"), "Operator not found: Nobody"),
        (lambda: rental.create_multi(dtype="week", dcount=1, country="DE",
                                     services="opt1,opt59"), "No free numbers for this service"),
        (lambda: rental.prolong_by_days(id=1, dtype="week", dcount=1),
         'dtype must be day, not "week"'),
        (lambda: rental.get_canada_paypal_days(), "Incorrect method"),
    ]
    for call, msg in cases:
        with pytest.raises(ApiError) as refused:
            call()
        assert refused.value.code == 0
        assert refused.value.response == {"status": 0, "msg": msg}
    assert conforms(rental.get_orders(), T.RentalGetOrdersResponse) == []


def test_the_older_shapes_fail_the_sdks_status_check():
    """The check is real: with --real-api-variants (status "1" as a string), the SDK
    refuses every answer, so the default shapes must be the current ones."""
    sb = Sandbox("--real-api-variants")
    try:
        with pytest.raises(ProtocolError):
            sb.client.rental.get_countries()
        with pytest.raises(ProtocolError):
            sb.client.rental.get_orders()
    finally:
        sb.stop()
