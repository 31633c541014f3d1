"""Install / migrate / uninstall hooks (see hooks.py)."""

import frappe

from lvyue_ops.customer_service.service_level import install_service_level_agreement
from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import store_missing_defaults
from lvyue_ops.setup.custom_fields import remove_custom_fields, sync_custom_fields
from lvyue_ops.setup.permissions import grant_erpnext_permissions, remove_erpnext_permissions
from lvyue_ops.setup.portal import (
	ask_category_and_grade,
	configure_portal_menu,
	make_the_bill_default,
	restore_issue_form,
)
from lvyue_ops.setup.records import seed_records


def after_install():
	sync_custom_fields()
	seed_records()
	grant_erpnext_permissions()
	store_missing_defaults()
	install_service_level_agreement()  # grades 1-3 of the rules on ERPNext's SLA, seeded once
	configure_portal_menu()  # a telecom customer's portal, configured once
	make_the_bill_default()
	ask_category_and_grade()  # the customer's service request asks its category and grade, once


def after_migrate():
	sync_custom_fields()
	seed_records()
	store_missing_defaults()


def before_uninstall():
	"""ERPNext goes back to what it was: the fields, rights and workflow the app added to its
	DocTypes go. Roles are kept on purpose: users keep their role assignments if the app comes back."""
	from lvyue_ops.workflow.chains import workflow_records

	for workflow in workflow_records():
		frappe.delete_doc(
			"Workflow", workflow["name"], force=True, ignore_missing=True, ignore_permissions=True
		)
	remove_erpnext_permissions()
	restore_issue_form()
	remove_custom_fields()
	list_portal_users()


def list_portal_users():
	"""The customers' portal users (the app invites them when a contract is approved) keep
	ERPNext's own customer portal after the app goes: they are listed for the admin to disable."""
	users = frappe.get_all(
		"Portal User", filters={"parenttype": "Customer"}, pluck="user", distinct=True, order_by="user"
	)
	enabled = frappe.get_all("User", filters={"name": ("in", users or [""]), "enabled": 1}, pluck="name")
	if enabled:
		print(
			"lvyue_ops: these customers' portal users keep ERPNext's customer portal; disable in User "
			"those who should not: " + ", ".join(sorted(enabled))
		)
