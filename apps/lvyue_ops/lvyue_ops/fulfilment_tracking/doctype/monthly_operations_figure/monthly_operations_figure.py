# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class MonthlyOperationsFigure(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		change: DF.Float
		counts: DF.Data | None
		figure: DF.Data | None
		figure_key: DF.Data | None
		last_month: DF.Float
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		this_month: DF.Float
		unit: DF.Data | None
	# end: auto-generated types
	pass
