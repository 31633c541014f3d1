"""Install / migrate / uninstall hooks (see hooks.py)."""

import frappe

from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import store_missing_defaults
from lvyue_ops.setup.custom_fields import remove_custom_fields, sync_custom_fields
from lvyue_ops.setup.permissions import grant_erpnext_permissions, remove_erpnext_permissions
from lvyue_ops.setup.records import seed_records


def after_install():
	sync_custom_fields()
	seed_records()
	grant_erpnext_permissions()
	store_missing_defaults()


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
	remove_custom_fields()
