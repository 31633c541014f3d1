# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""One month's occurrence of an Ops Duty for a company: opened before its due date with a ToDo
for the duty's role, completed by its document or, for a duty without one, by the role's "Done"
with what was done."""

import frappe
from frappe import _
from frappe.model.document import Document

from lvyue_ops.controllers.status_flow import begin_action
from lvyue_ops.ops_calendar.ops_calendar import complete_task
from lvyue_ops.permissions import require_role


class OpsDutyTask(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		company: DF.Link
		completed_by: DF.Link | None
		completed_on: DF.Datetime | None
		done_note: DF.SmallText | None
		due: DF.Datetime
		duty: DF.Link
		on_time: DF.Check
		overdue: DF.Check
		period: DF.Date
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		responsible_role: DF.Link | None
		status: DF.Literal["Open", "Completed"]

	# end: auto-generated types
	@frappe.whitelist(methods=["POST"])
	def mark_done(self, note: str):
		"""The responsible role says the duty is done and what was done."""
		begin_action(self)  # the stored task, as this user may read it
		duty = frappe.get_cached_doc("Ops Duty", self.duty)
		if duty.document_type:
			frappe.throw(
				_("{0} is done by its document ({1}), not by hand.").format(
					_(self.duty), _(duty.document_type)
				)
			)
		require_role(duty.responsible_role, "Mark Done")
		if not (note or "").strip():
			frappe.throw(_("Please write what was done."))
		if not complete_task(self.name, note=note.strip()):
			frappe.throw(_("This task is done already."))
		self.reload()
