"""lvyue_ops on ERPNext's Company (hooks.py: doc_events)."""

from lvyue_ops.customer_service.service_level import install_service_level_agreement


def on_update(doc, method=None):
	"""A new site installs the app before it has a company: the graded Service Level Agreement,
	which needs a Holiday List, is seeded when a company first has one (once)."""
	if doc.default_holiday_list:
		install_service_level_agreement()
