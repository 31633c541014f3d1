"""The rights the role table (permissions.STEPS) gives on ERPNext's own DocTypes, as Custom
DocPerms. Granted once (on install, or by a patch on sites that had the app before); admins may
change them afterwards in Role Permissions Manager and a migrate will not undo it. Uninstalling
removes them again."""

import json

import frappe
from frappe.permissions import setup_custom_perms

from lvyue_ops import roles as R
from lvyue_ops.permissions import (
	GM_READS_ERPNEXT,
	READERS,
	STEPS,
	docperms,
	link_pickers,
	owner_only,
)

RIGHTS = (
	"select",
	"read",
	"write",
	"create",
	"submit",
	"cancel",
	"amend",
	"report",
	"export",
	"print",
	"email",
	"share",
)
# doctypes that had no Custom DocPerm before the app granted its own: uninstall resets them
UNTOUCHED_KEY = "lvyue_ops_permission_doctypes"
# on the others, what the app added: rows it inserted, and rights it set on an admin's rows
GRANTED_KEY = "lvyue_ops_granted_permissions"


def stored(key: str, default: str):
	"""A global default as stored now: frappe's cached `get_global` may hand back a value from
	before this transaction's last `set_global`, and the record would keep only its last row."""
	value = frappe.db.get_value("DefaultValue", {"parent": "__global", "defkey": key}, "defvalue")
	return json.loads(value or default)


def granted() -> dict:
	return stored(GRANTED_KEY, '{"inserted": [], "added": {}}')


def remember(inserted: str | None = None, row: str | None = None, rights=()) -> None:
	record = granted()
	if inserted:
		record["inserted"].append(inserted)
	if row:
		record["added"][row] = sorted(set(record["added"].get(row, [])) | set(rights))
	frappe.db.set_global(GRANTED_KEY, json.dumps(record))


def erpnext_doctypes() -> list[str]:
	ours = set(
		frappe.get_all(
			"DocType", filters={"module": ("in", frappe.get_module_list("lvyue_ops"))}, pluck="name"
		)
	)
	named = {s.doctype for s in STEPS.values()} | set(READERS) | set(GM_READS_ERPNEXT) | set(link_pickers())
	return sorted(d for d in named - ours if frappe.db.exists("DocType", d))


SINGLE_RIGHTS = ("select", "read", "write", "create", "print", "email", "share")


def applicable_rights(doctype: str, rights) -> set[str]:
	"""A single DocType (a settings form) has no report, export, submit …: only the rights it can use."""
	if frappe.get_meta(doctype).issingle:
		return set(rights) & set(SINGLE_RIGHTS)
	return set(rights)


def effective_rights(doctype: str, role: str, if_owner: bool = False) -> set[str]:
	source = "Custom DocPerm" if frappe.db.exists("Custom DocPerm", {"parent": doctype}) else "DocPerm"
	rows = frappe.get_all(
		source,
		filters={"parent": doctype, "role": role, "permlevel": 0, "if_owner": int(if_owner)},
		fields=list(RIGHTS),
	)
	return {right for row in rows for right in RIGHTS if row.get(right)}


def grant(doctype: str, role: str, rights, if_owner: bool = False) -> bool:
	"""Give the role the rights on the doctype (level 0), adding a Custom DocPerm only when it
	lacks one of them; never takes a right away. Returns whether anything changed."""
	rights = applicable_rights(doctype, rights)
	missing = rights - effective_rights(doctype, role, if_owner)
	if not missing:
		return False
	setup_custom_perms(doctype)
	name = frappe.db.get_value(
		"Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0, "if_owner": int(if_owner)}
	)
	if name:
		frappe.db.set_value("Custom DocPerm", name, {right: 1 for right in missing})
		remember(row=name, rights=missing)
	else:
		row = frappe.get_doc(
			{
				"doctype": "Custom DocPerm",
				"parent": doctype,
				"parenttype": "DocType",
				"parentfield": "permissions",
				"role": role,
				"permlevel": 0,
				"if_owner": int(if_owner),
				**{right: int(right in rights) for right in RIGHTS},  # DocPerm's read defaults to 1
			}
		).insert(ignore_permissions=True)
		remember(inserted=row.name)
	frappe.clear_cache(doctype=doctype)
	return True


def grant_erpnext_permissions():
	untouched = set(stored(UNTOUCHED_KEY, "[]"))
	for doctype in erpnext_doctypes():
		if not frappe.db.exists("Custom DocPerm", {"parent": doctype}):
			untouched.add(doctype)
		for role, rights in docperms(doctype, app_doctype=False).items():
			grant(doctype, role, rights, owner_only(doctype, role))
	frappe.db.set_global(UNTOUCHED_KEY, json.dumps(sorted(untouched)))


def remove_erpnext_permissions():
	"""Uninstall: doctypes the app was first to customise go back to their standard rights; on the
	others, the rows the app inserted go and the rights it set on an admin's rows are taken back."""
	untouched = set(stored(UNTOUCHED_KEY, "[]"))
	record = granted()
	frappe.db.delete("Custom DocPerm", {"name": ("in", record["inserted"] or [""])})
	for row, rights in record["added"].items():
		if frappe.db.exists("Custom DocPerm", row):
			frappe.db.set_value("Custom DocPerm", row, {right: 0 for right in rights})
	for doctype in erpnext_doctypes():
		# the app's own roles' rows, also those granted before the app kept its record
		frappe.db.delete("Custom DocPerm", {"parent": doctype, "role": ("in", R.DEPARTMENT_ROLES)})
		# the app was first to customise it: back to the standard rights, unless an admin (or
		# another app) has changed them since: their change stays
		if doctype in untouched and rows_of("Custom DocPerm", doctype) == rows_of("DocPerm", doctype):
			frappe.db.delete("Custom DocPerm", {"parent": doctype})
		frappe.clear_cache(doctype=doctype)
	frappe.db.set_global(UNTOUCHED_KEY, None)
	frappe.db.set_global(GRANTED_KEY, None)


def rows_of(source: str, doctype: str) -> list[tuple]:
	"""The doctype's permission rows (DocPerm or Custom DocPerm) as comparable tuples, with no right."""
	fields = ["role", "permlevel", "if_owner", *RIGHTS]
	rows = frappe.get_all(source, filters={"parent": doctype}, fields=fields)
	return sorted(tuple(row.get(f) or 0 for f in fields) for row in rows if any(row.get(r) for r in RIGHTS))
