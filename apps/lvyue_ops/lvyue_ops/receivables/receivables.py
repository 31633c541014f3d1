"""Receivables (营帐) across documents: the calendar days of the receivables month, prepaid
balances with their low-balance requests, and the monthly VAT invoice applications. ERPNext's
Payment Entry, Journal Entry and Dunning do the accounting."""

import frappe
from frappe import _
from frappe.utils import flt, getdate, now_datetime

from lvyue_ops.lvyue_ops.doctype.lvyue_company_settings.lvyue_company_settings import company_setting
from lvyue_ops.ops_calendar.ops_calendar import companies_with_calendar, due_date
from lvyue_ops.permissions import require_step, step_roles
from lvyue_ops.utils.jobs import each
from lvyue_ops.utils.notify import assign_step, close_step

WRITE_OFF_DUTY = "Write-off and Payment Voucher"
VAT_DUTY = "VAT Invoice Applications"
DUNNING = "overdue_review.review"  # the step of Customer Service who ask customers to pay


def calendar_day(duty: str, company: str, day=None):
	"""The day of `duty` in the month of `day` (today by default) on the company's calendar."""
	day = getdate(day or now_datetime())
	return due_date(duty, day.year, day.month, company).date()


# --- prepaid balances ----------------------------------------------------------------------------


def prepaid_balances(company: str, customers: list[str] | None = None) -> dict[str, float]:
	"""Prepaid customers' balances: advances received (Payment Entries) less the usage recorded,
	in two grouped queries however many customers there are."""
	customer_filter = "and c.name in %(customers)s" if customers else ""
	received = frappe.db.sql(
		f"""select pe.party, sum(pe.paid_amount) from `tabPayment Entry` pe
		join `tabCustomer` c on c.name = pe.party and c.lvyue_is_prepaid = 1 {customer_filter}
		where pe.docstatus = 1 and pe.payment_type = 'Receive' and pe.party_type = 'Customer'
		and pe.company = %(company)s group by pe.party""",
		{"company": company, "customers": customers},
	)
	used = frappe.db.sql(
		f"""select u.customer, sum(u.amount) from `tabUsage Statement` u
		join `tabCustomer` c on c.name = u.customer and c.lvyue_is_prepaid = 1 {customer_filter}
		where u.company = %(company)s group by u.customer""",
		{"company": company, "customers": customers},
	)
	balances: dict[str, float] = {}
	for customer, amount in received:
		balances[customer] = flt(amount)
	for customer, amount in used:
		balances[customer] = balances.get(customer, 0) - flt(amount)
	return balances


def prepaid_balance(customer: str, company: str) -> float:
	return prepaid_balances(company, [customer]).get(customer, 0.0)


def low_balance_customers(company: str, customers: list[str] | None = None) -> list[dict]:
	"""Prepaid customers below their threshold (theirs, or the default of Settings)."""
	default = flt(company_setting(company, "low_balance_threshold"))
	filters = {"lvyue_is_prepaid": 1, "disabled": 0}
	if customers:
		filters["name"] = ("in", customers)
	balances = prepaid_balances(company, customers)
	found = []
	for c in frappe.get_all("Customer", filters=filters, fields=["name", "lvyue_low_balance_threshold"]):
		threshold = flt(c.lvyue_low_balance_threshold) or default
		balance = balances.get(c.name, 0.0)
		if balance < threshold:
			found.append({"customer": c.name, "balance": balance, "threshold": threshold})
	return found


def check_low_balances() -> list[str]:
	"""Daily: Customer Service is told whom to ask for prepayment (one open ToDo per customer).
	Reads every balance and the open requests in a few queries; asks each customer on its own."""
	asked = []
	for company in frappe.get_all("Company", pluck="name"):
		low = low_balance_customers(company)
		if not low:
			continue
		open_requests = set(
			frappe.get_all(
				"ToDo",
				filters={
					"reference_type": "Customer",
					"reference_name": ("in", [row["customer"] for row in low]),
					"status": "Open",
					"role": ("in", step_roles(DUNNING, company)),
				},
				pluck="reference_name",
			)
		)

		rows = {row["customer"]: row for row in low}

		def ask(customer, company=company, rows=rows):
			row = rows[customer]

			def message():
				return _("Low balance: {0} has {1} left (threshold {2}). Please ask for prepayment.").format(
					row["customer"], flt(row["balance"], 2), flt(row["threshold"], 2)
				)

			assign_step(DUNNING, "Customer", row["customer"], message, "High", company)
			asked.append(row["customer"])

		each([c for c in rows if c not in open_requests], ask, "low balances")
	return asked


def close_low_balance_request(customer: str, company: str):
	"""A recharge has come in: close Customer Service's request once the balance is back."""
	if not low_balance_customers(company, [customer]):
		close_step("Customer", customer, DUNNING, company)


# --- VAT invoice applications ---------------------------------------------------------------------


