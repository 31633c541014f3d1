# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ApprovalStep(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		action: DF.Data | None
		action_by: DF.Link | None
		deadline: DF.Datetime | None
		elapsed_hours: DF.Float
		ended_at: DF.Datetime | None
		escalated_at: DF.Datetime | None
		escalated_to: DF.Data | None
		reference_doctype: DF.Link
		reference_name: DF.DynamicLink
		remarks: DF.SmallText | None
		reminded_at: DF.Datetime | None
		role: DF.Link | None
		started_at: DF.Datetime | None
		status: DF.Literal["Awaiting Action", "Completed"]
		within_sla: DF.Check
		workflow_state: DF.Data | None
	# end: auto-generated types
	pass
