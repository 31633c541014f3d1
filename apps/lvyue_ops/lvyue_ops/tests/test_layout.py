"""The app's layout follows Frappe's: a module per business area, DocType JSON as the desk writes
it, a typed controller per DocType, hooks on ERPNext's DocTypes in overrides/."""

import ast
import json
import os

import frappe

APP = frappe.get_app_path("lvyue_ops")


def doctype_folders():
	for module in frappe.get_module_list("lvyue_ops"):
		base = os.path.join(APP, frappe.scrub(module), "doctype")
		for name in sorted(os.listdir(base)) if os.path.isdir(base) else []:
			if os.path.isfile(os.path.join(base, name, f"{name}.json")):
				yield module, os.path.join(base, name), name


def test_every_module_is_a_business_area_folder():
	modules = frappe.get_module_list("lvyue_ops")
	assert len(modules) >= 8
	for module in modules:
		assert os.path.isdir(os.path.join(APP, frappe.scrub(module))), module
		assert frappe.db.get_value("Module Def", module, "app_name") == "lvyue_ops"


def test_doctype_json_is_written_as_the_desk_writes_it():
	for module, folder, name in doctype_folders():
		path = os.path.join(folder, f"{name}.json")
		with open(path, encoding="utf-8") as f:
			text = f.read()
		data = json.loads(text)
		assert data["module"] == module, path
		assert text == frappe.as_json(data), f"{path}: not as frappe exports it (run ./scripts/export)"


def forwards_self(method: ast.FunctionDef) -> bool:
	"""The method's one statement passes `self` to a function elsewhere."""
	body = [s for s in method.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
	return (
		len(body) == 1
		and isinstance(body[0], ast.Expr | ast.Return)
		and isinstance(getattr(body[0], "value", None), ast.Call)
		and any(isinstance(a, ast.Name) and a.id == "self" for a in body[0].value.args)
	)


def test_every_controller_has_its_type_block_and_keeps_its_own_rules():
	for _module, folder, name in doctype_folders():
		path = os.path.join(folder, f"{name}.py")
		with open(path, encoding="utf-8") as f:
			source = f.read()
		assert "# begin: auto-generated types" in source, f"{path}: run ./scripts/export"
		for cls in (n for n in ast.parse(source).body if isinstance(n, ast.ClassDef)):
			methods = [n for n in cls.body if isinstance(n, ast.FunctionDef)]
			assert not methods or not all(forwards_self(m) for m in methods), (
				f"{path}: {cls.name} only passes calls on"
			)


def test_hooks_wire_only_erpnext_doctypes_to_overrides():
	doc_events = frappe.get_hooks("doc_events", app_name="lvyue_ops")
	own = set(
		frappe.get_all(
			"DocType", filters={"module": ("in", frappe.get_module_list("lvyue_ops"))}, pluck="name"
		)
	)
	for doctype, events in doc_events.items():
		assert doctype not in own, doctype
		if doctype != "*":
			for handler in events.values():
				for path in handler if isinstance(handler, list) else [handler]:
					assert path.startswith(f"lvyue_ops.overrides.{frappe.scrub(doctype)}."), path
