"""`bench migrate` is idempotent and the app uninstalls and reinstalls cleanly.

These run the site's own bench commands in a subprocess against the test site."""

import os
import subprocess
import sys

import frappe

from lvyue_ops.roles import DEPARTMENT_ROLES
from lvyue_ops.tests import factories

MODULE = "Lvyue Ops"


def app_modules() -> list[str]:
	return frappe.get_module_list("lvyue_ops")


def bench(*args: str) -> str:
	"""`bench --site <test site> <args>` through frappe's bench helper, as bench itself does."""
	frappe.db.rollback()  # hold no locks while another process migrates
	result = subprocess.run(
		[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "--site", frappe.local.site, *args],
		cwd=frappe.local.sites_path,
		capture_output=True,
		text=True,
		timeout=900,
		env={**os.environ, "PYTHONUNBUFFERED": "1"},
	)
	assert result.returncode == 0, f"{args}: {result.stdout[-3000:]}\n{result.stderr[-3000:]}"
	frappe.db.rollback()  # see what the other process committed
	frappe.clear_cache()
	return result.stdout


def snapshot() -> dict:
	"""Everything the app owns on the site, with timestamps, and the schema of its tables."""
	doctypes = frappe.get_all(
		"DocType", filters={"module": ("in", app_modules())}, fields=["name", "modified", "issingle"]
	)
	tables = [f"tab{d.name}" for d in doctypes if not d.issingle]
	return {
		"doctypes": sorted((d.name, str(d.modified)) for d in doctypes),
		"docfields": sorted(
			frappe.get_all(
				"DocField",
				filters={"parent": ("in", [d.name for d in doctypes] or [""])},
				fields=["parent", "fieldname", "modified"],
				as_list=True,
			)
		),
		"schema": {t: frappe.db.sql(f"show create table `{t}`")[0][1] for t in tables},
		"roles": sorted(
			frappe.get_all(
				"Role", filters={"name": ("in", DEPARTMENT_ROLES)}, fields=["name", "modified"], as_list=True
			)
		),
		"singles": sorted(
			frappe.db.sql(
				"select doctype, field, value from tabSingles where doctype in %s",
				[[d.name for d in doctypes] or [""]],
			)
		),
		"custom_fields": sorted(
			frappe.get_all(
				"Custom Field", filters={"module": MODULE}, fields=["name", "modified"], as_list=True
			)
		),
		"property_setters": sorted(
			frappe.get_all(
				"Property Setter", filters={"module": MODULE}, fields=["name", "modified"], as_list=True
			)
		),
		"workflows": sorted(frappe.get_all("Workflow", fields=["name", "modified"], as_list=True)),
		"patches": frappe.db.count("Patch Log"),
	}


def test_migrate_twice_changes_nothing():
	bench("migrate", "--skip-search-index")
	before = snapshot()
	bench("migrate", "--skip-search-index")
	after = snapshot()
	for key in before:
		assert before[key] == after[key], key


def erpnext_customisations() -> dict:
	"""What ERPNext's own DocTypes carry beyond their standard: custom fields, property setters and
	custom permissions, as rows to compare."""
	return {
		"Custom Field": frappe.get_all("Custom Field", fields=["dt", "fieldname"], order_by="dt, fieldname"),
		"Property Setter": frappe.get_all(
			"Property Setter", fields=["doc_type", "field_name", "property", "value"], order_by="name"
		),
		"Custom DocPerm": frappe.get_all(
			"Custom DocPerm",
			fields=[
				"parent",
				"role",
				"permlevel",
				"if_owner",
				"select",
				"read",
				"write",
				"create",
				"submit",
				"cancel",
			],
			order_by="parent, role, permlevel, if_owner",
		),
	}


def test_uninstall_and_reinstall_are_clean():
	"""ERPNext as it was: the app's custom fields, property setters and permissions all go with it
	(compared with a site where it was never installed would need a second site; here: nothing of
	the app's is left, and reinstalling gives the same as before)."""
	assert frappe.db.exists("DocType", "Lvyue Ops Settings")
	installed = erpnext_customisations()
	bench("uninstall-app", "lvyue_ops", "--yes", "--no-backup", "--force")
	frappe.db.rollback()
	left = erpnext_customisations()
	assert not [f for f in left["Custom Field"] if f.fieldname.startswith("lvyue_")]
	assert not [p for p in left["Property Setter"] if (p.field_name or "").startswith("lvyue_")]
	assert not [p for p in left["Custom DocPerm"] if p.role in DEPARTMENT_ROLES]
	assert not [
		p for p in left["Custom DocPerm"] if p.parent in ("Company", "Issue Priority", "Sales Person")
	]
	assert "lvyue_ops" not in frappe.get_installed_apps()
	assert not frappe.get_all("DocType", filters={"module": ("in", app_modules())})
	assert not frappe.get_all("Module Def", filters={"app_name": "lvyue_ops"})
	assert not frappe.db.sql("select 1 from tabSingles where doctype='Lvyue Ops Settings'")
	# roles stay, so users keep their assignments
	assert all(frappe.db.exists("Role", r) for r in DEPARTMENT_ROLES)

	bench("install-app", "lvyue_ops")
	frappe.db.rollback()
	assert "lvyue_ops" in frappe.get_installed_apps()
	assert frappe.db.exists("DocType", "Lvyue Ops Settings")
	assert frappe.db.get_single_value("Lvyue Ops Settings", "approval_sla_hours") == 24
	try:
		assert erpnext_customisations() == installed
	finally:
		# the app's tables came back empty: the run's committed base (the company's settings) again
		factories.ensure_base()


