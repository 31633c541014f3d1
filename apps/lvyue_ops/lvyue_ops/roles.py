"""The department roles of the operations rules.

ERPNext's own roles are reused where they exist (Sales User, Accounts User/Manager, HR User,
Customer); these are the ones it lacks. The roles themselves are seeded once from
setup/records/01_role.json so that admins may edit them; this module only names them for code.
Which role does which step is in lvyue_ops/permissions.py.
"""

MARKETING_MANAGER = "Marketing Manager"
OPERATIONS_SUPERVISOR = "Operations Supervisor"
TECHNICAL_SUPPORT = "Technical Support"
FINANCE_SUPERVISOR = "Finance Supervisor"
GENERAL_MANAGER = "General Manager"
BUSINESS_ASSISTANT = "Business Assistant"
CUSTOMER_SERVICE = "Customer Service Specialist"

DEPARTMENT_ROLES = (
	MARKETING_MANAGER,
	OPERATIONS_SUPERVISOR,
	TECHNICAL_SUPPORT,
	FINANCE_SUPERVISOR,
	GENERAL_MANAGER,
	BUSINESS_ASSISTANT,
	CUSTOMER_SERVICE,
)

# ERPNext roles the operations rules reuse.
SALES_USER = "Sales User"
ACCOUNTS_USER = "Accounts User"
ACCOUNTS_MANAGER = "Accounts Manager"
HR_USER = "HR User"
CUSTOMER = "Customer"
PURCHASE_USER = "Purchase User"
PURCHASE_MANAGER = "Purchase Manager"

REUSED_ERPNEXT_ROLES = (SALES_USER, ACCOUNTS_USER, ACCOUNTS_MANAGER, HR_USER, CUSTOMER)

# Where each role lands in desk (frappe's User.default_workspace, set for a user who has none; an
# admin's choice for a user is kept). A user of several roles lands where the first of them does.
LANDING_WORKSPACES = {
	GENERAL_MANAGER: "Lvyue Ops",
	OPERATIONS_SUPERVISOR: "Lvyue Ops",
	BUSINESS_ASSISTANT: "Monthly Billing",
	CUSTOMER_SERVICE: "Customer Service",
	FINANCE_SUPERVISOR: "Collections",
	MARKETING_MANAGER: "Approval Chains",
	TECHNICAL_SUPPORT: "Customer Service",
	SALES_USER: "Approval Chains",
}
