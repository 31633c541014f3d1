import frappe

DOCUMENTS = {
	"Customer Bills": "Billing Run",
	"Suspension Requests to Carriers": "Suspension Request",
	"VAT Invoice Applications": "Invoice Application",
	"Write-off and Payment Voucher": "Write-off Request",
}


def execute():
	"""Duties seeded before their documents existed learn which document completes them."""
	for duty, doctype in DOCUMENTS.items():
		if frappe.db.exists("Ops Duty", duty) and not frappe.db.get_value("Ops Duty", duty, "document_type"):
			frappe.db.set_value("Ops Duty", duty, "document_type", doctype, update_modified=False)
	frappe.cache.delete_value("lvyue_duty_documents")