def test_an_admins_change_to_a_workflow_step_survives_migrate():
	def set_step_role(role):
		workflow = frappe.get_doc("Workflow", "Project Approval Chain")
		for t in workflow.transitions:
			if t.state == "Pending Finance Supervisor":
				t.allowed = role
		workflow.save()
		frappe.db.commit()

	set_step_role("Accounts Manager")
	try:
		bench("migrate", "--skip-search-index")
		workflow = frappe.get_doc("Workflow", "Project Approval Chain")
		assert {t.allowed for t in workflow.transitions if t.state == "Pending Finance Supervisor"} == {
			"Accounts Manager"
		}
	finally:
		set_step_role("Finance Supervisor")


def test_migrate_from_the_one_module_layout_keeps_every_record(base):
	"""A site made before the business-area modules: every record of the app sat in the module
	"Lvyue Ops", the fields on ERPNext's Customer and Contract had no prefix, and the contract chain
	read `workflow_state`. `bench migrate` moves it all and keeps every record and value."""
	from lvyue_ops.patches.v0_2.move_to_business_modules import KINDS, records_in
	from lvyue_ops.setup.custom_fields import RENAMED_FIELDS
	from lvyue_ops.tests.factories import make_customer

	customer = make_customer(lvyue_vos_account=f"old{frappe.generate_hash(length=6)}", lvyue_is_prepaid=1)
	areas = [m for m in app_modules() if m != MODULE]
	tables = [
		d
		for d in frappe.get_all(
			"DocType", filters={"module": ("in", app_modules()), "issingle": 0}, pluck="name"
		)
	]
	rows_before = {t: frappe.db.count(t) for t in tables}

	# the old layout
	for doctype in ("DocType", "Report", "Print Format", "Web Form"):
		frappe.db.set_value(doctype, {"module": ("in", areas)}, "module", MODULE, update_modified=False)
	for workspace in frappe.get_all("Workspace", filters={"module": ("in", areas)}, pluck="name"):
		frappe.delete_doc("Workspace", workspace, force=True, ignore_permissions=True)
	frappe.db.delete("Module Def", {"name": ("in", areas)})
	frappe.db.commit()  # the column renames below commit implicitly
	for doctype, fields in RENAMED_FIELDS.items():
		for old in fields:
			frappe.db.rename_column(doctype, f"lvyue_{old}", old)
			frappe.db.sql(
				"update `tabCustom Field` set name = %s, fieldname = %s where dt = %s and fieldname = %s",
				(f"{doctype}-{old}", old, doctype, f"lvyue_{old}"),
			)
	frappe.db.set_value("Workflow", "Contract Approval Chain", "workflow_state_field", "workflow_state")
	frappe.db.delete("Patch Log", {"patch": ("like", "lvyue_ops.patches.v0_2.%")})
	frappe.db.commit()

	bench("migrate", "--skip-search-index")

	for module in app_modules():
		assert frappe.db.get_value("Module Def", module, "app_name") == "lvyue_ops", module
		folder = frappe.get_app_path("lvyue_ops", frappe.scrub(module))
		for kind, doctype in KINDS.items():
			for name in records_in(os.path.join(folder, kind)):
				assert frappe.db.get_value(doctype, name, "module") == module, (doctype, name)
	assert {t: frappe.db.count(t) for t in tables} == rows_before
	assert frappe.db.get_value("Customer", customer, ["lvyue_vos_account", "lvyue_is_prepaid"])[1] == 1
	assert frappe.db.get_value("Customer", customer, "lvyue_vos_account").startswith("old")
	for doctype, fields in RENAMED_FIELDS.items():
		for old in fields:
			assert not frappe.db.has_column(doctype, old), (doctype, old)
	assert (
		frappe.db.get_value("Workflow", "Contract Approval Chain", "workflow_state_field")
		== "lvyue_workflow_state"
	)
	frappe.delete_doc("Customer", customer, force=True)
	frappe.db.commit()
