"""lvyue_ops on ERPNext's Company (hooks.py: doc_events)."""

from lvyue_ops.customer_service.service_level import install_service_level_agreement
from lvyue_ops.setup.portal import name_the_login_page


def on_update(doc, method=None):
	"""A new site installs the app before it has a company: the graded Service Level Agreement,
	which needs a Holiday List, is seeded when a company first has one (once); the portal's login
	page is named after the first company."""
	if doc.default_holiday_list:
		install_service_level_agreement()
	name_the_login_page(doc.company_name)
