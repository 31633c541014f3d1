"""lvyue_ops on ERPNext's Customer (hooks.py: override_doctype_dashboards)."""

from frappe import _


def get_dashboard_data(data):
	"""The Customer's connections show its 履约 records: orders, qualifications, the credit grade's
	history, the contract reviews and its lines (each linked by its `customer` field)."""
	data.setdefault("transactions", []).append(
		{
			"label": _("Fulfilment"),
			"items": [
				"Business Order",
				"Service Line",
				"Customer Qualification",
				"Customer Credit Assessment",
				"Contract Review",
			],
		}
	)
	return data
