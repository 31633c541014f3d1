"""Records that admins may edit in desk (roles, workflows), seeded once and never overwritten.

Frappe's `fixtures/` are deleted and re-inserted on every `bench migrate`, which would undo an
admin's change (say, the role of a workflow step). These records are in the same JSON form as
exported fixtures, but a record is only inserted when it does not exist yet.
"""

import json
import os

import frappe

RECORDS_DIR = os.path.join(os.path.dirname(__file__), "records")


def load_records() -> list[dict]:
	"""The JSON records, then the approval chains and the steps built from the role table."""
	from lvyue_ops.permissions import step_records
	from lvyue_ops.workflow.chains import workflow_records

	records = []
	for fname in sorted(os.listdir(RECORDS_DIR)):
		if fname.endswith(".json"):
			with open(os.path.join(RECORDS_DIR, fname), encoding="utf-8") as f:
				data = json.load(f)
			records.extend(data if isinstance(data, list) else [data])
	return records + workflow_records() + step_records()


def seed_records() -> list[tuple[str, str]]:
	"""Insert every shipped record that is missing; return (doctype, name) of those inserted."""
	inserted = []
	for record in load_records():
		if frappe.db.exists(record["doctype"], record["name"]):
			continue
		doc = frappe.get_doc(record)
		doc.flags.ignore_permissions = True
		doc.insert()
		inserted.append((doc.doctype, doc.name))
	return inserted


def update_shipped(doctype: str, changes: dict[str, dict[str, list]]) -> None:
	"""Move seeded records to what the app now ships (a patch): name -> field -> [the value shipped
	before, the value shipped now]. A field changes only while it still holds the value the app
	shipped; an admin's own value stays."""
	for name, fields in changes.items():
		if not frappe.db.exists(doctype, name):
			continue
		current = frappe.db.get_value(doctype, name, list(fields), as_dict=True)
		values = {f: new for f, (old, new) in fields.items() if (current.get(f) or None) == (old or None)}
		if values:
			frappe.db.set_value(doctype, name, values, update_modified=False)
	frappe.clear_document_cache(doctype)
