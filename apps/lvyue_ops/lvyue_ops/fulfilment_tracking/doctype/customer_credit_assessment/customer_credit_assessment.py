# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""A customer's credit grade from their own record (客户信用评估): scored monthly by the system,
or reassessed by hand with a note; its history stays. The grade shows on the Customer, suggests
its ERPNext credit limit, and for grade D asks for prepayment or a deposit on a new Business Order.

The score (0-100) adds up: paid on time (40), how late the late ones were (20), nothing overdue
now (15), deposits held against the monthly bill (10), no complaints or disputes (10), tenure (5).
The grades' thresholds are in Lvyue Ops Settings."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_months, date_diff, flt, getdate, month_diff, nowdate

from lvyue_ops.controllers.status_flow import begin_action
from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.permissions import require_step
from lvyue_ops.utils.customers import salesperson_users
from lvyue_ops.utils.jobs import each
from lvyue_ops.utils.naming import name_from_series
from lvyue_ops.utils.notify import alert, assign_step

ASSESS = "customer_credit_assessment.assess"
# months of the average bill a grade allows on credit; D: prepayment or a deposit instead
CREDIT_MONTHS = {"A": 3, "B": 2, "C": 1, "D": 0}
DEPOSITS = ("Margin Deposit", "Refundable Deposit")


class CustomerCreditAssessment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		assessed_on: DF.Date | None
		average_days_late: DF.Float
		average_monthly_bill: DF.Currency
		bills_due: DF.Int
		company: DF.Link
		complaints: DF.Int
		customer: DF.Link
		deposits_held: DF.Currency
		disputes: DF.Int
		grade: DF.Literal["", "A", "B", "C", "D"]
		manual: DF.Check
		manual_grade: DF.Literal["", "A", "B", "C", "D"]
		needs_prepayment: DF.Check
		note: DF.SmallText | None
		on_time_share: DF.Percent
		overdue_now: DF.Currency
		score: DF.Float
		suggested_credit_limit: DF.Currency
		tenure_months: DF.Int

	# end: auto-generated types
	def autoname(self):
		name_from_series(self, "CCA-.YYYY.-")

	def validate(self):
		if not self.is_new():
			frappe.throw(_("An assessment is history: reassess the customer instead."))
		if not self.flags.by_system:  # a person's reassessment keeps its reason
			require_step(ASSESS, self.company)
			if not (self.note or "").strip():
				frappe.throw(_("A manual reassessment says why: please write the note."))
		elif self.manual_grade:
			frappe.throw(_("Only a person's reassessment sets the grade by hand."))
		self.manual = int(not self.flags.by_system)
		self.assess(getdate(self.assessed_on or nowdate()))  # every figure is the system's

	def assess(self, day):
		record = customer_record(self.customer, self.company, day)
		self.update(record)
		self.assessed_on = day
		self.score = score(record)
		self.grade = self.manual_grade or grade_of(self.score)
		self.suggested_credit_limit = flt(record["average_monthly_bill"] * CREDIT_MONTHS[self.grade], 2)
		self.needs_prepayment = int(self.grade == "D")

	def after_insert(self):
		self.warn_of_a_fall_to_d()

	def warn_of_a_fall_to_d(self):
		"""An existing customer that falls to grade D (004 风险预警): the Operations Supervisor and
		Finance reassess it (a ToDo), and its salespeople hear of it (new orders need prepayment)."""
		if self.grade != "D":
			return
		before = frappe.get_all(
			"Customer Credit Assessment",
			filters={"customer": self.customer, "company": self.company, "name": ("!=", self.name)},
			fields=["grade"],
			order_by="assessed_on desc, creation desc",
			limit=1,
		)
		if not before or before[0].grade in ("D", "", None):
			return
		old = before[0].grade

		def message():
			return _(
				"{0} fell from credit grade {1} to D in {2}: new orders need prepayment or a deposit; please review its credit."
			).format(self.customer, old, self.company)

		assign_step(ASSESS, self.doctype, self.name, message, "High", self.company)
		alert(salesperson_users(self.customer), message, self.doctype, self.name)

	def on_update(self):
		"""The newest assessment shows on the Customer (a customer billed by several companies shows
		the last one assessed); the rules read the grade of their own company (credit_grade)."""
		frappe.db.set_value(
			"Customer",
			self.customer,
			{"lvyue_credit_grade": self.grade, "lvyue_credit_assessment": self.name},
			update_modified=False,
		)

	@frappe.whitelist(methods=["POST"])
	def apply_credit_limit(self):
		"""Finance sets the customer's ERPNext credit limit in the company to the suggested one."""
		begin_action(self, "customer_credit_assessment.apply_limit")
		customer = frappe.get_doc("Customer", self.customer)
		row = next((r for r in customer.credit_limits if r.company == self.company), None)
		if not row:
			row = customer.append("credit_limits", {"company": self.company})
		row.credit_limit = self.suggested_credit_limit
		customer.flags.ignore_permissions = True  # the step was checked; Customer is Sales' form
		customer.save()
		self.add_comment(
			"Info",
			_("Credit limit of {0} in {1} set to {2}.").format(self.customer, self.company, row.credit_limit),
		)


