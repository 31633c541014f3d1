"""Every user-facing string of the app has a Chinese translation in translations/zh.csv."""

import csv
import json
import os
import re

import frappe

APP = frappe.get_app_path("lvyue_ops")
CALL = re.compile(r"""(?<![\w.])_{1,2}\(\s*(["'])((?:\\.|(?!\1).)+)\1\s*[,)]""")
SKIP_DIRS = {"tests", "__pycache__", "node_modules", "dist"}


def user_facing_strings() -> dict[str, str]:
	found: dict[str, str] = {}

	def add(text, where):
		text = (text or "").strip()
		if text and re.search(r"[A-Za-z]", text):
			found.setdefault(text, where)

	for dirpath, dirnames, files in os.walk(APP):
		dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
		for fname in files:
			path = os.path.join(dirpath, fname)
			if fname.startswith("test_"):
				continue
			if fname.endswith((".py", ".js", ".html")):
				with open(path, encoding="utf-8") as f:
					for match in CALL.finditer(f.read()):
						add(match.group(2), path)
			elif fname.endswith(".json"):
				with open(path, encoding="utf-8") as f:
					data = json.load(f)
				for doc in data if isinstance(data, list) else [data]:
					if not isinstance(doc, dict):
						continue
					if doc.get("doctype") == "DocType":
						add(doc["name"], path)
						for df in doc.get("fields", []):
							add(df.get("label"), path)
							add(df.get("description"), path)
							if df.get("fieldtype") == "Select":
								for option in (df.get("options") or "").split("\n"):
									add(option, path)
					elif doc.get("doctype") == "Role":
						add(doc["name"], path)
					elif doc.get("doctype") == "Workspace":
						add(doc["label"], path)
						for block in json.loads(doc.get("content") or "[]"):
							if block.get("type") == "header":
								add(re.sub(r"<[^>]+>", "", block["data"]["text"]), path)
						for item in doc.get("links", []) + doc.get("shortcuts", []):
							add(item.get("label"), path)
					elif doc.get("doctype") == "Number Card":
						add(doc["label"], path)
					elif doc.get("doctype") == "Dashboard Chart":
						add(doc["chart_name"], path)
					elif doc.get("doctype") == "Workflow":
						for state in doc.get("states", []):
							add(state.get("state"), path)
						for transition in doc.get("transitions", []):
							add(transition.get("action"), path)
	from lvyue_ops.permissions import STEPS
	from lvyue_ops.setup.custom_fields import CUSTOM_FIELDS
	from lvyue_ops.workflow.chains import workflow_records

	for step in STEPS.values():  # named in the refusals of require_step
		add(step.action, "permissions.py")
	for workflow in workflow_records():
		for state in workflow["states"]:
			add(state["state"], "workflow/chains.py")
		for transition in workflow["transitions"]:
			add(transition["action"], "workflow/chains.py")

	from lvyue_ops.fulfilment_tracking.doctype.monthly_operations_report.monthly_operations_report import (
		FIGURES,
	)

	for label, unit, counts in FIGURES.values():  # stored in English, shown and printed translated
		add(label, "monthly_operations_report.py")
		add(unit, "monthly_operations_report.py")
		add(counts, "monthly_operations_report.py")
	for fields in CUSTOM_FIELDS.values():
		for df in fields:
			add(df.get("label"), "setup/custom_fields.py")
			add(df.get("description"), "setup/custom_fields.py")
	return found


def zh_translations() -> dict[str, str]:
	"""Our translations without a context (a row with one, "Active,在网,Service Line", is that
	DocType's own word and overrides nothing else)."""
	with open(os.path.join(APP, "translations", "zh.csv"), encoding="utf-8") as f:
		return {row[0]: row[1] for row in csv.reader(f) if len(row) >= 2 and not (len(row) > 2 and row[2])}


def test_every_user_facing_string_has_a_chinese_translation():
	"""Ours, or frappe's/ERPNext's for their common words (we do not override those globally)."""
	from frappe.translate import get_translations_from_apps

	zh = {**get_translations_from_apps("zh", apps=["frappe", "erpnext"]), **zh_translations()}
	missing = {s: where for s, where in user_facing_strings().items() if not zh.get(s, "").strip()}
	if missing and os.environ.get("LVYUE_MISSING_TRANSLATIONS"):  # for developers: the list as CSV
		with open(os.environ["LVYUE_MISSING_TRANSLATIONS"], "w", encoding="utf-8") as f:
			csv.writer(f).writerows([source, "", where] for source, where in missing.items())
	assert not missing, f"no zh translation for: {missing}"


def test_translation_file_has_no_duplicates_and_keeps_placeholders():
	with open(os.path.join(APP, "translations", "zh.csv"), encoding="utf-8") as f:
		rows = [row for row in csv.reader(f) if row]
	sources = [(row[0], row[2] if len(row) > 2 else "") for row in rows]
	assert len(sources) == len(set(sources))
	for source, target, *_ in rows:
		assert sorted(re.findall(r"\{\d+\}", source)) == sorted(re.findall(r"\{\d+\}", target)), source


def test_no_global_override_of_frappe_or_erpnext_words():
	"""Our csv is merged over every app's: a different translation of a frappe/ERPNext string
	would change their screens too."""
	from frappe.translate import get_translations_from_apps

	base = get_translations_from_apps("zh", apps=["frappe", "erpnext"])
	clashes = {s: (t, base[s]) for s, t in zh_translations().items() if s in base and base[s] != t}
	assert not clashes
