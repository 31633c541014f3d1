"""Receivables (营帐) after billing: receipts, prepaid balances, the overdue review and dunning,
VAT invoice applications and write-off requests. ERPNext's Payment Entry, Journal Entry and
Dunning do the accounting; these functions decide what to post and when."""

import frappe
from frappe import _
from frappe.utils import flt, get_first_day, getdate, now_datetime

from lvyue_ops import roles as R
from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.lvyue_ops.notify import assign, close_assignments, users_with_role
from lvyue_ops.lvyue_ops.ops_calendar import complete_task, due_date

LATEST_PAYMENT_DUTY = "Latest Payment"
WRITE_OFF_DUTY = "Write-off and Payment Voucher"
VAT_DUTY = "VAT Invoice Applications"
# Finance's own steps; not Accounts User, which a Business Assistant who posts receipts also holds
FINANCE_ROLES = (R.FINANCE_SUPERVISOR, R.ACCOUNTS_MANAGER, "System Manager")


def _require_role(roles, message):
	if not set(roles) & set(frappe.get_roles()):
		frappe.throw(message, frappe.PermissionError)


def calendar_day(duty: str, company: str, day=None):
	day = getdate(day or now_datetime())
	return due_date(duty, day.year, day.month, company).date()


# --- receipts -----------------------------------------------------------------------------------

# 保证金 and 押金 are owed back to the customer
LIABILITY_SETTING = {"Margin Deposit": "margin_account", "Refundable Deposit": "deposit_account"}


def confirm_receipt(receipt):
	"""Customer Service confirms who paid and what the money is for."""
	_require_role((R.CUSTOMER_SERVICE, "System Manager"), _("Only Customer Service confirms a receipt."))
	if receipt.status != "Unidentified":
		frappe.throw(_("Only an unidentified receipt can be confirmed."))
	if not receipt.customer or receipt.receipt_type == "Unknown":
		frappe.throw(_("Please select the customer and the receipt type before confirming."))
	receipt.status = "Confirmed"
	receipt.confirmed_by = frappe.session.user
	receipt.flags.status_change_allowed = True
	receipt.save()


def post_receipt(receipt):
	"""The Business Assistant posts a confirmed receipt as the right accounting document."""
	_require_role((R.BUSINESS_ASSISTANT, "System Manager"), _("Only the Business Assistant posts a receipt."))
	_require_role(
		(R.ACCOUNTS_USER, R.ACCOUNTS_MANAGER, "System Manager"),
		_("Posting a receipt makes an accounting entry: the Business Assistant needs the Accounts User role too."),
	)
	if receipt.status != "Confirmed":
		frappe.throw(_("A receipt is posted after Customer Service has confirmed it."))
	if receipt.receipt_type in LIABILITY_SETTING:
		receipt.journal_entry = post_liability(receipt)
	else:
		receipt.payment_entry = post_payment(receipt)
	receipt.status = "Posted"
	receipt.flags.status_change_allowed = True
	receipt.save()


def receipts_account(company: str) -> str:
	account = frappe.get_cached_value("Company", company, "default_bank_account") or frappe.get_cached_value(
		"Company", company, "default_cash_account"
	)
	if not account:
		frappe.throw(_("Please set a default bank or cash account on company {0}.").format(company))
	return account


def post_payment(receipt) -> str:
	"""Prepayment: an unallocated advance. Receivable: allocated to the oldest open bills."""
	from erpnext.accounts.party import get_party_account

	entry = frappe.get_doc(
		{
			"doctype": "Payment Entry",
			"payment_type": "Receive",
			"company": receipt.company,
			"posting_date": receipt.received_on,
			"party_type": "Customer",
			"party": receipt.customer,
			"paid_from": get_party_account("Customer", receipt.customer, receipt.company),
			"paid_to": receipts_account(receipt.company),
			"paid_amount": receipt.amount,
			"received_amount": receipt.amount,
			"source_exchange_rate": 1,
			"target_exchange_rate": 1,
			"reference_no": receipt.bank_reference or receipt.name,
			"reference_date": receipt.received_on,
			"remarks": _("{0} from {1} ({2})").format(_(receipt.receipt_type), receipt.payer_name or receipt.customer, receipt.name),
		}
	)
	if receipt.receipt_type == "Receivable":
		left = flt(receipt.amount)
		for invoice in frappe.get_all(
			"Sales Invoice",
			filters={"customer": receipt.customer, "company": receipt.company, "docstatus": 1, "outstanding_amount": (">", 0)},
			fields=["name", "outstanding_amount", "grand_total", "due_date"],
			order_by="due_date asc, posting_date asc",
		):
			if left <= 0:
				break
			allocated = min(left, flt(invoice.outstanding_amount))
			entry.append(
				"references",
				{
					"reference_doctype": "Sales Invoice",
					"reference_name": invoice.name,
					"total_amount": invoice.grand_total,
					"outstanding_amount": invoice.outstanding_amount,
					"allocated_amount": allocated,
					"due_date": invoice.due_date,
				},
			)
			left -= allocated
	entry.setup_party_account_field()
	entry.set_missing_values()
	entry.set_amounts()
	entry.insert(ignore_permissions=True)
	entry.submit()
	return entry.name


