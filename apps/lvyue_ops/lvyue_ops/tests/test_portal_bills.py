"""Bills reach customers only once reviewed (issue 22), through real HTTP as the customer's portal
user: 我的账单 lists a bill of a billing run once the Business Assistant has reviewed the run, and
neither its page, its PDF nor its calls open before; another customer's bill never opens. The
portal's menu is a telecom customer's."""

import frappe
import pytest

from lvyue_ops.tests import test_security
from lvyue_ops.tests.test_receivables import make_bill
from lvyue_ops.tests.test_security import refused, session

world = test_security.world  # its users of each role and two customers with their portal users

PDF = "/api/method/frappe.utils.print_format.download_pdf"
CALLS = "/api/method/lvyue_ops.vos.detail.download_calls"


def run_of(company: str, period: str, review_status: str) -> str:
	run = frappe.get_doc({"doctype": "Billing Run", "company": company, "period": period}).insert()
	run.db_set({"status": "Completed", "review_status": review_status})
	return run.name


def bill_of(world, customer: str, run: str, posting: str) -> str:
	bill = make_bill(world.company, customer, 300, due=posting, posting=posting)
	bill.db_set("lvyue_billing_run", run)
	return bill.name


@pytest.fixture
def bills(world, committed):
	"""A's bill of a run still under review and of a reviewed run; B's bill of the reviewed run."""
	waiting = run_of(world.company, "2026-01-01", "Pending Review")
	reviewed = run_of(world.company, "2026-02-01", "Reviewed")
	made = frappe._dict(
		pending=bill_of(world, world.a, waiting, "2026-02-09"),
		done=bill_of(world, world.a, reviewed, "2026-03-09"),
		other=bill_of(world, world.b, reviewed, "2026-03-09"),
	)
	committed += [("Billing Run", waiting), ("Billing Run", reviewed)]
	frappe.db.commit()
	yield made
	frappe.db.rollback()
	for name in made.values():  # cancelled, so the company's receivables are as before
		frappe.get_doc("Sales Invoice", name).cancel()
	frappe.db.commit()


def test_a_bill_reaches_the_portal_only_once_its_run_is_reviewed(world, bills):
	s = session(world, world.portal_a)
	page = s.get(f"{world.url}/bills", timeout=60)
	assert page.status_code == 200
	assert bills.done in page.text
	assert bills.pending not in page.text and bills.other not in page.text
	assert "我的账单" in page.text

	for name in (bills.pending, bills.other):  # not reviewed yet; another customer's
		assert refused(s.get(f"{world.url}/invoices/{name}", timeout=60)), name
		response = s.get(
			world.url + PDF,
			params={"doctype": "Sales Invoice", "name": name, "format": "Lvyue Bill"},
			timeout=120,
		)
		assert refused(response), name
		assert refused(s.get(world.url + CALLS, params={"invoice": name}, timeout=60)), name

	# ERPNext's own list of invoices is 我的账单
	listed = s.get(f"{world.url}/invoices", timeout=60, allow_redirects=False)
	assert listed.status_code in (301, 302) and listed.headers["Location"].endswith("/bills")

	shown = s.get(f"{world.url}/invoices/{bills.done}", timeout=60)
	assert shown.status_code == 200 and bills.done in shown.text
	pdf = s.get(
		world.url + PDF,
		params={"doctype": "Sales Invoice", "name": bills.done, "format": "Lvyue Bill"},
		timeout=120,
	)
	assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_portal_menu_is_a_telecom_customers(world):
	s = session(world, world.portal_a)
	page = s.get(f"{world.url}/bills", timeout=60).text
	for route in ("/bills", "/usage", "/lines", "/qualification", "/issues"):
		assert f'href="{route}"' in page, route
	for route in ("/project", "/quotations", "/orders", "/shipments", "/timesheets", "/newsletters"):
		assert f'href="{route}"' not in page, route


def test_the_usage_trend_shows_the_customers_own_months(world, committed):
	from frappe.utils import add_months, get_first_day, nowdate

	month = get_first_day(add_months(nowdate(), -1))
	for customer, amount in ((world.a, 4321.5), (world.b, 8765.25)):
		statement = frappe.get_doc(
			{
				"doctype": "Usage Statement",
				"company": world.company,
				"customer": customer,
				"vos_account": f"trend-{customer[-8:]}",
				"period": month,
				"calls": 1200,
				"minutes": 3456,
				"amount": amount,
			}
		).insert(ignore_permissions=True)
		committed.append(("Usage Statement", statement.name))
	frappe.db.commit()
	page = session(world, world.portal_a).get(f"{world.url}/usage", timeout=60)
	assert page.status_code == 200 and "用量趋势" in page.text
	assert "4,321.50" in page.text and "8,765.25" not in page.text
	assert f'data-month="{month.strftime("%Y-%m")}"' in page.text
