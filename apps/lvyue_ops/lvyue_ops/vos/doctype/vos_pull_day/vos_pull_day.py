# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""One day of a VOS server's call records, pulled through its API (vos/pull.py): how many, their
fee, and the error of a pull that failed (pulled again by the next run)."""

from frappe.model.document import Document


class VOSPullDay(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attempts: DF.Int
		cdrs: DF.Int
		error: DF.SmallText | None
		fee_total: DF.Float
		new_cdrs: DF.Int
		pull_date: DF.Date
		pulled_at: DF.Datetime | None
		requests: DF.Int
		status: DF.Literal["Pending", "Pulled", "Failed"]
		vos_server: DF.Link
	# end: auto-generated types
	pass
