"""The customer's service request form asks its category and grade (setup/portal.py), once."""

from lvyue_ops.setup.portal import ask_category_and_grade


def execute():
	ask_category_and_grade()
