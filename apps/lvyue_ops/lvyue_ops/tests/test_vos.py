"""VOS3000 as a neighbour (issue 20): call records (话单) pulled through VOS's API from a local
server that answers as VOS is documented, and imported from VOS's CDR export in both header styles
and encodings; each CDR kept once; the month's usage made from them, with late calls billed as a
supplementary statement; unknown accounts listed, never dropped. The Business Assistant keeps the
server and pulls by hand; other roles may not.

Hand-computed: the customer's November calls are 60 s at 0.1234, 90 s at 0.5, 30 s at 1.2 and 45 s
at 0.05 — 4 calls, 225 s = 3.75 minutes, 1.8734 → 1.87 on the statement."""

import csv
import io
from datetime import date, datetime

import frappe
import pytest

from lvyue_ops import roles as R
from lvyue_ops.tests import acceptance_helpers as A
from lvyue_ops.tests.billing_helpers import attach, reviewed, vos_customer
from lvyue_ops.tests.factories import make_user
from lvyue_ops.tests.utils import as_user
from lvyue_ops.tests.vos_helpers import cdr, fake_vos
from lvyue_ops.vos import call_records
from lvyue_ops.vos import client as vos_client
from lvyue_ops.vos.client import VosClient, VosError
from lvyue_ops.vos.pull import missing_days, pull_missing, pull_range

NOV = date(2026, 11, 1)
CALLS = [  # flow, start, feeTime, fee
	("1001", "2026-11-28 09:00:00", 60, 0.1234),
	("1002", "2026-11-29 10:00:00", 90, 0.5),
	("1003", "2026-11-30 12:00:00", 30, 1.2),
	("1004", "2026-11-30 23:59:59.500", 45, 0.05),  # the month's last half second
]


@pytest.fixture(autouse=True)
def no_retry_pause(monkeypatch):
	monkeypatch.setattr(vos_client, "RETRY_PAUSE", 0)


@pytest.fixture
def world(base):
	users = A.users()
	customer, account = vos_customer()
	return frappe._dict(
		company=base.company,
		ba=users[R.BUSINESS_ASSISTANT],
		cs=make_user([R.CUSTOMER_SERVICE]),
		customer=customer,
		account=account,
		line=A.active_line(base.company, customer, "4008001001"),
	)


def vos_server(world, url, **fields):
	with as_user(world.ba):
		return frappe.get_doc(
			{
				"doctype": "VOS Server",
				"server_name": f"VOS-{frappe.generate_hash(length=6)}",
				"company": world.company,
				"base_url": url,
				"pull_from": "2026-11-28",
				"timeout": 1,
				"retries": 2,
				**fields,
			}
		).insert()


def records(server) -> list:
	return frappe.get_all(
		"VOS Call Record",
		filters={"vos_server": server.name},
		fields=["flow_no", "customer", "service_line", "usage_month", "fee", "start"],
		order_by="flow_no",
	)


def statements(world) -> list:
	return frappe.get_all(
		"Usage Statement",
		filters={"customer": world.customer, "period": NOV},
		fields=["usage_key", "line_or_number", "calls", "minutes", "amount", "sales_invoice"],
		order_by="usage_key",
	)


def days(server) -> dict:
	return {
		str(d.pull_date): d
		for d in frappe.get_all(
			"VOS Pull Day",
			filters={"vos_server": server.name},
			fields=["pull_date", "status", "cdrs", "new_cdrs", "error"],
		)
	}


def test_the_client_splits_a_range_vos_refuses_and_reads_wrapped_answers(base):
	with fake_vos() as (vos, url):
		vos.max_days, vos.wrap = 2, True
		vos.cdrs = [cdr(str(i), "acc1", f"2026-11-0{i} 08:00:00") for i in range(1, 7)]
		client = VosClient(url, timeout=2, retries=1)
		got = [
			c["flowNo"]
			for window in client.cdrs(["acc1"], datetime(2026, 11, 1), datetime(2026, 11, 7))
			for c in window
		]
		assert sorted(got) == ["1", "2", "3", "4", "5", "6"]
		spans = [(r["body"]["beginTime"], r["body"]["endTime"]) for r in vos.requests]
		assert spans[0] == ("20261101", "20261106")  # refused (-10033), then halved
		assert all(r["type"] == "application/x-www-form-urlencoded;charset=UTF-8" for r in vos.requests)


