"""Sites that had the app before get the graded Service Level Agreement of the rules (grades 1-3
on the company's Holiday List) that a new site gets on install; an existing one is kept as it is."""

from lvyue_ops.customer_service.service_level import install_service_level_agreement


def execute():
	install_service_level_agreement()
