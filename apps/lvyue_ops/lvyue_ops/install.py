"""Install / migrate / uninstall hooks (see hooks.py)."""

from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import store_missing_defaults
from lvyue_ops.setup.custom_fields import remove_custom_fields, sync_custom_fields
from lvyue_ops.setup.permissions import grant_contract_permissions
from lvyue_ops.setup.records import seed_records


def after_install():
	sync_custom_fields()
	seed_records()
	grant_contract_permissions()
	store_missing_defaults()


def after_migrate():
	sync_custom_fields()
	seed_records()
	store_missing_defaults()


def before_uninstall():
	# Roles are kept on purpose: users keep their role assignments if the app comes back.
	remove_custom_fields()
