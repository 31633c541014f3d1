"""The register of lines starts from the orders billed until now: each resource row of an activated
or archived Business Order becomes lines (one per number where the row lists as many numbers as
its quantity), Active from the first day of the order's activation month. The billing before the
register billed every such row's fee for every whole month from then on, so the customers are
billed the same amounts the month after the upgrade; a 拆机 or 过户 then ends the lines."""

import frappe
from frappe import _
from frappe.utils import get_first_day, getdate

from lvyue_ops.line_register.lines import new_line, split_row


def execute():
	for order in frappe.get_all(
		"Business Order",
		filters={"status": ("in", ("Activated", "Archived"))},
		fields=["name"],
		order_by="name",
	):
		if frappe.db.exists("Service Line", {"business_order": order.name}):
			continue  # made already (the patch is run again)
		doc = frappe.get_doc("Business Order", order.name)
		day = getdate(doc.activated_on or doc.order_date or doc.creation)
		for row in doc.resources:
			for numbers, quantity in split_row(row):
				line = new_line(doc, row, numbers, quantity)
				line.record(
					"Activated",
					day,
					get_first_day(day),
					"Active",
					reference=doc,
					note=_("Made from the order when the register of lines was installed."),
				)
				line.insert(ignore_permissions=True)
