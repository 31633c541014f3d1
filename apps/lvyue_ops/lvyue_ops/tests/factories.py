"""Test data factories. Tests build their own data; nothing here uses ERPNext's _Test records."""

from datetime import date

import frappe
from frappe.utils.nestedset import get_root_of

from lvyue_ops.setup import base_records
from lvyue_ops.setup.base_records import make_company, make_fiscal_year
from lvyue_ops.utils.holiday_calendar import make_holiday_list

TEST_COMPANY = "履约测试有限公司"
TEST_COMPANY_ABBR = "LVT"
TEST_CARRIERS = "LV 测试运营商"  # the supplier group whose purchases need a certified supplier
TEST_HOLIDAY_LIST = "LV Test 中国节假日"

# The test company's calendar, spelled out here so tests read against it: multi-day holidays
# (元旦, 春节, 劳动节, 国庆) and the 调休 working weekends around them.
TEST_HOLIDAYS = [
	(date(2026, 1, 1), date(2026, 1, 3), "元旦"),
	(date(2026, 2, 15), date(2026, 2, 23), "春节"),
	(date(2026, 5, 1), date(2026, 5, 5), "劳动节"),
	(date(2026, 10, 1), date(2026, 10, 7), "国庆节"),
]
TEST_WORKING_WEEKENDS = [
	date(2026, 1, 4),
	date(2026, 2, 14),
	date(2026, 2, 28),
	date(2026, 5, 9),
	date(2026, 9, 20),
	date(2026, 10, 10),
]


def ensure_erpnext_base():
	"""ERPNext's root records (groups, territories, UOMs, warehouse types…) that its setup wizard
	would create. Installed once per site, committed."""
	if not (get_root_of("Customer Group") and frappe.db.exists("Warehouse Type", "Transit")):
		from erpnext.setup.setup_wizard.operations.install_fixtures import install

		install(country="China")
	if frappe.db.get_default("currency") != "CNY":  # as the setup wizard leaves a Chinese site
		frappe.db.set_default("currency", "CNY")
		frappe.db.set_single_value("Global Defaults", "default_currency", "CNY")
	for name, selling in (("Standard Selling", 1), ("Standard Buying", 0)):
		if not frappe.db.exists("Price List", name):
			frappe.get_doc(
				{
					"doctype": "Price List",
					"price_list_name": name,
					"currency": "CNY",
					"selling": selling,
					"buying": 1 - selling,
					"enabled": 1,
				}
			).insert()
		frappe.db.set_value("Price List", name, "currency", "CNY")
	if not frappe.db.get_single_value("Selling Settings", "selling_price_list"):
		frappe.db.set_single_value("Selling Settings", "selling_price_list", "Standard Selling")
	if not frappe.is_setup_complete():  # else desk sends every user to the setup wizard
		frappe.db.set_value(
			"Installed Application", {"app_name": ("in", ("frappe", "erpnext"))}, "is_setup_complete", 1
		)
	frappe.db.commit()


TEST_OUTBOX = "LV Test Outbox"


def ensure_outbox():
	"""A default outgoing Email Account, as every site that sends mail has: frappe's notification
	mails need a sender (the test site mutes mail, so nothing leaves the queue)."""
	if not frappe.db.exists("Email Account", TEST_OUTBOX):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": TEST_OUTBOX,
				"email_id": "billing@lvyue.example",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "127.0.0.1",
				"smtp_port": 2525,
				"no_smtp_authentication": 1,
			}
		).insert()


def ensure_company_settings(company: str) -> None:
	"""The test company buys from carriers only through certified suppliers (its Lvyue Company
	Settings), as the demo company does; test suppliers are carriers unless a test says not."""
	if not frappe.db.exists("Supplier Group", TEST_CARRIERS):
		frappe.get_doc(
			{
				"doctype": "Supplier Group",
				"supplier_group_name": TEST_CARRIERS,
				"parent_supplier_group": get_root_of("Supplier Group"),
			}
		).insert()
	settings = (
		frappe.get_doc("Lvyue Company Settings", company)
		if frappe.db.exists("Lvyue Company Settings", company)
		else frappe.get_doc({"doctype": "Lvyue Company Settings", "company": company})
	)
	if [row.supplier_group for row in settings.certified_supplier_groups] != [
		TEST_CARRIERS
	] or settings.certified_item_groups:
		settings.set("certified_supplier_groups", [{"supplier_group": TEST_CARRIERS}])
		settings.set("certified_item_groups", [])
		settings.save()


def ensure_optional_columns():
	"""frappe adds a table's `_assign`, `_comments` … columns on first use, and that DDL commits the
	transaction: a test would leak its rows. They are made once, up front."""
	from frappe.database.schema import add_column
	from frappe.model import optional_fields

	app_doctypes = frappe.get_all(
		"DocType",
		filters={"module": ("in", frappe.get_module_list("lvyue_ops")), "issingle": 0, "istable": 0},
		pluck="name",
	)
	for doctype in {
		*app_doctypes,
		"Customer",
		"Supplier",
		"Issue",
		"Contract",
		"Sales Invoice",
		"Purchase Order",
	}:
		for column in optional_fields:
			if not frappe.db.has_column(doctype, column):
				add_column(doctype, column, "Text")


