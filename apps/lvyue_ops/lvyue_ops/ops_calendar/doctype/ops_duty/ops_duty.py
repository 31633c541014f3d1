# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from lvyue_ops.ops_calendar.ops_calendar import DUTY_DOCUMENTS_CACHE, parse_time


class OpsDuty(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		after_duty: DF.Link | None
		completion_status: DF.Data | None
		date_field: DF.Data | None
		day_of_month: DF.Int
		days_after: DF.Int
		description: DF.SmallText | None
		document_condition: DF.SmallText | None
		document_type: DF.Link | None
		due_time: DF.Data | None
		duty_name: DF.Data
		enabled: DF.Check
		frequency: DF.Literal["Monthly", "Quarterly"]
		holiday_rule: DF.Literal["Postpone to Next Working Day", "Bring Forward to Previous Working Day"]
		last_day_of_month: DF.Check
		opens_days_before: DF.Int
		responsible_role: DF.Link
		working_day: DF.Int

	# end: auto-generated types
	def validate(self):
		if not (self.day_of_month or self.last_day_of_month or self.working_day or self.after_duty):
			frappe.throw(
				_("Please give the day of the month, tick the last day, or give the Nth working day.")
			)
		if self.day_of_month and not 1 <= self.day_of_month <= 31:
			frappe.throw(_("The day of the month must be between 1 and 31."))
		if self.working_day and not 1 <= self.working_day <= 20:
			frappe.throw(_("The Nth working day must be between 1 and 20."))
		if (self.due_time or "").strip() and not parse_time(self.due_time):
			frappe.throw(_("The due time must look like 12:00."))
		if self.after_duty == self.name:
			frappe.throw(_("A duty cannot follow itself."))
		self.validate_completion()

	def validate_completion(self):
		"""A duty with a document is completed by the document's submission or by its reaching a
		status, never by a draft; the date field places the document in the duty's month."""
		if not self.document_type:
			self.completion_status = self.date_field = self.document_condition = None
			return
		meta = frappe.get_meta(self.document_type)
		if not self.completion_status and not meta.is_submittable:
			frappe.throw(
				_("{0} is not submitted: please give the status that completes the duty.").format(
					_(self.document_type)
				)
			)
		if self.completion_status:
			status = meta.get_field("status")
			if not status or self.completion_status not in (status.options or "").split("\n"):
				frappe.throw(
					_("{0} has no status {1}.").format(_(self.document_type), self.completion_status)
				)
		if self.date_field:
			df = meta.get_field(self.date_field)
			if not df or df.fieldtype not in ("Date", "Datetime"):
				frappe.throw(_("{0} has no date field {1}.").format(_(self.document_type), self.date_field))

	def clear_cache(self):
		# the doctypes that complete a duty are read on every insert (ops_calendar.duties_producing)
		frappe.cache.delete_value(DUTY_DOCUMENTS_CACHE)
		return super().clear_cache()
