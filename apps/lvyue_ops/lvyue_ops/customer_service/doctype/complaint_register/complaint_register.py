# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""The customer complaint register (客户投诉登记表, 附表一; 运营部管理规定 第四章 第五条 2): a
written complaint is confirmed orally, goes to the Operations Supervisor and is answered in writing
within one working day; the Business Assistant numbers and archives it."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import escape_html, now_datetime

from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.ops_calendar.ops_calendar import WorkingCalendar
from lvyue_ops.permissions import require_step, step_roles
from lvyue_ops.utils.jobs import each
from lvyue_ops.utils.naming import name_from_series
from lvyue_ops.utils.notify import assign, assign_step, close_assignments, users_with_role, when

# the reply of a complaint, by its channel (第五条 2-2, 2-3)
REPLY_STEPS = {"Oral": "complaint_register.reply_oral", "Written": "complaint_register.reply_written"}
# what changes on an answered complaint: its number and archive (the Business Assistant), the
# case library (Customer Service)
ARCHIVE_FIELDS = {"archived", "typical_case", "case_notes"}
PROGRESS = "complaint_register.progress"
PROGRESS_CHANNELS = ("Phone", "Email", "Letter", "Fax", "Visit", "Portal")


class ComplaintRegister(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.customer_service.doctype.complaint_progress.complaint_progress import ComplaintProgress

		account_manager: DF.Link | None
		account_manager_name: DF.Data | None
		archived: DF.Check
		case_notes: DF.SmallText | None
		channel: DF.Literal["Oral", "Written"]
		company: DF.Link
		complaint_letter: DF.Attach | None
		content: DF.Text
		customer: DF.Link
		customer_address: DF.SmallText | None
		department_opinion: DF.SmallText | None
		escalated_on: DF.Datetime | None
		filled_by: DF.Link | None
		filled_by_name: DF.Data | None
		from_portal: DF.Check
		handling_department: DF.Link | None
		handling_method: DF.SmallText | None
		is_valid: DF.Literal["", "Valid", "Not Valid"]
		issue: DF.Link | None
		naming_series: DF.Literal["TS-.YYYY.-"]
		oral_confirmation: DF.Check
		person_in_charge: DF.Link | None
		person_in_charge_name: DF.Data | None
		progress: DF.Table[ComplaintProgress]
		received_on: DF.Datetime
		replied_on: DF.Datetime | None
		reply: DF.Text | None
		reply_due: DF.Datetime | None
		reply_email: DF.Data | None
		reply_sent_to: DF.Data | None
		status: DF.Literal["Open", "Answered", "Closed"]
		typical_case: DF.Check
	# end: auto-generated types
	status_flow = {"Open": ("Answered",), "Answered": ("Closed",)}

	def autoname(self):
		name_from_series(self, "TS-.YYYY.-")

	def validate(self):
		if self.channel == "Written" and not self.reply_due:
			working = WorkingCalendar(self.company)
			self.reply_due = working.add_working_days(
				self.received_on, get_setting("complaint_reply_working_days") or 1
			)
		if self.channel == "Oral":
			self.reply_due = None
		if self.channel == "Written" and not self.reply_email and self.customer:
			self.reply_email = frappe.db.get_value("Customer", self.customer, "email_id")
		self.validate_from_portal()
		self.validate_progress()
		self.validate_written_complaint()
		self.validate_status_change(_("The status changes only through the complaint's actions."))
		self.validate_locked(("Open",), ARCHIVE_FIELDS)
		if self.archived and self.has_value_changed("archived"):
			require_step("complaint_register.archive")

	def validate_progress(self):
		"""What the customer was told is logged by its action only, and stays as logged."""
		before = self.get_doc_before_save()

		def told(doc):
			return [(str(r.told_on), r.update, r.told_by) for r in (doc.progress if doc else [])]

		if not self.flags.progress_logged and told(self) != told(before):
			frappe.throw(
				_("The progress told to the customer is logged with Tell the Customer the Progress.")
			)

	def validate_from_portal(self):
		"""Only the portal files a complaint as the customer's own writing (portal.file_complaint)."""
		if self.is_new():
			self.from_portal = 1 if self.flags.from_portal else 0
		elif self.has_value_changed("from_portal"):
			frappe.throw(_("Whether a complaint was filed on the portal cannot be changed."))

	def validate_written_complaint(self):
		"""A written complaint is registered with the customer's letter, which goes to the Operations
		Supervisor with the register (第五条 2-3), and the address the reply letter goes to: what the
		form's mandatory_depends_on asks for, checked here for every way in (the API too)."""
		if self.channel != "Written":
			return
		if not self.complaint_letter and not self.from_portal:
			frappe.throw(
				_(
					"A written complaint is registered with the customer's complaint letter: please attach it."
				),
				frappe.MandatoryError,
			)
		if not self.reply_email:
			frappe.throw(
				_("Please give the customer's email address for the reply letter."), frappe.MandatoryError
			)

	def after_insert(self):
		"""Written complaints go to the Operations Supervisor."""
		if self.channel == "Written":
			assign_step(
				"complaint_register.reply_written",
				self.doctype,
				self.name,
				lambda: _("Written complaint {0} from {1}: reply by {2}").format(
					self.name, self.customer, when(self.reply_due)
				),
				"High",
				self.company,
			)

	def on_update(self):
		"""The department the complaint is handed to takes it up (第五条 2-2: 协调相关部门): its people
		each get a ToDo, closed when the complaint is answered."""
		department = self.handling_department
		if department and self.status == "Open" and self.has_value_changed("handling_department"):
			assign(
				users_with_role(department),
				self.doctype,
				self.name,
				lambda: _("Complaint {0} of {1} is handed to your department: {2}").format(
					self.name, self.customer, escape_html((self.content or "")[:80])
				),
				"High",
				department,
			)

	@frappe.whitelist(methods=["POST"])
	def send_reply(self, now=None):
		"""The reply, in writing within one working day for a written complaint (its letter goes
		to the customer), by Customer Service for an oral one."""
		self.begin_action()
		require_step(REPLY_STEPS[self.channel], self.company)
		self.require_status("Open", message=_("This complaint has already been answered."))
		if self.channel == "Written" and not self.oral_confirmation:
			frappe.throw(
				_("Please confirm the written complaint with the customer by phone before replying.")
			)
		if not (self.reply or "").strip():
			frappe.throw(_("Please write the reply: the findings and the remedy."))
		if not self.is_valid:
			frappe.throw(_("Please record whether the complaint is valid."))
		if self.channel == "Written" and not self.reply_email:
			frappe.throw(_("Please give the customer's email address for the reply letter."))
		self.replied_on = now or now_datetime()
		self.move_to("Answered")
		if self.channel == "Written":
			self.send_reply_letter()
		close_assignments(self.doctype, self.name)

	@frappe.whitelist(methods=["POST"])
	def log_progress(self, update: str, channel: str = "Phone"):
		"""Customer Service tells the customer where the complaint stands (第五条 2: 随时反馈进度):
		logged on the register and shown on the customer's portal."""
		self.begin_action(PROGRESS)
		self.require_status("Open", message=_("This complaint has already been answered."))
		if not (update or "").strip():
			frappe.throw(_("Please write what the customer was told."))
		if channel not in PROGRESS_CHANNELS:
			frappe.throw(_("Unknown channel: {0}.").format(channel))
		self.append(
			"progress",
			{
				"told_on": now_datetime(),
				"update": update.strip(),
				"channel": channel,
				"told_by": frappe.session.user,
			},
		)
		self.flags.progress_logged = True
		self.save(ignore_permissions=True)  # the step was checked; the table is read-only in the form

	def send_reply_letter(self):
		"""The written reply goes to the customer as the reply letter (PDF), with their own letter."""
		frappe.sendmail(
			recipients=[self.reply_email],
			subject=_("Reply to your complaint {0}").format(self.name),
			message=_("Dear customer, please find attached our reply to your complaint {0}.").format(
				self.name
			),
			reference_doctype=self.doctype,
			reference_name=self.name,
			attachments=[
				{
					"print_format_attachment": 1,
					"doctype": self.doctype,
					"name": self.name,
					"print_format": "Complaint Reply Letter",
					"lang": "zh",
				}
			],
		)
		self.db_set("reply_sent_to", self.reply_email)


def escalate_overdue_complaints(now=None) -> list[str]:
	"""Hourly: written complaints not answered within the working day go to the General Manager
	and the Operations Supervisor (once)."""
	now = now or now_datetime()
	overdue = frappe.get_all(
		"Complaint Register",
		filters={
			"status": "Open",
			"channel": "Written",
			"reply_due": ("<", now),
			"escalated_on": ("is", "not set"),
		},
		fields=["name", "customer", "reply_due"],
	)

	def escalate(complaint):
		frappe.db.set_value("Complaint Register", complaint.name, "escalated_on", now)

		def message():
			return _("Overdue complaint reply: {0} from {1} was due {2}").format(
				complaint.name, complaint.customer, when(complaint.reply_due)
			)

		for role in step_roles("complaint_register.take_overdue"):
			assign(users_with_role(role), "Complaint Register", complaint.name, message, "High", role)

	return [c.name for c in each(overdue, escalate, "complaint replies")]
