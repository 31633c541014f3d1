# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""A month's billing run (出账批次, 运营部管理规定 第四章 第二条 1-4, 3-1): started by the
Business Assistant, billed by background jobs in shards (billing/billing.py), its statements sent
by Customer Service. A run whose worker died, or with customers whose bill failed, is started
again and bills exactly the ones missing."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_months, get_first_day, getdate, now_datetime, nowdate

from lvyue_ops.billing.bill_review import find_anomalies
from lvyue_ops.billing.billing import (
	bill_released,
	bills_day,
	payment_due,
	plan_shards,
	queue_shard,
	shard_alive,
)
from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.permissions import require_step
from lvyue_ops.utils.notify import assign_step, close_step

SEND_STATEMENTS = "billing_run.send_statements"


class BillingRun(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.billing.doctype.billing_anomaly.billing_anomaly import BillingAnomaly
		from lvyue_ops.billing.doctype.billing_run_error.billing_run_error import BillingRunError
		from lvyue_ops.billing.doctype.billing_run_shard.billing_run_shard import BillingRunShard

		already_billed: DF.Int
		anomalies: DF.Table[BillingAnomaly]
		company: DF.Link
		due_date: DF.Date | None
		error: DF.SmallText | None
		errors: DF.Table[BillingRunError]
		failed_customers: DF.Int
		invoices_created: DF.Int
		period: DF.Date
		posting_date: DF.Date | None
		progress: DF.Percent
		review_status: DF.Literal["", "Pending Review", "Reviewed"]
		reviewed_by: DF.Link | None
		reviewed_on: DF.Datetime | None
		shards: DF.Table[BillingRunShard]
		started_by: DF.Link | None
		statements_queued: DF.Int
		status: DF.Literal["Draft", "Queued", "Running", "Completed", "Completed with Errors", "Failed"]
	# end: auto-generated types
	status_flow = {
		"Draft": ("Queued",),
		"Queued": ("Running", "Queued", "Completed", "Completed with Errors", "Failed"),
		"Running": ("Queued", "Completed", "Completed with Errors", "Failed"),
		"Completed with Errors": ("Queued",),
		"Failed": ("Queued",),
	}

	def validate(self):
		self.validate_status_change()
		self.validate_locked(("Draft",), {"statements_queued"})
		self.period = get_first_day(self.period)
		month = add_months(self.period, 1)
		if not self.posting_date:
			self.posting_date = bills_day(self.company, self.period)
		self.due_date = payment_due(self.company, self.period)
		if getdate(self.posting_date) < month:
			frappe.throw(
				_("Bills for {0} are dated in the following month, not on {1}.").format(
					self.period.strftime("%Y-%m"), self.posting_date
				)
			)
		if getdate(self.posting_date) > getdate(self.due_date):
			frappe.throw(
				_("The invoice date {0} is after the payment due date {1}.").format(
					self.posting_date, self.due_date
				)
			)

	def stalled(self) -> bool:
		"""Queued or running, but no worker has any of its shards any more."""
		return self.status in ("Queued", "Running") and not any(shard_alive(s) for s in self.shards)

	@frappe.whitelist(methods=["POST"])
	def start(self):
		"""Queue the run's shards as background jobs (RQ); the form shows their progress. A failed,
		stalled or partly failed run starts again with what is missing."""
		self.begin_action("billing_run.start")
		if self.status in ("Queued", "Running") and not self.stalled():
			frappe.throw(_("This billing run is already {0}.").format(_(self.status)))
		if self.status in ("Completed",):
			frappe.throw(_("This billing run is already {0}.").format(_(self.status)))
		from lvyue_ops.billing.billing import ensure_usage_item

		ensure_usage_item()
		self.due_date = payment_due(self.company, self.period)
		self.started_by = frappe.session.user
		self.error = None
		self.set("errors", [])
		self.failed_customers = 0
		plan_shards(self)
		self.move_to("Queued")
		for shard in self.shards:
			queue_shard(self.name, shard)

	def finished(self, status: str):
		"""The last shard is done (billing.finish_run). A run that billed every customer completes
		the month's bills duty (its status is the duty's completing one); a run with errors does
		once a re-run has billed the rest. The bills that look wrong wait for the review; their rows
		are written at once (a run of many customers may list many)."""
		self.list_anomalies()
		rows, self.anomalies = self.anomalies, []
		self.move_to(status, ignore_permissions=True)
		self.insert_rows_at_once("anomalies", rows)
		if self.review_status == "Reviewed":  # nothing looks wrong
			self.tell_statements_due()

	def tell_statements_due(self):
		"""The bills are reviewed: Customer Service is told to send the statements (a ToDo, closed
		when they are sent)."""
		month = getdate(self.period).strftime("%Y-%m")
		assign_step(
			SEND_STATEMENTS,
			self.doctype,
			self.name,
			lambda: _("The bills of {0} ({1}) are reviewed: please send the statements.").format(
				month, self.name
			),
			"High",
			self.company,
		)

	def insert_rows_at_once(self, table: str, rows: list) -> None:
		"""Rows the system made (not a person's input), in one multi-row insert, not one each."""
		self.set(table, rows)
		if not rows:
			return
		from frappe.model import no_value_fields

		now, user = now_datetime(), frappe.session.user
		standard = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "idx")
		parent = ("parent", "parenttype", "parentfield")
		fields = [
			df.fieldname
			for df in frappe.get_meta(rows[0].doctype).fields
			if df.fieldtype not in no_value_fields
		]
		values = []
		for idx, row in enumerate(rows, start=1):
			row.update({"name": row.name or frappe.generate_hash(length=10), "idx": idx})
			row.update(dict(zip(parent, (self.name, self.doctype, table), strict=True)))
			values.append((row.name, now, now, user, user, 0, idx, *[row.get(f) for f in (*parent, *fields)]))
		frappe.db.bulk_insert(rows[0].doctype, (*standard, *parent, *fields), values)

	def list_anomalies(self):
		"""The bills to look at (billing/bill_review.py); a resolution given before a re-run stays."""
		resolved = {(r.customer, r.kind): r for r in self.anomalies if r.resolution}
		self.set("anomalies", [])
		for row in find_anomalies(self):
			earlier = resolved.get((row["customer"], row["kind"]))
			if earlier and earlier.sales_invoice == row["sales_invoice"]:
				row.update(resolution=earlier.resolution, note=earlier.note, resolved_by=earlier.resolved_by)
			self.append("anomalies", row)
		pending = any(not row.resolution for row in self.anomalies)
		self.review_status = "Pending Review" if pending else "Reviewed"
		if not pending:
			self.reviewed_by, self.reviewed_on = None, now_datetime()

	def anomaly(self, row: str):
		found = next((r for r in self.anomalies if r.name == row), None)
		if not found:
			frappe.throw(_("Row {0} is not a bill of this run to look at.").format(row))
		if found.resolution:
			frappe.throw(_("The bill of {0} is {1} already.").format(found.customer, _(found.resolution)))
		return found

	@frappe.whitelist(methods=["POST"])
	def confirm_anomaly(self, row: str, note: str):
		"""The Business Assistant has looked: the bill is right (with what was checked)."""
		self.begin_action("billing_run.review")
		if not (note or "").strip():
			frappe.throw(_("Please write what was checked."))
		found = self.anomaly(row)
		found.update({"resolution": "Confirmed", "note": note.strip(), "resolved_by": frappe.session.user})
		self.flags.status_change_allowed = True  # the review's own change
		self.save(ignore_permissions=True)

	@frappe.whitelist(methods=["POST"])
	def rebill(self, row: str, note: str):
		"""The bill is wrong: it is cancelled and the customer billed again from the corrected
		usage and orders (with the accounting rights the run bills with)."""
		from lvyue_ops.billing.billing import ShardBiller
		from lvyue_ops.permissions import system_rights

		self.begin_action("billing_run.review")
		if not (note or "").strip():
			frappe.throw(_("Please write what was corrected."))
		found = self.anomaly(row)
		with system_rights():
			wrong = frappe.get_doc("Sales Invoice", found.sales_invoice)
			wrong.flags.ignore_permissions = True  # the review step was checked
			wrong.cancel()
			outcome = ShardBiller(self, [found.customer], reserve_names_at_once=False).bill(
				found.customer, commit=False
			)
		if outcome != "created":
			frappe.throw(_("{0} has nothing left to bill.").format(found.customer))
		again = frappe.db.get_value(
			"Sales Invoice", {"lvyue_billing_run": self.name, "customer": found.customer, "docstatus": 1}
		)
		found.update(
			{
				"resolution": "Corrected",
				"note": _("{0} Billed again as {1}.").format(note.strip(), again),
				"resolved_by": frappe.session.user,
			}
		)
		self.flags.status_change_allowed = True
		self.save(ignore_permissions=True)

	@frappe.whitelist(methods=["POST"])
	def complete_review(self):
		self.begin_action("billing_run.review")
		if self.review_status != "Pending Review":
			frappe.throw(_("There is no bill review to complete."))
		left = [r.customer for r in self.anomalies if not r.resolution]
		if left:
			frappe.throw(_("Please confirm or correct the bills of: {0}.").format(", ".join(left)))
		self.review_status, self.reviewed_by, self.reviewed_on = (
			"Reviewed",
			frappe.session.user,
			now_datetime(),
		)
		self.flags.status_change_allowed = True
		self.save(ignore_permissions=True)
		self.tell_statements_due()

	@frappe.whitelist()
	def shard_progress(self) -> dict:
		"""The run as its shards report it (the `progress` field is the run's own, set when it ends)."""
		shards = self.shards
		return {
			"customers": sum(s.customer_count for s in shards),
			"done": sum(s.done for s in shards),
			"created": sum(s.created for s in shards),
			"failed": sum(s.failed for s in shards),
			"stalled": self.stalled(),
		}

	@frappe.whitelist(methods=["POST"])
	def send_statements(self) -> int:
		"""Customer Service sends each customer its bill with the Chinese print format (Email
		Queue); a bill already sent is not sent again."""
		self.begin_action(SEND_STATEMENTS)  # locked: two clicks at once send once
		if self.status not in ("Completed", "Completed with Errors"):
			frappe.throw(_("Statements go out once the billing run has completed."))
		if self.review_status == "Pending Review":
			frappe.throw(
				_("Statements go out once the Business Assistant has reviewed the bills that look wrong.")
			)
		if not frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}):
			frappe.throw(
				_(
					"Statements are sent by email, and this site has no default outgoing email account: "
					"please ask the System Manager to set one up (Email Account, Default Outgoing)."
				),
				title=_("No Outgoing Email Account"),
			)
		invoices = frappe.get_all(
			"Sales Invoice",
			filters={"lvyue_billing_run": self.name, "docstatus": 1},
			fields=[
				"name",
				"customer",
				"contact_email",
				"grand_total",
				"due_date",
				"lvyue_statement_channel",
			],
		)
		sent = set(
			frappe.get_all(
				"Email Queue",
				filters={
					"reference_doctype": "Sales Invoice",
					"reference_name": ("in", [i.name for i in invoices] or [""]),
					"status": ("!=", "Error"),
				},
				pluck="reference_name",
			)
		)
		queued, undeliverable = 0, []
		for invoice in invoices:
			email = invoice.contact_email or frappe.db.get_value("Customer", invoice.customer, "email_id")
			if invoice.name in sent:
				continue
			if not email:
				if not invoice.lvyue_statement_channel:
					undeliverable.append(invoice)
				continue
			frappe.sendmail(
				recipients=[email],
				subject=_("Your bill {0} for {1}").format(
					invoice.name, getdate(self.period).strftime("%Y-%m")
				),
				message=_("Dear {0}, please find attached your bill of {1}, due on {2}.").format(
					invoice.customer,
					frappe.format_value(invoice.grand_total, {"fieldtype": "Currency"}),
					frappe.format_value(invoice.due_date, {"fieldtype": "Date"}),
				),
				reference_doctype="Sales Invoice",
				reference_name=invoice.name,
				attachments=[
					{
						"print_format_attachment": 1,
						"doctype": "Sales Invoice",
						"name": invoice.name,
						"print_format": "Lvyue Bill",
						"lang": "zh",
					}
				],
			)
			record_delivery(invoice.name, "Email")
			queued += 1
		self.db_set("statements_queued", (self.statements_queued or 0) + queued)
		close_step(self.doctype, self.name, SEND_STATEMENTS, self.company)
		if undeliverable:
			self.ask_to_deliver(undeliverable)
		return {"queued": queued, "undeliverable": [i.customer for i in undeliverable]}

	def ask_to_deliver(self, invoices: list):
		"""Customers with no email address are not skipped: Customer Service gets them as a ToDo
		to deliver their bills another way and record it (第四章 第二条 1-2)."""
		names = "、".join(f"{i.customer}（{i.name}）" for i in invoices)
		assign_step(
			SEND_STATEMENTS,
			self.doctype,
			self.name,
			lambda: _(
				"{0} customers of {1} have no email address: deliver their bills another way and record it on each bill: {2}"
			).format(len(invoices), self.name, names),
			"High",
			self.company,
		)
		self.add_comment(
			"Info",
			_("Bills to deliver another way (no email address): {0}").format(names),
		)


