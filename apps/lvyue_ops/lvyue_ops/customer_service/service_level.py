"""Service levels of customer requests (客户请求分级, 运营部管理规定 第四章 第四条 2-1) on
ERPNext's own Service Level Agreement for Issues."""

import frappe

# grade -> (response hours, resolution hours), counted in working hours of the Holiday List
GRADE_HOURS = {"Grade 1": (1, 8), "Grade 2": (4, 24), "Grade 3": (8, 72)}
WORKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# the agreement the app installs, and the marker that it did (once: an admin's edits, or its
# removal, stay)
SERVICE_LEVEL = "履约服务等级"
SEEDED = "lvyue_service_level_seeded"


def install_service_level_agreement() -> str | None:
	"""Seed the graded agreement once: after install, by a patch on sites that had the app before,
	or when a company first gets its Holiday List (a new site installs the app before it has a
	company, and the agreement needs the calendar). Never touches an existing one."""
	existing = frappe.db.get_value("Service Level Agreement", {"service_level": SERVICE_LEVEL})
	if existing or frappe.db.get_global(SEEDED):
		return existing
	holiday_list = default_holiday_list()
	if not holiday_list:
		return None
	name = make_service_level_agreement(SERVICE_LEVEL, holiday_list).name
	frappe.db.set_global(SEEDED, name)
	return name


def default_holiday_list() -> str | None:
	"""The default company's Holiday List, else the first company's that has one."""
	company = frappe.db.get_single_value("Global Defaults", "default_company")
	return (
		company and frappe.db.get_value("Company", company, "default_holiday_list")
	) or frappe.db.get_value(
		"Company", {"default_holiday_list": ("is", "set")}, "default_holiday_list", order_by="creation asc"
	)


def make_service_level_agreement(name: str, holiday_list: str, start="09:00:00", end="18:00:00"):
	"""ERPNext's Service Level Agreement for the Issues of the rules (those with a request category),
	by grade. Every day of the week is a support day and the Holiday List takes the weekends and
	holidays out, so a 调休 working weekend counts as a working day."""
	existing = frappe.db.get_value("Service Level Agreement", {"service_level": name})
	if existing:
		return frappe.get_doc("Service Level Agreement", existing)
	frappe.db.set_single_value("Support Settings", "track_service_level_agreement", 1)
	doc = frappe.get_doc(
		{
			"doctype": "Service Level Agreement",
			"service_level": name,
			"document_type": "Issue",
			"holiday_list": holiday_list,
			"enabled": 1,
			"apply_sla_for_resolution": 1,
			"default_priority": "Grade 3",
			# the department's service requests only (a category of the rules): the company's other
			# Issues keep whatever agreement they had
			"condition": "doc.lvyue_category",
			"support_and_resolution": [
				{"workday": day, "start_time": start, "end_time": end} for day in WORKDAYS
			],
			"priorities": [
				{
					"priority": grade,
					"response_time": response * 3600,
					"resolution_time": resolution * 3600,
					"default_priority": int(grade == "Grade 3"),
				}
				for grade, (response, resolution) in GRADE_HOURS.items()
			],
			"sla_fulfilled_on": [{"status": "Resolved"}, {"status": "Closed"}],
		}
	)
	doc.insert(ignore_permissions=True)
	return doc
