"""The billing run's job (营帐): one ERPNext Sales Invoice per company, customer and usage month,
from the month's usage and the monthly fees of activated Business Orders.

A bill carries a unique billing key (a database constraint), so running twice, or two workers at
once, cannot bill anyone twice.
"""

from datetime import date

import frappe
from frappe import _
from frappe.utils import add_months, flt, get_first_day, getdate

from lvyue_ops.ops_calendar.ops_calendar import complete_task, due_date

USAGE_ITEM = "VOS-USAGE"
PAYMENT_DUE_DUTY = "Payment Due"
BILLS_DUTY = "Customer Bills"


def billing_key(company: str, customer: str, period) -> str:
	return f"{company}|{customer}|{getdate(period).strftime('%Y-%m')}"


def payment_due(company: str, period) -> date:
	"""Bills for a month's usage are due on the Payment Due duty of the following month."""
	month = add_months(get_first_day(period), 1)
	return due_date(PAYMENT_DUE_DUTY, month.year, month.month, company).date()


def customers_to_bill(company: str, period) -> list[str]:
	with_usage = frappe.get_all(
		"Usage Statement", filters={"company": company, "period": period}, pluck="customer", distinct=True
	)
	with_fees = frappe.get_all(
		"Business Order",
		filters={"company": company, "status": ("in", ("Activated", "Archived"))},
		pluck="customer",
		distinct=True,
	)
	return sorted(set(with_usage) | set(with_fees))


def invoice_items(company: str, customer: str, period) -> list[dict]:
	items = []
	usage = frappe.get_all(
		"Usage Statement",
		filters={"company": company, "customer": customer, "period": period},
		fields=["line_or_number", "calls", "minutes", "amount"],
		order_by="line_or_number",
	)
	month = getdate(period).strftime("%Y-%m")
	for u in usage:
		items.append(
			{
				"item_code": USAGE_ITEM,
				"qty": 1,
				"rate": u.amount,
				"description": _("VOS usage {0} {1}: {2} calls, {3} minutes").format(
					month, u.line_or_number or "", u.calls, flt(u.minutes, 2)
				),
			}
		)
	resources = frappe.db.sql(
		"""select r.item_code, r.quantity, r.monthly_fee, r.resource_numbers
		from `tabBusiness Order Resource` r join `tabBusiness Order` o on o.name = r.parent
		where o.company = %s and o.customer = %s and o.status in ('Activated', 'Archived') and r.monthly_fee > 0
		order by o.name, r.idx""",
		(company, customer),
		as_dict=True,
	)
	for r in resources:
		items.append(
			{
				"item_code": r.item_code,
				"qty": r.quantity,
				"rate": r.monthly_fee,
				"description": _("Monthly fee {0}").format(month),
			}
		)
	return items


def make_invoice(run, customer: str) -> str | None:
	"""One customer's bill; None when the customer is already billed for the month."""
	key = billing_key(run.company, customer, run.period)
	if frappe.db.exists("Sales Invoice", {"lvyue_billing_key": key}):
		return None
	items = invoice_items(run.company, customer, run.period)
	if not items:
		return None
	invoice = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"company": run.company,
			"customer": customer,
			"posting_date": run.posting_date,
			"set_posting_time": 1,
			"due_date": run.due_date,
			"selling_price_list": selling_price_list(run.company),
			"lvyue_billing_run": run.name,
			"lvyue_billing_key": key,
			"items": items,
		}
	)
	frappe.db.savepoint("billing_invoice")
	try:
		invoice.insert(ignore_permissions=True)
		invoice.submit()
	except frappe.UniqueValidationError:
		# another worker billed this customer first: the unique key is the guard
		frappe.db.rollback(save_point="billing_invoice")
		return None
	return invoice.name


def selling_price_list(company: str) -> str | None:
	"""A selling price list in the company's currency, so bills need no exchange rate."""
	currency = frappe.get_cached_value("Company", company, "default_currency")
	default = frappe.db.get_single_value("Selling Settings", "selling_price_list")
	if default and frappe.db.get_value("Price List", default, "currency") == currency:
		return default
	price_list = frappe.db.get_value("Price List", {"selling": 1, "enabled": 1, "currency": currency})
	if not price_list:
		frappe.throw(_("Please create an enabled selling Price List in {0} for the bills.").format(currency))
	return price_list


def ensure_usage_item():
	if not frappe.db.exists("Item", USAGE_ITEM):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": USAGE_ITEM,
				"item_name": _("VOS Usage"),
				"item_group": frappe.db.get_value("Item Group", {"is_group": 0})
				or frappe.db.get_value("Item Group", {}),
				"stock_uom": "Nos",
				"is_stock_item": 0,
				"include_item_in_manufacturing": 0,
			}
		).insert(ignore_permissions=True)


def execute_billing_run(run: str, commit_every: int = 1):
	"""The job: bill every customer of the month, committing as it goes."""
	doc = frappe.get_doc("Billing Run", run)
	doc.db_set({"status": "Running", "error": None, "progress": 0})
	frappe.db.commit()
	try:
		ensure_usage_item()
		customers = customers_to_bill(doc.company, doc.period)
		created = skipped = 0
		report_every = max(1, len(customers) // 100)  # at most a hundred progress updates
		for i, customer in enumerate(customers, start=1):
			if make_invoice(doc, customer):
				created += 1
			else:
				skipped += 1
			if i % report_every == 0 or i == len(customers):
				progress = 100.0 * i / len(customers)
				doc.db_set(
					{"invoices_created": created, "already_billed": skipped, "progress": progress},
					update_modified=False,
				)
				frappe.publish_progress(
					progress, title=_("Billing {0}").format(doc.name), doctype="Billing Run", docname=doc.name
				)
			if i % commit_every == 0:
				frappe.db.commit()
		doc.db_set(
			{"status": "Completed", "progress": 100, "invoices_created": created, "already_billed": skipped}
		)
		complete_task(BILLS_DUTY, doc.company, doc)
		frappe.db.commit()
	except Exception:
		frappe.db.rollback()
		doc.db_set({"status": "Failed", "error": frappe.get_traceback(with_context=False)[-1000:]})
		frappe.db.commit()
		raise
	return {"created": created, "already_billed": skipped}
