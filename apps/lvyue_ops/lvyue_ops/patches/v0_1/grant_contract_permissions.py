from lvyue_ops.setup.permissions import grant_contract_permissions


def execute():
	grant_contract_permissions()
