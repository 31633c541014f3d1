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