def make_monthly_invoice_applications(today=None) -> list[str]:
	"""Daily, from the VAT duty day on: once a month per company, an application for each customer
	needing 发票 with bills not yet applied for. A day the job did not run (a stopped scheduler, a
	failure) is caught up the next day; one customer that fails is logged and the others go on."""
	today = getdate(today or now_datetime())
	made = []
	for company in companies_with_calendar():
		marker = f"lvyue_vat_applications::{company}"
		if today < calendar_day(VAT_DUTY, company, today) or frappe.db.get_global(marker) == f"{today:%Y-%m}":
			continue
		customers = frappe.get_all(
			"Customer", filters={"lvyue_needs_vat_invoice": 1, "disabled": 0}, pluck="name"
		)

		def apply(customer, company=company):
			name = make_invoice_application(company, customer, today)
			if name:
				made.append(name)

		each(customers, apply, "VAT invoice applications")
		frappe.db.set_global(marker, f"{today:%Y-%m}")
	return made


def make_invoice_application(company: str, customer: str, today) -> str | None:
	bills = frappe.db.sql(
		"""select si.name from `tabSales Invoice` si where si.company = %s and si.customer = %s and si.docstatus = 1
		and not exists (select 1 from `tabInvoice Application Item` i where i.sales_invoice = si.name)
		order by si.posting_date""",
		(company, customer),
		pluck=True,
	)
	if not bills:
		return None
	return (
		frappe.get_doc(
			{
				"doctype": "Invoice Application",
				"company": company,
				"customer": customer,
				"application_date": today,
				"items": [{"sales_invoice": b} for b in bills],
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


# --- bad debts and transfers (坏账, 转账): proposed by Operations, posted by Finance ---------------

BAD_DEBT, TRANSFER = "Bad Debt", "Transfer"
PROPOSE_ENTRY, POST_ENTRY = "journal_entry.propose", "journal_entry.post"


@frappe.whitelist(methods=["POST"])
def propose_journal_entry(
	company: str,
	purpose: str,
	customer: str,
	amount: float,
	reason: str,
	to_customer: str | None = None,
	sales_invoice: str | None = None,
) -> str:
	"""Operations proposes writing off a customer's bad debt (坏账: to the company's Write Off
	Account) or transferring part of its receivable to another customer (转账), as a draft of
	ERPNext's Journal Entry; Finance checks and posts it (overrides/journal_entry.py)."""
	require_step(PROPOSE_ENTRY, company)
	amount, reason = flt(amount, 2), (reason or "").strip()
	if purpose not in (BAD_DEBT, TRANSFER):
		frappe.throw(_("Please choose a bad debt or a transfer."))
	if amount <= 0:
		frappe.throw(_("The amount must be greater than zero."))
	if not reason:
		frappe.throw(_("Please give the reason for the proposal."))
	receivable = frappe.get_cached_value("Company", company, "default_receivable_account")
	owed = ledger_balance(company, customer)
	if sales_invoice:
		bill = frappe.db.get_value(
			"Sales Invoice",
			sales_invoice,
			["customer", "company", "docstatus", "outstanding_amount"],
			as_dict=True,
		)
		if not bill or bill.docstatus != 1 or bill.customer != customer or bill.company != company:
			frappe.throw(_("Bill {0} is not a submitted bill of {1}.").format(sales_invoice, customer))
		owed = min(owed, flt(bill.outstanding_amount, 2))
	if amount > owed:
		frappe.throw(_("{0} owes {1}: a bad debt or a transfer cannot be more.").format(customer, owed))
	credit = {
		"account": receivable,
		"party_type": "Customer",
		"party": customer,
		"credit_in_account_currency": amount,
		**({"reference_type": "Sales Invoice", "reference_name": sales_invoice} if sales_invoice else {}),
	}
	if purpose == BAD_DEBT:
		write_off = frappe.get_cached_value("Company", company, "write_off_account")
		if not write_off:
			frappe.throw(_("Please set the Write Off Account of company {0} first.").format(company))
		cost_center = frappe.get_cached_value("Company", company, "cost_center")
		debit = {"account": write_off, "cost_center": cost_center, "debit_in_account_currency": amount}
	else:
		if not to_customer or to_customer == customer:
			frappe.throw(_("Please name the customer the receivable is transferred to."))
		debit = {
			"account": receivable,
			"party_type": "Customer",
			"party": to_customer,
			"debit_in_account_currency": amount,
		}
	entry = frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"voucher_type": "Write Off Entry" if purpose == BAD_DEBT else "Journal Entry",
			"company": company,
			"posting_date": getdate(),
			"user_remark": reason,
			"lvyue_purpose": purpose,
			"lvyue_proposed_by": frappe.session.user,
			"lvyue_proposal_reason": reason,
			"accounts": [debit, credit],
		}
	)
	entry.flags.ignore_permissions = True  # Operations proposes; it has no accounting role
	entry.flags.lvyue_proposal = True
	entry.insert()
	assign_step(
		POST_ENTRY,
		entry.doctype,
		entry.name,
		lambda: _("Post the {0} Operations proposed for {1}: {2}").format(
			_(purpose, context="Journal Entry"), customer, entry.get_formatted("total_debit")
		),
		company=company,
	)
	return entry.name


def ledger_balance(company: str, customer: str) -> float:
	"""What the customer owes the company now, by ERPNext's Payment Ledger."""
	return flt(
		frappe.db.sql(
			"""select sum(amount) from `tabPayment Ledger Entry`
			where company = %s and party_type = 'Customer' and party = %s and account_type = 'Receivable'
				and delinked = 0""",
			(company, customer),
		)[0][0],
		2,
	)
