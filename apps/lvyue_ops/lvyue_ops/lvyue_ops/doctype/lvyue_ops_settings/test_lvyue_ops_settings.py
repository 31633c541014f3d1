import frappe
import pytest

from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import (
	SETTINGS,
	get_setting,
	get_settings,
	parse_extensions,
	store_missing_defaults,
)

RULE_DEFAULTS = {
	"approval_sla_hours": 24,
	"document_deadline_days": 3,
	"shutdown_request_hours": 24,
	"complaint_reply_working_days": 1,
	"max_upload_size_mb": 10,
}


def test_defaults_follow_the_operations_rules():
	for fieldname, value in RULE_DEFAULTS.items():
		assert get_setting(fieldname) == value, fieldname
	assert get_settings().get_allowed_extensions() == ["pdf", "jpg", "jpeg", "png"]


def test_every_setting_with_a_default_is_stored():
	assert store_missing_defaults() == []


def test_missing_value_is_filled_but_admin_values_are_kept():
	settings = frappe.get_doc(SETTINGS)
	settings.approval_sla_hours = 48
	settings.save()
	frappe.db.delete("Singles", {"doctype": SETTINGS, "field": "document_deadline_days"})
	assert store_missing_defaults() == ["document_deadline_days"]
	assert get_setting("document_deadline_days") == 3
	assert get_setting("approval_sla_hours") == 48


@pytest.mark.parametrize(
	"field,value,message",
	[
		("max_upload_size_mb", 0, "上传文件大小上限至少为 1 MB。"),
		("allowed_upload_extensions", " , ;", "允许上传的文件类型至少须包含一种扩展名。"),
	],
)
def test_bad_settings_are_refused_in_chinese(field, value, message):
	frappe.local.lang = "zh"
	try:
		settings = frappe.get_doc(SETTINGS)
		settings.set(field, value)
		with pytest.raises(frappe.ValidationError, match=message):
			settings.save()
	finally:
		frappe.local.lang = "en"


@pytest.mark.parametrize("role", ["Sales User", "General Manager", "Customer"])
def test_only_operations_changes_the_settings(role):
	"""The General Manager reads them; portal users do not (security review L4)."""
	from lvyue_ops.tests.factories import make_user

	frappe.set_user(make_user([role]))
	if role == "Customer":
		assert not frappe.has_permission(SETTINGS, "read")
		return
	settings = frappe.get_doc(SETTINGS)
	settings.approval_sla_hours = 1
	with pytest.raises(frappe.PermissionError):
		settings.save()


def test_the_operations_supervisor_changes_the_settings():
	from lvyue_ops.tests.factories import make_user

	frappe.set_user(make_user(["Operations Supervisor"]))
	settings = frappe.get_doc(SETTINGS)
	settings.approval_sla_hours = 12
	settings.save()
	assert get_setting("approval_sla_hours") == 12


def test_parse_extensions():
	assert parse_extensions("pdf, .JPG;png  jpeg") == ["pdf", "jpg", "png", "jpeg"]
	assert parse_extensions(" , ") == []