def post_liability(receipt) -> str:
	"""Margin (保证金) and deposit (押金) are owed back to the customer: a liability, not income."""
	fieldname = LIABILITY_SETTING[receipt.receipt_type]
	account = get_setting(fieldname)
	if not account:
		frappe.throw(_("Please set the {0} account in Lvyue Ops Settings.").format(_(receipt.receipt_type)))
	if frappe.get_cached_value("Account", account, "company") != receipt.company:
		frappe.throw(_("Account {0} does not belong to company {1}.").format(account, receipt.company))
	entry = frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"voucher_type": "Bank Entry",
			"company": receipt.company,
			"posting_date": receipt.received_on,
			"cheque_no": receipt.bank_reference or receipt.name,
			"cheque_date": receipt.received_on,
			"user_remark": _("{0} from {1} ({2})").format(_(receipt.receipt_type), receipt.customer, receipt.name),
			"accounts": [
				{"account": receipts_account(receipt.company), "debit_in_account_currency": receipt.amount},
				{"account": account, "credit_in_account_currency": receipt.amount},
			],
		}
	)
	entry.insert(ignore_permissions=True)
	entry.submit()
	return entry.name


# --- prepaid balances ----------------------------------------------------------------------------


def prepaid_balance(customer: str, company: str) -> float:
	"""Advances received (Payment Entries) less the usage recorded for the customer."""
	received = frappe.db.sql(
		"""select coalesce(sum(paid_amount), 0) from `tabPayment Entry`
		where docstatus = 1 and payment_type = 'Receive' and party_type = 'Customer' and party = %s and company = %s""",
		(customer, company),
	)[0][0]
	used = frappe.db.sql(
		"select coalesce(sum(amount), 0) from `tabUsage Statement` where customer = %s and company = %s", (customer, company)
	)[0][0]
	return flt(received) - flt(used)


def low_balance_customers(company: str) -> list[dict]:
	default = flt(get_setting("low_balance_threshold"))
	found = []
	for c in frappe.get_all("Customer", filters={"is_prepaid": 1, "disabled": 0}, fields=["name", "low_balance_threshold"]):
		threshold = flt(c.low_balance_threshold) or default
		balance = prepaid_balance(c.name, company)
		if balance < threshold:
			found.append({"customer": c.name, "balance": balance, "threshold": threshold})
	return found


def check_low_balances() -> list[str]:
	"""Daily: Customer Service is told whom to ask for prepayment (one open ToDo per customer)."""
	users = users_with_role(R.CUSTOMER_SERVICE)
	asked = []
	for company in frappe.get_all("Company", pluck="name"):
		for row in low_balance_customers(company):
			if frappe.db.exists("ToDo", {"reference_type": "Customer", "reference_name": row["customer"], "status": "Open", "role": R.CUSTOMER_SERVICE}):
				continue
			message = _("Low balance: {0} has {1} left (threshold {2}). Please ask for prepayment.").format(
				row["customer"], flt(row["balance"], 2), flt(row["threshold"], 2)
			)
			assign(users, "Customer", row["customer"], message, "High", R.CUSTOMER_SERVICE)
			asked.append(row["customer"])
	return asked


def on_payment_entry_submit(entry, method=None):
	"""A recharge confirmed by Finance: close the low-balance request once the balance is back."""
	if entry.party_type != "Customer" or entry.payment_type != "Receive":
		return
	if not frappe.db.get_value("Customer", entry.party, "is_prepaid"):
		return
	if not any(r["customer"] == entry.party for r in low_balance_customers(entry.company)):
		close_assignments("Customer", entry.party, role=R.CUSTOMER_SERVICE)


# --- overdue review and dunning -------------------------------------------------------------------

REVIEW_ROLES = (R.CUSTOMER_SERVICE, "System Manager")


def fetch_overdue(review):
	"""Fill the review with every bill still unpaid after its due date."""
	known = {row.sales_invoice for row in review.items}
	for invoice in frappe.get_all(
		"Sales Invoice",
		filters={"company": review.company, "docstatus": 1, "outstanding_amount": (">", 0), "due_date": ("<", review.as_of)},
		fields=["name", "customer", "due_date", "outstanding_amount"],
		order_by="customer, due_date",
	):
		if invoice.name not in known:
			review.append(
				"items",
				{"customer": invoice.customer, "sales_invoice": invoice.name, "due_date": invoice.due_date, "outstanding_amount": invoice.outstanding_amount},
			)


