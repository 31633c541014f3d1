"""What differs between the companies of a site moves to Lvyue Company Settings (issue 14).

- The deposit and margin accounts of Lvyue Ops Settings go to the settings of the company each
  account belongs to (they were one pair for the whole site).
- The supplier certification gate refused every Purchase Order of every company. It now applies
  where a company chose it: on a site that certified suppliers, every company keeps the gate for
  the supplier groups of its certified suppliers; purchases from other groups go through.
"""

import frappe

MOVED = ("deposit_account", "margin_account")


def settings_of(company: str):
	if frappe.db.exists("Lvyue Company Settings", company):
		return frappe.get_doc("Lvyue Company Settings", company)
	return frappe.get_doc({"doctype": "Lvyue Company Settings", "company": company})


def execute():
	changed = {}
	for field, account in frappe.db.sql(
		"select field, value from tabSingles where doctype = 'Lvyue Ops Settings' and field in %s",
		(MOVED,),
	):
		company = account and frappe.db.get_value("Account", account, "company")
		if company:
			doc = changed.setdefault(company, settings_of(company))
			doc.set(field, doc.get(field) or account)
	groups = frappe.db.sql(
		"""select distinct s.supplier_group from `tabSupplier Certification` c
		join `tabSupplier` s on s.name = c.supplier where s.supplier_group is not null""",
		pluck=True,
	)
	if groups:
		for company in frappe.get_all("Company", pluck="name"):
			doc = changed.setdefault(company, settings_of(company))
			if not doc.certified_supplier_groups and not doc.certified_item_groups:
				doc.set("certified_supplier_groups", [{"supplier_group": g} for g in groups])
	for doc in changed.values():
		doc.flags.ignore_permissions = True
		doc.save()
	frappe.db.delete("Singles", {"doctype": "Lvyue Ops Settings", "field": ("in", MOVED)})
	frappe.clear_document_cache("Lvyue Ops Settings", "Lvyue Ops Settings")