def test_vos_refusals_and_silence_are_errors_with_their_code(base):
	with fake_vos() as (vos, url):
		client = VosClient(url, timeout=1, retries=2)
		with pytest.raises(VosError) as refused:
			client.call("GetCdr", {"accounts": ["acc1"], "beginTime": "2026-11-01"})
		assert refused.value.code == -10124 and "Input parameter error" in str(refused.value)
		with pytest.raises(VosError) as missing:
			client.call("GetCdr", {"beginTime": "20261101", "endTime": "20261101"})
		assert missing.value.code == -12103
		vos.slow_days = {"20261101"}
		with pytest.raises(VosError) as silent:
			list(client.cdrs(["acc1"], datetime(2026, 11, 1), datetime(2026, 11, 2)))
		assert silent.value.code is None and len(vos.requests) == 4  # two calls above, two attempts


def test_the_daily_pull_keeps_a_failed_day_open_and_pulls_it_again(world):
	with fake_vos() as (vos, url):
		server = vos_server(world, url)
		vos.cdrs = [cdr(f, world.account, start, fee_time=t, fee=fee) for f, start, t, fee in CALLS]
		vos.cdrs.append(cdr("1005", world.account, "2026-12-01 00:00:00"))  # December's, not pulled
		vos.failing_days, vos.slow_days = {"20261129"}, {"20261130"}
		pull_missing(server.name, until=date(2026, 11, 30))
		pulled = days(server)
		assert {d: p.status for d, p in pulled.items()} == {
			"2026-11-28": "Pulled",
			"2026-11-29": "Failed",
			"2026-11-30": "Failed",
		}
		assert "500" in pulled["2026-11-29"].error and "GetCdr" in pulled["2026-11-30"].error
		assert missing_days(world.company, NOV) == [date(2026, 11, 29), date(2026, 11, 30)]

		vos.failing_days, vos.slow_days = set(), set()
		pull_missing(server.name, until=date(2026, 11, 30))
		pulled = days(server)
		assert {d: (p.status, p.cdrs) for d, p in pulled.items()} == {
			"2026-11-28": ("Pulled", 1),
			"2026-11-29": ("Pulled", 1),
			"2026-11-30": ("Pulled", 2),
		}
		assert missing_days(world.company, NOV) == []
		stored = records(server)
		assert [r.flow_no for r in stored] == ["1001", "1002", "1003", "1004"]
		assert {(r.customer, r.service_line, r.usage_month) for r in stored} == {
			(world.customer, world.line, NOV)
		}
		assert stored[-1].start == datetime(2026, 11, 30, 23, 59, 59, 500000)

		pull_range(server.name, "2026-11-28", "2026-11-30")  # an overlapping pull adds nothing
		assert len(records(server)) == 4
		assert all(p.new_cdrs == 0 for p in days(server).values())


def test_the_months_usage_comes_from_the_calls_and_late_calls_are_billed_after(world):
	with fake_vos() as (vos, url):
		server = vos_server(world, url)
		vos.cdrs = [cdr(f, world.account, start, fee_time=t, fee=fee) for f, start, t, fee in CALLS]
		pull_missing(server.name, until=date(2026, 11, 30))
		[statement] = statements(world)
		assert (statement.line_or_number, statement.calls, statement.minutes, statement.amount) == (
			"4008001001",
			4,
			3.75,
			1.87,
		)
		frappe.db.set_value(
			"Usage Statement", {"usage_key": statement.usage_key}, "sales_invoice", "ACC-SINV-TEST"
		)

		vos.cdrs.append(cdr("1006", world.account, "2026-11-29 18:00:00", fee_time=120, fee=2.0))
		pull_range(server.name, "2026-11-29", "2026-11-29")
		billed, late = statements(world)
		assert (billed.calls, billed.amount, billed.sales_invoice) == (4, 1.87, "ACC-SINV-TEST")
		assert (late.usage_key, late.calls, late.minutes, late.amount, late.sales_invoice) == (
			f"{statement.usage_key}|+1",
			1,
			2.0,
			2.0,
			None,
		)