def complete_review(review):
	_require_role(REVIEW_ROLES, _("Only Customer Service completes the overdue review."))
	missing = [row.idx for row in review.items if not row.reason or not (row.improvement_measure or "").strip()]
	if missing:
		frappe.throw(_("Please give the reason and the improvement measure in rows {0}.").format(", ".join(map(str, missing))))
	review.status = "Completed"
	review.flags.status_change_allowed = True
	review.save()


def dunning_starts(company: str, month) -> object:
	"""Dunning starts after the Latest Payment day of the month (the 25th, brought forward)."""
	month = get_first_day(month)
	return due_date(LATEST_PAYMENT_DUTY, month.year, month.month, company).date()


def create_dunnings(review, today=None) -> list[str]:
	"""ERPNext Dunning for every unpaid bill of the review, once dunning has started."""
	from erpnext.accounts.doctype.sales_invoice.sales_invoice import create_dunning

	today = getdate(today or now_datetime())
	starts = dunning_starts(review.company, review.month)
	if today <= starts:
		frappe.throw(_("Dunning starts after {0}.").format(frappe.format_value(starts, {"fieldtype": "Date"})))
	made = []
	for row in review.items:
		if row.dunning or not flt(frappe.db.get_value("Sales Invoice", row.sales_invoice, "outstanding_amount")):
			continue
		dunning = create_dunning(row.sales_invoice)
		dunning.posting_date = today
		dunning.insert(ignore_permissions=True)
		row.dunning = dunning.name
		made.append(dunning.name)
	review.save()
	return made


# --- VAT invoice applications ---------------------------------------------------------------------

INVOICE_STATUS_FLOW = {
	"Draft": ("Submitted to Finance",),
	"Submitted to Finance": ("Issued",),
	"Issued": ("Delivered",),
	"Delivered": (),
}


def validate_invoice_application(app):
	for row in app.items:
		invoice = frappe.db.get_value("Sales Invoice", row.sales_invoice, ["customer", "docstatus", "grand_total"], as_dict=True)
		if not invoice or invoice.docstatus != 1 or invoice.customer != app.customer:
			frappe.throw(_("Row {0}: {1} is not a submitted bill of {2}.").format(row.idx, row.sales_invoice, app.customer))
		other = frappe.db.sql(
			"""select a.name from `tabInvoice Application Item` i join `tabInvoice Application` a on a.name = i.parent
			where i.sales_invoice = %s and a.name != %s""",
			(row.sales_invoice, app.name or ""),
		)
		if other:
			frappe.throw(_("Row {0}: {1} is already in invoice application {2}.").format(row.idx, row.sales_invoice, other[0][0]))
		row.amount = invoice.grand_total
	app.total_amount = sum(flt(r.amount) for r in app.items)
	customer = frappe.db.get_value("Customer", app.customer, ["customer_name", "tax_id", "invoice_bank", "invoice_address"], as_dict=True)
	app.invoice_title = app.invoice_title or customer.customer_name
	app.taxpayer_id = app.taxpayer_id or customer.tax_id
	app.invoice_bank = app.invoice_bank or customer.invoice_bank
	app.invoice_address = app.invoice_address or customer.invoice_address
	if not app.due_by:
		app.due_by = calendar_day(VAT_DUTY, app.company, app.application_date)


def move_invoice_application(app, status: str):
	if status not in INVOICE_STATUS_FLOW[app.status]:
		frappe.throw(_("An application that is {0} cannot become {1}.").format(_(app.status), _(status)))
	if status == "Submitted to Finance":
		_require_role((R.BUSINESS_ASSISTANT, "System Manager"), _("The Business Assistant submits invoice applications."))
		if not (app.taxpayer_id and app.invoice_bank and app.invoice_address):
			frappe.throw(_("A VAT invoice needs the customer's taxpayer ID, bank and account, address and phone."))
	elif status == "Issued":
		_require_role(FINANCE_ROLES, _("Finance records the issued invoice."))
		if not (app.invoice_number and app.invoice_date):
			frappe.throw(_("Please give the VAT invoice number and date."))
	elif status == "Delivered":
		if not (app.courier and app.tracking_number and app.delivered_on):
			frappe.throw(_("Please give the courier, the tracking number and the delivery date."))
	app.status = status
	app.flags.status_change_allowed = True
	app.save()


