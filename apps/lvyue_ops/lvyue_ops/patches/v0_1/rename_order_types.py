import frappe

RENAMED = {"New": "New Installation", "Rename": "Name Change", "Transfer": "Ownership Transfer"}


def execute():
	"""Order types were renamed to the business's own terms (新装, 更名, 过户)."""
	for old, new in RENAMED.items():
		frappe.db.set_value("Business Order", {"order_type": old}, "order_type", new, update_modified=False)