CHINESE = (
	"流水号",
	"账户号码",
	"账户名称",
	"主叫号码",
	"被叫号码",
	"起始时间",
	"终止时间",
	"通话时长",
	"计费时长",
	"费用",
)
VOS_NAMES = (
	"flowNo",
	"account",
	"accountName",
	"callerE164",
	"calleeE164",
	"start",
	"stop",
	"holdTime",
	"feeTime",
	"fee",
)


def cdr_csv(rows, header=CHINESE, encoding="gbk") -> bytes:
	out = io.StringIO()
	writer = csv.writer(out)
	writer.writerow(header)
	writer.writerows(rows)
	return out.getvalue().encode(encoding)


def cdr_xlsx(rows, header=VOS_NAMES) -> bytes:
	from openpyxl import Workbook

	book = Workbook()
	book.active.append(list(header))
	for row in rows:
		book.active.append(list(row))
	out = io.BytesIO()
	book.save(out)
	return out.getvalue()


def cdr_import(world, server, filename, content):
	with as_user(world.ba):
		doc = frappe.get_doc(
			{
				"doctype": "Usage Import",
				"company": world.company,
				"file_format": "VOS Call Records",
				"vos_server": server.name,
			}
		).insert()
		doc.db_set("import_file", attach(doc, filename, content, "import_file"))
		doc.start_import()
	doc.reload()
	return doc


def test_cdr_files_in_both_header_styles_and_encodings_keep_each_call_once(world):
	server = vos_server(world, "http://127.0.0.1:9")

	def row(flow, account, start, fee):
		return (flow, account, "客户", "02088880001", "13800000001", start, start, 60, 60, fee)

	chinese = cdr_csv(
		[
			row("2001", world.account, "2026-11-03 09:00:00", 0.3),
			row("2002", world.account, "2026-11-04 09:00:00", 0.4),
			row("2003", "nobody01", "2026-11-05 09:00:00", 0.9),  # an account no customer has
		]
	)
	first = cdr_import(world, server, "话单.csv", chinese)
	assert (first.status, first.imported_rows, first.duplicate_rows, first.unknown_account_rows) == (
		"Imported",
		3,
		0,
		1,
	)
	assert first.total_amount == 1.6

	again = cdr_import(world, server, "话单-again.csv", chinese)
	assert (again.status, again.imported_rows, again.duplicate_rows, again.total_amount) == (
		"Imported",
		0,
		3,
		0,
	)

	vos_style = cdr_xlsx(
		[
			(
				"2002",
				world.account,
				"客户",
				"02088880001",
				"13800000001",
				"2026-11-04 09:00:00",
				"",
				60,
				60,
				0.4,
			),
			(
				"2004",
				world.account,
				"客户",
				"02088880001",
				"13800000001",
				"2026-11-06 09:00:00",
				"",
				60,
				60,
				0.5,
			),
		]
	)
	xlsx = cdr_import(world, server, "cdr.xlsx", vos_style)
	assert (xlsx.status, xlsx.imported_rows, xlsx.duplicate_rows) == ("Imported", 1, 1)
	assert [r.flow_no for r in records(server)] == ["2001", "2002", "2003", "2004"]
	[statement] = statements(world)
	assert (statement.calls, statement.amount) == (3, 1.2)

	from lvyue_ops.vos.report.vos_unknown_accounts.vos_unknown_accounts import execute

	_columns, unknown = execute({"company": world.company, "month": "2026-11-01"})
	assert [(u.account, u.calls, float(u.fee)) for u in unknown if u.account == "nobody01"] == [
		("nobody01", 1, 0.9)
	]


def test_bad_cdr_rows_are_reported_by_row_and_column_and_nothing_is_stored(world):
	server = vos_server(world, "http://127.0.0.1:9")
	good = ("3001", world.account, "客户", "1", "2", "2026-11-03 09:00:00", "", 60, 60, 0.3)
	bad_fee = ("3002", world.account, "客户", "1", "2", "2026-11-03 10:00:00", "", 60, 60, -1)
	bad_time = ("3003", world.account, "客户", "1", "2", "三号上午", "", 60, 60, 0.1)
	twice = ("3001", world.account, "客户", "1", "2", "2026-11-03 09:00:00", "", 60, 60, 0.3)
	doc = cdr_import(world, server, "bad.csv", cdr_csv([good, bad_fee, bad_time, twice], encoding="utf-8"))
	assert doc.status == "Failed" and not records(server)
	found = {(e.row_no, e.column) for e in doc.errors}
	# by the column names of VOS's client, as the person's file has them
	assert {(3, "费用"), (4, "起始时间"), (5, "流水号")} <= found, [e.as_dict() for e in doc.errors]