def credit_grade(customer: str | None, company: str | None) -> str | None:
	"""The customer's grade in the company: that of its newest assessment there (None when it was
	never assessed there)."""
	if not (customer and company):
		return None
	newest = frappe.get_all(
		"Customer Credit Assessment",
		filters={"customer": customer, "company": company},
		fields=["grade"],
		order_by="assessed_on desc, creation desc",
		limit=1,
	)
	return newest[0].grade if newest else None


@frappe.whitelist(methods=["POST"])
def get_credit_grade(customer: str, company: str) -> str | None:
	"""The grade a new Business Order's form shows: for whoever may read the customer, as the
	Customer form shows its newest grade."""
	frappe.has_permission("Customer", "read", doc=customer, throw=True)
	return credit_grade(customer, company)


def customer_record(customer: str, company: str, day) -> dict:
	"""The customer's last 12 months in the company."""
	start = add_months(day, -12)
	bills = frappe.get_all(
		"Sales Invoice",
		filters={
			"customer": customer,
			"company": company,
			"docstatus": 1,
			"is_return": 0,
			"due_date": ("between", (start, day)),
		},
		fields=["name", "due_date", "outstanding_amount"],
	)
	paid_on = dict(
		frappe.db.sql(
			"""select per.reference_name, max(pe.posting_date) from `tabPayment Entry Reference` per
			join `tabPayment Entry` pe on pe.name = per.parent
			where pe.docstatus = 1 and per.reference_doctype = 'Sales Invoice' and per.reference_name in %s
			group by per.reference_name""",
			([b.name for b in bills] or [""],),
		)
	)
	on_time, late = 0, []
	for bill in bills:
		if flt(bill.outstanding_amount) <= 0:
			paid = getdate(paid_on.get(bill.name) or bill.due_date)  # settled otherwise: a credit note
			if paid <= getdate(bill.due_date):
				on_time += 1
			else:
				late.append(date_diff(paid, bill.due_date))
		elif getdate(bill.due_date) < day:
			late.append(date_diff(day, bill.due_date))
	billed = flt(
		frappe.db.get_value(
			"Sales Invoice",
			{
				"customer": customer,
				"company": company,
				"docstatus": 1,
				"is_return": 0,
				"posting_date": ("between", (start, day)),
			},
			"sum(grand_total)",
		)
	)
	since = frappe.db.get_value("Customer", customer, "creation")
	return {
		"bills_due": len(bills),
		"on_time_share": flt(100 * on_time / len(bills), 1) if bills else None,
		"average_days_late": flt(sum(late) / len(late), 1) if late else 0,
		"overdue_now": flt(
			frappe.db.get_value(
				"Sales Invoice",
				{
					"customer": customer,
					"company": company,
					"docstatus": 1,
					"outstanding_amount": (">", 0),
					"due_date": ("<", day),
				},
				"sum(outstanding_amount)",
			)
		),
		"average_monthly_bill": flt(billed / 12, 2),
		"deposits_held": flt(
			frappe.db.get_value(
				"Unidentified Receipt",
				{
					"customer": customer,
					"company": company,
					"status": "Posted",
					"receipt_type": ("in", DEPOSITS),
				},
				"sum(amount)",
			)
		),
		"complaints": frappe.db.count(
			"Complaint Register",
			{"customer": customer, "received_on": (">=", start), "is_valid": ("!=", "Not Valid")},
		),
		"disputes": frappe.db.count(
			"Business Order", {"customer": customer, "disputed": 1, "creation": (">=", start)}
		),
		"tenure_months": max(0, month_diff(day, since) - 1) if since else 0,
	}


def score(record: dict) -> float:
	monthly = max(flt(record["average_monthly_bill"]), 1)
	on_time = 0.5 if record["on_time_share"] is None else flt(record["on_time_share"]) / 100
	overdue = 1 if record["overdue_now"] <= 0 else max(0, 1 - record["overdue_now"] / (2 * monthly))
	conduct = max(0, 10 - 2 * record["complaints"] - 5 * record["disputes"])
	return flt(
		40 * on_time
		+ 20 * max(0, 1 - flt(record["average_days_late"]) / 60)
		+ 15 * overdue
		+ 10 * min(1, flt(record["deposits_held"]) / monthly)
		+ conduct
		+ 5 * min(1, record["tenure_months"] / 24),
		1,
	)


def grade_of(points: float) -> str:
	for grade in ("A", "B", "C"):
		if points >= flt(get_setting(f"credit_grade_{grade.lower()}")):
			return grade
	return "D"


def assess(customer: str, company: str, day=None) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Customer Credit Assessment",
			"customer": customer,
			"company": company,
			"assessed_on": day,
		}
	)
	doc.flags.by_system = True
	doc.insert(ignore_permissions=True)
	return doc.name


def assess_customers(today=None) -> list[str]:
	"""Monthly: every customer billed or ordering in a company in the last year is assessed."""
	today = getdate(today or nowdate())
	start = add_months(today, -12)
	done = []
	for company in frappe.get_all("Company", pluck="name"):
		customers = sorted(
			set(
				frappe.get_all(
					"Sales Invoice",
					filters={"company": company, "docstatus": 1, "posting_date": (">=", start)},
					distinct=True,
					pluck="customer",
				)
			)
			| set(
				frappe.get_all(
					"Business Order",
					filters={
						"company": company,
						"status": ("in", ("Accepted", "Documents Complete", "Activated")),
					},
					distinct=True,
					pluck="customer",
				)
			)
		)
		done += each(customers, lambda customer, company=company: assess(customer, company, today), "credit")
	return done
