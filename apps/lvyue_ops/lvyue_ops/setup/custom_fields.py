"""Fields lvyue_ops adds to ERPNext's own DocTypes, every one named `lvyue_…`. Schema, not admin
data: created on install and kept in step on every migrate by frappe's `create_custom_fields`,
which saves a field only when its definition changed."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

MODULE = "Lvyue Ops"

CUSTOM_FIELDS = {
	"Customer": [
		{"fieldname": "lvyue_billing_section", "label": "VOS Billing", "fieldtype": "Section Break", "insert_after": "default_receivable_accounts", "collapsible": 1},
		{"fieldname": "lvyue_vos_account", "label": "VOS Account", "fieldtype": "Data", "insert_after": "lvyue_billing_section", "unique": 1, "in_standard_filter": 1, "description": "The customer's account on the VOS softswitch; usage files are matched on it."},
		{"fieldname": "lvyue_is_prepaid", "label": "Prepaid", "fieldtype": "Check", "insert_after": "lvyue_vos_account"},
		{"fieldname": "lvyue_low_balance_threshold", "label": "Low-balance Threshold", "fieldtype": "Currency", "insert_after": "lvyue_is_prepaid", "depends_on": "lvyue_is_prepaid", "description": "Empty: the default from Lvyue Ops Settings."},
		{"fieldname": "lvyue_billing_column", "fieldtype": "Column Break", "insert_after": "lvyue_low_balance_threshold"},
		{"fieldname": "lvyue_needs_vat_invoice", "label": "Needs VAT Invoice (发票)", "fieldtype": "Check", "insert_after": "lvyue_billing_column"},
		{"fieldname": "lvyue_invoice_bank", "label": "Invoice Bank and Account", "fieldtype": "Data", "insert_after": "lvyue_needs_vat_invoice", "depends_on": "lvyue_needs_vat_invoice"},
		{"fieldname": "lvyue_invoice_address", "label": "Invoice Address and Phone", "fieldtype": "Small Text", "insert_after": "lvyue_invoice_bank", "depends_on": "lvyue_needs_vat_invoice"},
	],
	"Purchase Order": [
		{"fieldname": "lvyue_certification_override", "label": "Override Supplier Certification", "fieldtype": "Check", "insert_after": "supplier", "no_copy": 1, "description": "General Manager only: buy from a supplier without a valid certification."},
		{"fieldname": "lvyue_override_reason", "label": "Override Reason", "fieldtype": "Small Text", "insert_after": "lvyue_certification_override", "no_copy": 1, "depends_on": "lvyue_certification_override"},
		{"fieldname": "lvyue_override_by", "label": "Overridden by", "fieldtype": "Link", "options": "User", "insert_after": "lvyue_override_reason", "read_only": 1, "no_copy": 1, "depends_on": "lvyue_certification_override"},
		{"fieldname": "lvyue_override_on", "label": "Overridden on", "fieldtype": "Datetime", "insert_after": "lvyue_override_by", "read_only": 1, "no_copy": 1, "depends_on": "lvyue_certification_override"},
	],
	"Item Price": [
		{"fieldname": "lvyue_supplier_price_list", "label": "Supplier Price List", "fieldtype": "Link", "options": "Supplier Price List", "insert_after": "supplier", "read_only": 1, "no_copy": 1, "in_standard_filter": 1},
	],
	"Issue": [
		{"fieldname": "lvyue_section", "label": "Service Request", "fieldtype": "Section Break", "insert_after": "subject", "collapsible": 0},
		{"fieldname": "lvyue_channel", "label": "Channel", "fieldtype": "Select", "options": "\nPhone\nFax\nLetter\nEmail", "insert_after": "lvyue_section", "in_standard_filter": 1},
		{"fieldname": "lvyue_category", "label": "Request Category", "fieldtype": "Select", "options": "\nBusiness Need\nProduct Problem\nCustomer Complaint\nService Request\nEnquiry", "insert_after": "lvyue_channel", "in_standard_filter": 1},
		{"fieldname": "lvyue_routing", "label": "Routed to", "fieldtype": "Select", "options": "\nCustomer Service\nTechnical Support\nSupplier via Business Assistant", "insert_after": "lvyue_category", "in_standard_filter": 1},
		{"fieldname": "lvyue_column", "fieldtype": "Column Break", "insert_after": "lvyue_routing"},
		{"fieldname": "lvyue_sales_user", "label": "Salesperson", "fieldtype": "Link", "options": "User", "insert_after": "lvyue_column"},
		{"fieldname": "lvyue_salesperson_confirmed", "label": "Confirmed by the Salesperson", "fieldtype": "Check", "insert_after": "lvyue_sales_user", "depends_on": "eval:doc.lvyue_category=='Business Need'"},
		{"fieldname": "lvyue_revisit_needed", "label": "Revisit Needed", "fieldtype": "Check", "insert_after": "lvyue_salesperson_confirmed"},
		{"fieldname": "lvyue_escalation", "label": "Escalated to", "fieldtype": "Select", "options": "\nSalesperson\nOperations Supervisor", "insert_after": "lvyue_revisit_needed", "read_only": 1, "in_standard_filter": 1},
	],
	"Sales Invoice": [
		{"fieldname": "lvyue_billing_run", "label": "Billing Run", "fieldtype": "Link", "options": "Billing Run", "insert_after": "customer", "read_only": 1, "no_copy": 1, "in_standard_filter": 1},
		{"fieldname": "lvyue_billing_key", "label": "Billing Key", "fieldtype": "Data", "insert_after": "lvyue_billing_run", "read_only": 1, "no_copy": 1, "hidden": 1, "unique": 1, "description": "Company, customer and usage month: at most one bill each."},
	],
	"Contract": [
		{"fieldname": "lvyue_section", "label": "Approval and Archive", "fieldtype": "Section Break", "insert_after": "ip_address", "collapsible": 0},
		{"fieldname": "lvyue_project_approval", "label": "Project Approval", "fieldtype": "Link", "options": "Project Approval", "insert_after": "lvyue_section", "in_standard_filter": 1},
		{"fieldname": "lvyue_involves_equipment", "label": "Involves Equipment / Technology", "fieldtype": "Check", "insert_after": "lvyue_project_approval", "fetch_from": "lvyue_project_approval.involves_equipment", "fetch_if_empty": 1, "description": "Adds the Technical Support step to the approval chain."},
		{"fieldname": "lvyue_is_framework_contract", "label": "Framework Contract", "fieldtype": "Check", "insert_after": "lvyue_involves_equipment", "allow_on_submit": 1, "description": "Further quantity under this contract is ordered with a stamped order form, without approval."},
		{"fieldname": "lvyue_rejection_reason", "label": "Rejection Reason", "fieldtype": "Small Text", "insert_after": "lvyue_is_framework_contract", "description": "Required when the document is rejected."},
		{"fieldname": "lvyue_column_break", "fieldtype": "Column Break", "insert_after": "lvyue_rejection_reason"},
		{"fieldname": "lvyue_stamped_original_received", "label": "Stamped Original Received", "fieldtype": "Check", "insert_after": "lvyue_column_break", "allow_on_submit": 1},
		{"fieldname": "lvyue_archived", "label": "Archived", "fieldtype": "Check", "insert_after": "lvyue_stamped_original_received", "allow_on_submit": 1},
		{"fieldname": "lvyue_original_to_finance", "label": "Original Handed to Finance", "fieldtype": "Check", "insert_after": "lvyue_archived", "allow_on_submit": 1},
		{"fieldname": "lvyue_original_to_finance_date", "label": "Handed to Finance on", "fieldtype": "Date", "insert_after": "lvyue_original_to_finance", "allow_on_submit": 1, "depends_on": "lvyue_original_to_finance"},
		{"fieldname": "lvyue_approved_on_behalf", "label": "Approved on Behalf of the General Manager", "fieldtype": "Check", "insert_after": "lvyue_original_to_finance_date", "read_only": 1, "no_copy": 1, "allow_on_submit": 1},
		{"fieldname": "lvyue_on_behalf_approver", "label": "Approved on Behalf by", "fieldtype": "Link", "options": "User", "insert_after": "lvyue_approved_on_behalf", "read_only": 1, "no_copy": 1, "allow_on_submit": 1, "depends_on": "lvyue_approved_on_behalf"},
		{"fieldname": "lvyue_gm_confirmation_status", "label": "General Manager Confirmation", "fieldtype": "Select", "options": "\nAwaiting Confirmation\nConfirmed", "insert_after": "lvyue_on_behalf_approver", "read_only": 1, "no_copy": 1, "allow_on_submit": 1, "depends_on": "lvyue_approved_on_behalf", "in_standard_filter": 1},
		{"fieldname": "lvyue_gm_confirmed_by", "label": "Confirmed by", "fieldtype": "Link", "options": "User", "insert_after": "lvyue_gm_confirmation_status", "read_only": 1, "no_copy": 1, "allow_on_submit": 1, "depends_on": "lvyue_gm_confirmed_by"},
		{"fieldname": "lvyue_gm_confirmed_on", "label": "Confirmed on", "fieldtype": "Datetime", "insert_after": "lvyue_gm_confirmed_by", "read_only": 1, "no_copy": 1, "allow_on_submit": 1, "depends_on": "lvyue_gm_confirmed_by"},
		{"fieldname": "lvyue_workflow_state", "label": "Workflow State", "fieldtype": "Link", "options": "Workflow State", "insert_after": "lvyue_gm_confirmed_on", "hidden": 1, "no_copy": 1, "allow_on_submit": 1, "print_hide": 1, "in_standard_filter": 1},
	],
}

# fields named before every field carried the prefix (patches/v0_2/prefix_custom_fields.py)
RENAMED_FIELDS = {
	"Customer": ("vos_account", "is_prepaid", "low_balance_threshold", "needs_vat_invoice", "invoice_bank", "invoice_address"),
	"Contract": (
		"project_approval",
		"involves_equipment",
		"is_framework_contract",
		"rejection_reason",
		"stamped_original_received",
		"archived",
		"original_to_finance",
		"original_to_finance_date",
		"approved_on_behalf",
		"on_behalf_approver",
		"gm_confirmation_status",
		"gm_confirmed_by",
		"gm_confirmed_on",
		"workflow_state",
	),
}


def sync_custom_fields() -> None:
	"""Create missing fields and update changed ones (frappe's own sync)."""
	create_custom_fields(
		{dt: [{**df, "module": MODULE} for df in fields] for dt, fields in CUSTOM_FIELDS.items()},
		ignore_validate=True,
		update=True,
	)


def remove_custom_fields() -> None:
	for doctype, fields in CUSTOM_FIELDS.items():
		for definition in fields:
			name = frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": definition["fieldname"]})
			if name:
				frappe.delete_doc("Custom Field", name, force=True, ignore_missing=True)
		frappe.clear_cache(doctype=doctype)