def test_only_the_business_assistant_keeps_the_server_and_pulls(world):
	with fake_vos() as (_vos, url):
		server = vos_server(world, url)
		with as_user(world.cs), pytest.raises(frappe.PermissionError):
			frappe.get_doc("VOS Server", server.name).pull_range("2026-11-28", "2026-11-28")
		with as_user(world.ba):
			frappe.get_doc("VOS Server", server.name).pull_range("2026-11-28", "2026-11-28")
		assert days(server)["2026-11-28"].status == "Pulled"
		with as_user(world.ba), pytest.raises(frappe.ValidationError, match="http"):
			vos_server(world, "file:///etc/passwd")


DETAIL_PASSWORD = "Vos-detail-2026"


@pytest.fixture
def billed_calls(base, committed):
	"""Two customers with November calls imported from a CDR file and billed by a billing run;
	committed (the site is served by another process) and removed after."""
	from lvyue_ops.tests.billing_helpers import bill, delete_lines
	from lvyue_ops.tests.factories import make_portal_user

	users = A.users()
	a, account_a = vos_customer()
	b, account_b = vos_customer()
	world = frappe._dict(company=base.company, ba=users[R.BUSINESS_ASSISTANT], account=account_a)
	server = vos_server(world, "http://127.0.0.1:9")
	content = cdr_csv(
		[
			(
				"5001",
				account_a,
				"甲",
				"02088880001",
				"13800000001",
				"2026-11-02 09:00:00",
				"2026-11-02 09:01:00",
				60,
				60,
				0.3,
			),
			(
				"5002",
				account_a,
				"甲",
				"02088880001",
				"13800000002",
				"2026-11-03 09:00:00",
				"2026-11-03 09:02:00",
				120,
				120,
				0.6,
			),
			(
				"5003",
				account_b,
				"乙",
				"02066660001",
				"13900000001",
				"2026-11-04 09:00:00",
				"2026-11-04 09:00:30",
				30,
				30,
				0.15,
			),
		]
	)
	assert cdr_import(world, server, "nov.csv", content).status == "Imported"
	run = frappe.get_doc({"doctype": "Billing Run", "company": base.company, "period": NOV}).insert()
	frappe.db.commit()
	bill(run)
	frappe.db.rollback()
	bills = dict(
		frappe.get_all(
			"Sales Invoice",
			filters={"customer": ("in", (a, b)), "docstatus": 1},
			fields=["customer", "name"],
			as_list=True,
		)
	)
	people = frappe._dict(
		cs=make_user([R.CUSTOMER_SERVICE], password=DETAIL_PASSWORD, user_type="System User"),
		hr=make_user([R.HR_USER], password=DETAIL_PASSWORD, user_type="System User"),
		portal_a=make_portal_user(a, password=DETAIL_PASSWORD),
		portal_b=make_portal_user(b, password=DETAIL_PASSWORD),
	)
	frappe.db.commit()
	committed += [("User", u) for u in people.values()]  # the customers stay, as their cancelled bills
	yield frappe._dict(bill_a=bills[a], bill_b=bills[b], a=a, b=b, run=run.name, **people)
	frappe.db.rollback()
	for name in bills.values():
		frappe.get_doc("Sales Invoice", name).cancel()
	for user in (people.portal_a, people.portal_b):  # their Contacts are on the cancelled bills
		for contact in frappe.get_all("Contact", filters={"user": user}, pluck="name"):
			frappe.delete_doc("Contact", contact, force=True, ignore_permissions=True)
	frappe.db.delete("Usage Statement", {"customer": ("in", (a, b))})
	frappe.db.delete("VOS Call Record", {"vos_server": server.name})
	frappe.db.delete("Usage Import", {"vos_server": server.name})
	frappe.db.delete("VOS Server", {"name": server.name})
	delete_lines((a, b))
	for task in frappe.get_all("Ops Duty Task", filters={"reference_doctype": "Billing Run"}, pluck="name"):
		frappe.db.delete("ToDo", {"reference_type": "Ops Duty Task", "reference_name": task})
		frappe.db.delete("Ops Duty Task", {"name": task})
	frappe.db.commit()


