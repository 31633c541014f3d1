# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class OverdueReviewItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		customer: DF.Link
		due_date: DF.Date | None
		dunning: DF.Link | None
		improvement_measure: DF.SmallText | None
		outstanding_amount: DF.Currency
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reason: DF.Literal[
			"", "Funds Tight", "Disputed Bill", "Cannot Reach Customer", "Forgot to Pay", "Other"
		]
		reason_detail: DF.SmallText | None
		sales_invoice: DF.Link
	# end: auto-generated types
	pass
