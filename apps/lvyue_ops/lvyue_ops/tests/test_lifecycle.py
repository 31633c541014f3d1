"""`bench migrate` is idempotent and the app uninstalls and reinstalls cleanly.

These run the site's own bench commands in a subprocess against the test site."""

import os
import subprocess
import sys

import frappe

from lvyue_ops.roles import DEPARTMENT_ROLES

MODULE = "Lvyue Ops"


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
	doctypes = frappe.get_all("DocType", filters={"module": MODULE}, fields=["name", "modified", "issingle"])
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
			frappe.get_all("Role", filters={"name": ("in", DEPARTMENT_ROLES)}, fields=["name", "modified"], as_list=True)
		),
		"singles": sorted(
			frappe.db.sql("select doctype, field, value from tabSingles where doctype in %s", [[d.name for d in doctypes] or [""]])
		),
		"custom_fields": sorted(frappe.get_all("Custom Field", filters={"module": MODULE}, fields=["name", "modified"], as_list=True)),
		"property_setters": sorted(frappe.get_all("Property Setter", filters={"module": MODULE}, fields=["name", "modified"], as_list=True)),
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


def test_uninstall_and_reinstall_are_clean():
	assert frappe.db.exists("DocType", "Lvyue Ops Settings")
	bench("uninstall-app", "lvyue_ops", "--yes", "--no-backup", "--force")
	assert "lvyue_ops" not in frappe.get_installed_apps()
	assert not frappe.get_all("DocType", filters={"module": MODULE})
	assert not frappe.db.exists("Module Def", MODULE)
	assert not frappe.db.sql("select 1 from tabSingles where doctype='Lvyue Ops Settings'")
	# roles stay, so users keep their assignments
	assert all(frappe.db.exists("Role", r) for r in DEPARTMENT_ROLES)

	bench("install-app", "lvyue_ops")
	assert "lvyue_ops" in frappe.get_installed_apps()
	assert frappe.db.exists("DocType", "Lvyue Ops Settings")
	assert frappe.db.get_single_value("Lvyue Ops Settings", "approval_sla_hours") == 24


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
		assert {t.allowed for t in workflow.transitions if t.state == "Pending Finance Supervisor"} == {"Accounts Manager"}
	finally:
		set_step_role("Finance Supervisor")