def detail(session, url, invoice, file_format="csv"):
	return session.get(
		f"{url}/api/method/lvyue_ops.vos.detail.download_calls",
		params={"invoice": invoice, "file_format": file_format},
		timeout=60,
	)


def test_the_calls_behind_a_bill_reach_its_readers_and_no_one_else(site_url, billed_calls):
	"""详单 through HTTP: Customer Service and the customer's portal user download the bill's calls
	(CSV and XLSX, Chinese headers for a zh user); another customer's portal user and a role that
	may not read bills are refused."""
	from openpyxl import load_workbook

	from lvyue_ops.tests.server import login

	w = billed_calls
	frappe.db.set_value("User", w.cs, "language", "zh")
	frappe.db.set_value("User", w.portal_a, "language", "zh")
	frappe.db.commit()
	cs = login(site_url, w.cs, DETAIL_PASSWORD)
	answer = detail(cs, site_url, w.bill_a)
	assert answer.status_code == 200, answer.text[:500]
	lines = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
	assert lines[0][:4] == ["开始时间", "结束时间", "主叫号码", "被叫号码"]
	assert [(r[0], r[3], r[6]) for r in lines[1:]] == [
		("2026-11-02 09:00:00", "13800000001", "0.3000"),
		("2026-11-03 09:00:00", "13800000002", "0.6000"),
	]
	portal_a = login(site_url, w.portal_a, DETAIL_PASSWORD)
	if frappe.db.get_value("Billing Run", w.run, "review_status") != "Reviewed":
		# the customer gets its bill's calls once the Business Assistant has reviewed the run
		assert detail(portal_a, site_url, w.bill_a, "xlsx").status_code == 403
		reviewed(frappe.get_doc("Billing Run", w.run))
		frappe.db.commit()
	book = detail(portal_a, site_url, w.bill_a, "xlsx")
	assert book.status_code == 200
	sheet = load_workbook(io.BytesIO(book.content), read_only=True).active
	rows = list(sheet.iter_rows(values_only=True))
	assert rows[0][0] == "开始时间" and len(rows) == 3 and rows[2][6] == 0.6

	assert detail(portal_a, site_url, w.bill_b).status_code == 403  # another customer's bill
	assert detail(login(site_url, w.portal_b, DETAIL_PASSWORD), site_url, w.bill_a).status_code == 403
	assert detail(login(site_url, w.hr, DETAIL_PASSWORD), site_url, w.bill_a).status_code == 403


def test_numbers_vos_routes_are_checked_against_the_register(world):
	"""A number VOS holds that no line has, and a line in service VOS does not know: both listed."""
	from lvyue_ops.vos.report.vos_number_check.vos_number_check import execute

	A.active_line(world.company, world.customer, "4008002002")  # in service, unknown to VOS
	with fake_vos() as (vos, url):
		server = vos_server(world, url)
		vos.phones = [
			{"e164": "4008001001", "account": world.account},  # the register's line
			{"e164": "4008009999", "account": world.account},  # nobody bills it
		]
		with as_user(world.ba):
			_columns, rows = execute({"vos_server": server.name})
	found = {(r["number"], r["finding"]) for r in rows if r["number"].startswith("400800")}
	assert found == {("4008009999", "In VOS, Not in the Register"), ("4008002002", "In Service, Not in VOS")}


def test_call_records_of_months_past_the_retention_are_dropped(world):
	from lvyue_ops.tests.utils import frozen_time
	from lvyue_ops.vos.pull import drop_old_call_records

	server = vos_server(world, "http://127.0.0.1:9")
	content = cdr_csv(
		[
			("6001", world.account, "客户", "1", "2", "2026-05-31 23:59:59", "", 60, 60, 0.1),
			("6002", world.account, "客户", "1", "2", "2026-06-01 00:00:00", "", 60, 60, 0.1),
		]
	)
	assert cdr_import(world, server, "old.csv", content).status == "Imported"
	with frozen_time("2026-12-03 02:00"):
		drop_old_call_records()  # six months kept by default: June to November, and December
	assert [r.flow_no for r in records(server)] == ["6002"]