STATEMENT_CHANNELS = ("Email", "By Post", "Fax", "WeChat", "By Hand")


def record_delivery(invoice: str, channel: str, day=None):
	frappe.db.set_value(
		"Sales Invoice",
		invoice,
		{"lvyue_statement_channel": channel, "lvyue_statement_delivered_on": day or nowdate()},
		update_modified=False,
	)


@frappe.whitelist(methods=["POST"])
def record_statement_delivery(invoice: str, channel: str, delivered_on: str | None = None) -> str:
	"""Customer Service records how a bill reached a customer that has no email address."""
	run = frappe.db.get_value(
		"Sales Invoice", invoice, ["lvyue_billing_run", "company", "docstatus"], as_dict=True
	)
	if not run or run.docstatus != 1:
		frappe.throw(_("{0} is not a submitted bill.").format(invoice))
	require_step(SEND_STATEMENTS, run.company)
	frappe.get_doc("Sales Invoice", invoice).check_permission("read")
	if channel not in STATEMENT_CHANNELS:
		frappe.throw(_("Unknown channel: {0}.").format(channel))
	if run.lvyue_billing_run and not bill_released(invoice):
		frappe.throw(_("This bill has not been reviewed yet: it does not go to the customer."))
	day = getdate(delivered_on or nowdate())
	if day > getdate(nowdate()):
		frappe.throw(_("A bill cannot be delivered in the future."))
	record_delivery(invoice, channel, day)
	return channel