def make_monthly_invoice_applications(today=None) -> list[str]:
	"""On the VAT duty day: an application for each customer needing 发票 with bills not yet applied."""
	today = getdate(today or now_datetime())
	made = []
	for company in frappe.get_all("Company", filters={"default_holiday_list": ("is", "set")}, pluck="name"):
		if calendar_day(VAT_DUTY, company, today) != today:
			continue
		for customer in frappe.get_all("Customer", filters={"needs_vat_invoice": 1, "disabled": 0}, pluck="name"):
			bills = frappe.db.sql(
				"""select si.name from `tabSales Invoice` si where si.company = %s and si.customer = %s and si.docstatus = 1
				and not exists (select 1 from `tabInvoice Application Item` i where i.sales_invoice = si.name)
				order by si.posting_date""",
				(company, customer),
				pluck=True,
			)
			if not bills:
				continue
			app = frappe.get_doc(
				{"doctype": "Invoice Application", "company": company, "customer": customer, "application_date": today, "items": [{"sales_invoice": b} for b in bills]}
			).insert(ignore_permissions=True)
			made.append(app.name)
	return made


# --- write-off requests ---------------------------------------------------------------------------


def validate_write_off(request):
	entry = frappe.db.get_value("Payment Entry", request.payment_entry, ["docstatus", "party_type", "company"], as_dict=True)
	if not entry or entry.docstatus != 1 or entry.party_type != "Customer":
		frappe.throw(_("Write-off is requested for a submitted customer payment."))
	if entry.company != request.company:
		frappe.throw(_("Payment Entry {0} belongs to another company.").format(request.payment_entry))
	if request.is_new():
		_require_role((R.BUSINESS_ASSISTANT, "System Manager"), _("The Business Assistant requests write-off."))
		request.due_by = calendar_day(WRITE_OFF_DUTY, request.company)


def attach_voucher(request, file_url: str | None = None, now=None):
	"""Finance attaches the payment voucher; on time if by the write-off day (the 23rd, brought forward)."""
	_require_role(FINANCE_ROLES, _("Finance attaches the payment voucher."))
	request.payment_voucher = file_url or request.payment_voucher
	if not request.payment_voucher:
		frappe.throw(_("Please attach the payment voucher."))
	now = now or now_datetime()
	request.voucher_attached_on = now
	request.on_time = int(getdate(now) <= getdate(request.due_by))
	request.status = "Voucher Attached"
	request.flags.status_change_allowed = True
	request.save()
	complete_task(WRITE_OFF_DUTY, request.company, request, now)


# --- salesperson revenue ---------------------------------------------------------------------------

REVENUE_RECONCILE_DUTY = "Salesperson Revenue Reconciliation"
REVENUE_HR_DUTY = "Salesperson Revenue to HR"


def prepare_salesperson_revenue(doc):
	"""Last month's collections of the salesperson, due to be confirmed by the 5th and with HR by
	the 13th of the following month (both on the ops calendar)."""
	from frappe.utils import add_months

	from lvyue_ops.lvyue_ops.report.salesperson_collections.salesperson_collections import get_data

	doc.month = get_first_day(doc.month)
	if doc.status == "Draft":
		row = next((r for r in get_data(doc.company, doc.month) if r["sales_person"] == doc.sales_person), None)
		doc.collected = row["collected"] if row else 0
		doc.bills = row["bills"] if row else 0
	following = add_months(doc.month, 1)
	doc.confirm_by = calendar_day(REVENUE_RECONCILE_DUTY, doc.company, following)
	doc.hr_by = calendar_day(REVENUE_HR_DUTY, doc.company, following)


def confirm_salesperson_revenue(doc):
	if doc.status != "Draft":
		frappe.throw(_("Only a draft figure can be confirmed."))
	if doc.salesperson_user and frappe.session.user not in (doc.salesperson_user, "Administrator"):
		frappe.throw(_("Only {0} can confirm their own revenue.").format(doc.salesperson_user), frappe.PermissionError)
	doc.status = "Confirmed"
	doc.confirmed_by = frappe.session.user
	doc.confirmed_on = now_datetime()
	doc.flags.status_change_allowed = True
	doc.save(ignore_permissions=True)


def deliver_salesperson_revenue(doc, now=None):
	_require_role((R.ACCOUNTS_USER, R.FINANCE_SUPERVISOR, "System Manager"), _("Finance hands the revenue to HR."))
	if doc.status != "Confirmed":
		frappe.throw(_("The salesperson confirms the figure before it goes to HR."))
	now = now or now_datetime()
	doc.status = "Delivered to HR"
	doc.delivered_on = now
	doc.on_time = int(getdate(now) <= getdate(doc.hr_by))
	doc.flags.status_change_allowed = True
	doc.save()
	complete_task(REVENUE_HR_DUTY, doc.company, doc, now)