def ensure_base() -> frappe._dict:
	ensure_erpnext_base()
	ensure_optional_columns()
	ensure_outbox()
	return ensure_test_company()


def ensure_test_company() -> frappe._dict:
	"""The test company on the test calendar (its holidays and 调休 weekends), its fiscal years and
	settings; the benchmarks' base too."""
	holiday_list = make_holiday_list(
		TEST_HOLIDAY_LIST, date(2026, 1, 1), date(2027, 12, 31), TEST_HOLIDAYS, TEST_WORKING_WEEKENDS
	)
	company = make_company(TEST_COMPANY, TEST_COMPANY_ABBR, holiday_list.name)
	for year in (2026, 2027):
		make_fiscal_year(year)
	ensure_company_settings(company)
	base_records.make_payment_terms(CERTIFICATION_ITEMS["payment_terms"])
	frappe.db.commit()
	return frappe._dict(company=company, holiday_list=holiday_list.name)


# A second company of the same site on a calendar of its own: 国庆 is three days and there are no
# 调休 weekends; it has no Lvyue Company Settings (it chose none of the app's company rules).
SECOND_COMPANY = "履约二公司"
SECOND_COMPANY_ABBR = "LV2"
SECOND_HOLIDAY_LIST = "LV Test 二公司日历"
SECOND_HOLIDAYS = [
	(date(2026, 1, 1), date(2026, 1, 1), "元旦"),
	(date(2026, 2, 16), date(2026, 2, 18), "春节"),
	(date(2026, 10, 1), date(2026, 10, 3), "国庆节"),
]


def second_company() -> frappe._dict:
	"""The second company (committed once), for the tests of several companies on one site."""
	holiday_list = make_holiday_list(
		SECOND_HOLIDAY_LIST, date(2026, 1, 1), date(2027, 12, 31), SECOND_HOLIDAYS
	)
	company = make_company(SECOND_COMPANY, SECOND_COMPANY_ABBR, holiday_list.name)
	frappe.db.commit()
	return frappe._dict(company=company, holiday_list=holiday_list.name)


def unique(prefix: str) -> str:
	return f"{prefix} {frappe.generate_hash(length=8)}"


def make_customer(name: str | None = None, **fields) -> str:
	return base_records.make_customer(name or unique("测试客户"), **fields)


def make_supplier(name: str | None = None, **fields) -> str:
	"""A carrier (the test company certifies its carriers) unless `supplier_group` says otherwise."""
	return base_records.make_supplier(
		name or unique("测试供应商"), **{"supplier_group": TEST_CARRIERS, **fields}
	)


# what a phone revisit records (运营部管理规定 第四章 第四条 4-1)
PHONE_REVISIT = {
	"product_use": "线路使用正常",
	"work_efficiency": "开通及时",
	"service_attitude": "满意",
	"customer_opinion": "无",
}

# the five items a supplier is certified on (运营部管理规定 第三条 3-1); the terms: payment_terms()
CERTIFICATION_ITEMS = {
	"company_profile": "基础电信运营商",
	"price_system": "月租加分钟计费",
	"product_types": "中继线",
	"lead_time_days": 7,
	"payment_terms": "月结30天",
}


def make_user(roles=(), email: str | None = None, **fields) -> str:
	email = email or f"{frappe.generate_hash(length=10)}@test.lvyue.cn"
	return base_records.make_user(email, fields.pop("first_name", email.split("@")[0]), roles, **fields)


def make_portal_user(customer: str, email: str | None = None, password: str | None = None) -> str:
	email = email or f"{frappe.generate_hash(length=10)}@portal.lvyue.cn"
	return base_records.make_portal_user(customer, email, password)


# Small valid files of each accepted type.
def _minimal_pdf() -> bytes:
	objects = [
		b"<< /Type /Catalog /Pages 2 0 R >>",
		b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
	]
	out, offsets = b"%PDF-1.4\n", []
	for number, body in enumerate(objects, 1):
		offsets.append(len(out))
		out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
	xref = len(out)
	out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
	out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
	out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
	return out


PDF = _minimal_pdf()


def _image(fmt: str) -> bytes:
	from io import BytesIO

	from PIL import Image

	buffer = BytesIO()
	Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format=fmt)
	return buffer.getvalue()


PNG = _image("PNG")
JPG = _image("JPEG")


def unique_pdf() -> bytes:
	"""A valid PDF with its own content (frappe reuses the file of identical content)."""
	return PDF + b"%" + frappe.generate_hash(length=12).encode() + b"\n"


def attach_url(name: str = "doc.pdf", content: bytes | None = None) -> str:
	"""A private File (not attached to anything), for Attach fields in tests."""
	content = content or unique_pdf()
	return (
		frappe.get_doc({"doctype": "File", "file_name": name, "content": content, "is_private": 1})
		.insert(ignore_permissions=True)
		.file_url
	)
