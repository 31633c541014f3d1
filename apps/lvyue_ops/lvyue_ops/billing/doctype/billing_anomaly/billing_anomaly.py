# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class BillingAnomaly(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		customer: DF.Link | None
		detail: DF.SmallText | None
		kind: DF.Literal[
			"Usage Spike",
			"Usage Drop",
			"No Usage on an Active Line",
			"Fee Differs from the Approved Price",
			"Usage without an Active Line",
			"Usage on a Line Not in Service",
			"Usage File and Call Records Differ",
			"Rate Differs from the Tariff",
		]
		note: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		resolution: DF.Literal["", "Confirmed", "Corrected"]
		resolved_by: DF.Link | None
		sales_invoice: DF.Link | None
	# end: auto-generated types
	pass