@pytest.mark.parametrize("vos_fee,listed", [(90.0, True), (99.5, False)])
def test_a_usage_file_that_disagrees_with_the_call_records_is_a_bill_review_anomaly(world, vos_fee, listed):
	"""The month's totals file says 100.00; VOS's calls add up to 90.00 (listed) or 99.50 (within
	the 1 % tolerance)."""
	from lvyue_ops.billing.bill_review import FILE_VS_CALLS, find_anomalies
	from lvyue_ops.billing.billing import ShardBiller, ensure_usage_item
	from lvyue_ops.tests.billing_helpers import csv_bytes, import_usage, usage_import

	totals = csv_bytes([(world.account, "2026-11", 2, 3, 100, "4008001001")])
	assert import_usage(usage_import(world.company, "totals.csv", totals))
	server = vos_server(world, "http://127.0.0.1:9")
	calls = cdr_csv(
		[
			("7001", world.account, "客户", "1", "2", "2026-11-03 09:00:00", "", 60, 60, vos_fee - 10),
			("7002", world.account, "客户", "1", "2", "2026-11-04 09:00:00", "", 120, 120, 10),
		]
	)
	assert cdr_import(world, server, "calls.csv", calls).status == "Imported"
	assert [(s.calls, s.amount) for s in statements(world)] == [(2, 100)]  # the file's, not twice
	ensure_usage_item()
	run = frappe.get_doc({"doctype": "Billing Run", "company": world.company, "period": NOV}).insert()
	ShardBiller(run, [world.customer], reserve_names_at_once=False).bill(world.customer, commit=False)
	found = [row["detail"] for row in find_anomalies(run) if row["kind"] == FILE_VS_CALLS]
	assert found == (
		[f"The usage file says 100.0; VOS's call records of the month add up to {vos_fee}."] if listed else []
	)


def test_calls_of_a_line_passed_to_another_customer_go_to_each_by_the_day(world):
	"""过户 on Nov 16: the line's calls of Nov 10 are the old customer's, those of Nov 20 the new
	one's, each on a statement of its own."""
	from lvyue_ops.tests.factories import make_customer

	old = frappe.get_doc("Service Line", world.line)
	old.flags.register_action = True
	old.record("Transferred Out", "2026-11-16", status="Dismantled")
	old.save()
	new_customer = make_customer()
	new = frappe.get_doc(
		"Service Line", A.active_line(world.company, new_customer, "4008001001", since="2026-11-16")
	)
	new.db_set("vos_account", world.account)
	server = vos_server(world, "http://127.0.0.1:9")
	calls = cdr_csv(
		[
			("8001", world.account, "客户", "1", "2", "2026-11-10 09:00:00", "", 60, 60, 1.0),
			("8002", world.account, "客户", "1", "2", "2026-11-20 09:00:00", "", 120, 120, 2.0),
		]
	)
	assert cdr_import(world, server, "transfer.csv", calls).status == "Imported"
	assert {(r.flow_no, r.customer, r.service_line) for r in records(server)} == {
		("8001", world.customer, old.name),
		("8002", new_customer, new.name),
	}
	made = frappe.get_all(
		"Usage Statement",
		filters={"vos_account": world.account, "period": NOV},
		fields=["customer", "calls", "amount"],
	)
	assert sorted((s.customer == world.customer, s.calls, s.amount) for s in made) == [
		(False, 1, 2.0),
		(True, 1, 1.0),
	]


STORED = list(call_records.FIELDS[1:])  # all but the key


