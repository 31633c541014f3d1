# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class BillingRunShard(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		already_billed: DF.Int
		attempts: DF.Int
		created: DF.Int
		customer_count: DF.Int
		customers: DF.LongText | None
		done: DF.Int
		failed: DF.Int
		finished_at: DF.Datetime | None
		heartbeat_at: DF.Datetime | None
		job_id: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		shard_no: DF.Int
		started_at: DF.Datetime | None
		status: DF.Literal["Queued", "Running", "Completed", "Failed"]
	# end: auto-generated types
	pass
