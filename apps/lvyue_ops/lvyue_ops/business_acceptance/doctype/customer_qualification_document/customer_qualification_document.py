# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class CustomerQualificationDocument(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		document_type: DF.Literal["Business Licence", "Legal Representative ID", "Operator ID", "Handler ID"]
		file: DF.Attach | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		rejection_reason: DF.SmallText | None
		reviewed_by: DF.Link | None
		reviewed_on: DF.Datetime | None
		sealed: DF.Check
		status: DF.Literal["Missing", "Pending Review", "Approved", "Rejected"]
		uploaded_by: DF.Link | None
		uploaded_on: DF.Datetime | None
	# end: auto-generated types
	pass