def test_a_batch_stored_as_columns_or_rows_by_file_or_statement_is_stored_the_same(world):
	"""The store's four ways (a batch checked as columns or row by row; written as a file, `load
	data local infile`, or as an `insert`) store the same: the customer and line by the day where
	the account has two lines (过户 on Nov 16, the new customer's name with a quote), an unknown
	account, the month's last half second, empty numbers, a negative end reason; the totals agree,
	and the same batch again adds nothing. A text to neutralise leaves the batch to the row-by-row
	way; a backslash and a tab in a name go through a file whole."""
	from lvyue_ops.tests.factories import make_customer
	from lvyue_ops.vos.cdrs import CdrReader, from_api
	from lvyue_ops.vos.pull import api_columns

	old = frappe.get_doc("Service Line", world.line)
	old.flags.register_action = True
	old.record("Transferred Out", "2026-11-16", status="Dismantled")
	old.save()
	new_customer = make_customer(f"O'Neil {frappe.generate_hash(length=4)}")
	new = A.active_line(world.company, new_customer, "4008001001", since="2026-11-16")
	frappe.db.set_value("Service Line", new, "vos_account", world.account)
	cdrs = [
		cdr("9001", world.account, "2026-11-10 09:00:00", fee_time=60, fee=0.1234),
		cdr("9002", world.account, "2026-11-20 09:00:00", fee_time=90, fee=1.2),
		cdr("9003", world.account, "2026-11-30 23:59:59.500", fee_time=45, fee=0.05, access=""),
		cdr("9004", world.account, "2026-12-01 00:00:00", fee_time=30, fee=2),
		cdr("9005", "nobody02", "2026-11-11 11:11:11.250", fee_time=0, fee=0, endReason=-1234),
	]

	def store(as_columns: bool, files: bool, batch: list[dict]):
		server = vos_server(world, "http://127.0.0.1:9")
		reader = CdrReader(world.company, server.name, "test", files=files)
		if as_columns:
			columns = reader.columns(api_columns(batch), len(batch))
			assert columns is not None
			reader.send_columns(columns, len(batch))
		else:
			reader.learn_raws([from_api(c) for c in batch])
			rows = [reader.row(from_api(c)) for c in batch]
			assert all(not errors for _row, errors in rows)
			reader.send_rows([row for row, _errors in rows])
		totals = reader.totals()  # the connection is the store's until then
		stored = frappe.get_all(
			"VOS Call Record",
			filters={"vos_server": server.name},
			fields=STORED,
			order_by="flow_no",
			as_list=1,
		)
		return server, totals, stored

	ways = {(c, f): store(c, f, cdrs) for c in (True, False) for f in (True, False)}
	server, totals, stored = ways[(True, True)]
	assert totals == (5, 0, 3.3734, 1, {NOV, date(2026, 12, 1)})
	for way, (_server, way_totals, way_stored) in ways.items():
		assert (way_totals, way_stored) == (totals, stored), way
	by_flow = {row[0]: dict(zip(STORED, row, strict=True)) for row in stored}
	assert (by_flow["9001"]["customer"], by_flow["9001"]["service_line"]) == (world.customer, world.line)
	assert (by_flow["9002"]["customer"], by_flow["9002"]["service_line"]) == (new_customer, new)
	assert by_flow["9003"]["start"] == datetime(2026, 11, 30, 23, 59, 59, 500000)
	assert (by_flow["9003"]["usage_month"], by_flow["9004"]["usage_month"]) == (NOV, date(2026, 12, 1))
	assert (by_flow["9003"]["callee_access_e164"], by_flow["9005"]["customer"]) == (None, None)
	assert by_flow["9005"]["end_reason"] == -1234

	for files in (True, False):
		again = CdrReader(world.company, server.name, "again", files=files)
		again.send_columns(again.columns(api_columns(cdrs), len(cdrs)), len(cdrs))
		assert again.totals() == (0, 5, 0.0, 0, {NOV, date(2026, 12, 1)})

	reader = CdrReader(world.company, server.name, "test")
	formula = [cdr("9006", world.account, "2026-11-12 09:00:00", caller="=1+1")]
	assert reader.columns(api_columns(formula), 1) is None
	assert reader.row(from_api(formula[0]))[0][call_records.COLUMN["caller_e164"]] == "'=1+1"
	for field, value in (
		("accountName", "名\n称"),
		("feeTime", "6\n0"),
		("fee", "0.12345"),
		("account", None),
	):
		plain = cdr("9008", world.account, "2026-11-12 09:00:00")
		assert reader.columns(api_columns([plain]), 1) is not None
		assert reader.columns(api_columns([{**plain, field: value}]), 1) is None, field
	odd = [cdr("9007", world.account, "2026-11-12 09:00:00", accountName="名\\称\t二")]
	assert reader.columns(api_columns(odd), 1) is None
	for files in (True, False):
		_server, _totals, [row] = store(False, files, odd)
		assert row[STORED.index("account_name")] == "名\\称\t二"
