"""The app is installed on the test site with its roles and settings."""

import frappe
from frappe import _

from lvyue_ops.roles import DEPARTMENT_ROLES, REUSED_ERPNEXT_ROLES
from lvyue_ops.setup.records import load_records, seed_records

ROLE_ZH = {
	"Marketing Manager": "营销部经理",
	"Operations Supervisor": "运营部主管",
	"Technical Support": "技术支持部",
	"Finance Supervisor": "财务部主管",
	"General Manager": "总经理",
	"Business Assistant": "商务助理",
	"Customer Service Specialist": "客服专员",
}


def test_app_is_installed_after_erpnext():
	apps = frappe.get_installed_apps()
	assert "lvyue_ops" in apps
	assert apps.index("erpnext") < apps.index("lvyue_ops")


def test_required_apps_and_version_ranges_declared():
	assert frappe.get_hooks("required_apps", app_name="lvyue_ops") == ["erpnext"]
	import tomllib

	with open(frappe.get_app_path("lvyue_ops", "..", "pyproject.toml"), "rb") as f:
		deps = tomllib.load(f)["tool"]["bench"]["frappe-dependencies"]
	assert deps == {"frappe": ">=15.0.0,<16.0.0", "erpnext": ">=15.0.0,<16.0.0"}


def test_department_roles_exist_as_desk_roles():
	for role in DEPARTMENT_ROLES:
		assert frappe.db.get_value("Role", role, "desk_access") == 1, role


def test_reused_erpnext_roles_exist():
	for role in REUSED_ERPNEXT_ROLES:
		assert frappe.db.exists("Role", role), role


def test_department_roles_have_chinese_names():
	assert set(ROLE_ZH) == set(DEPARTMENT_ROLES)
	for role, zh in ROLE_ZH.items():
		assert _(role, lang="zh") == zh


def test_module_is_registered():
	assert frappe.db.get_value("Module Def", "Lvyue Ops", "app_name") == "lvyue_ops"


def test_seeding_keeps_an_admins_edit():
	role = DEPARTMENT_ROLES[0]
	frappe.db.set_value("Role", role, "home_page", "/app/lvyue-ops")
	assert seed_records() == []
	assert frappe.db.get_value("Role", role, "home_page") == "/app/lvyue-ops"


def test_seeding_restores_a_deleted_record():
	role = DEPARTMENT_ROLES[-1]
	frappe.db.delete("Role", {"name": role})
	assert ("Role", role) in seed_records()
	assert frappe.db.exists("Role", role)


def test_shipped_records_are_all_department_roles():
	roles = {r["name"] for r in load_records() if r["doctype"] == "Role"}
	assert roles == set(DEPARTMENT_ROLES)
