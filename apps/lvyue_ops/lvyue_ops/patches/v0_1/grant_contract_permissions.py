from lvyue_ops.setup.permissions import grant_erpnext_permissions


def execute():
	grant_erpnext_permissions()
