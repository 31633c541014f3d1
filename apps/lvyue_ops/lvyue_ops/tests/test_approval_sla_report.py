import frappe

from lvyue_ops import roles as R
from lvyue_ops.approvals.report.approval_sla.approval_sla import execute
from lvyue_ops.tests.approval_helpers import approve_through, make_project_approval, role_users
from lvyue_ops.tests.utils import frozen_time


def test_report_shows_cycle_time_and_share_within_sla(base):
	frappe.db.delete("Approval Step")
	users = role_users()
	doc = make_project_approval(base.company, users[R.SALES_USER])
	with frozen_time("2026-12-07 09:00:00"):
		doc, _ = approve_through(doc, users, until_state="Pending Marketing Manager")
	with frozen_time("2026-12-08 15:00:00"):  # 30 h: late
		doc, _ = approve_through(doc, users, until_state="Pending Operations Supervisor")
	with frozen_time("2026-12-08 17:00:00"):  # 2 h: on time
		doc, _ = approve_through(doc, users, until_state="Pending Finance Supervisor")

	_columns, rows, _message, chart = execute({"reference_doctype": "Project Approval"})
	by_step = {r["workflow_state"]: r for r in rows}
	assert by_step["Pending Marketing Manager"]["avg_hours"] == 30
	assert by_step["Pending Marketing Manager"]["within_sla_percent"] == 0
	assert by_step["Pending Operations Supervisor"]["within_sla_percent"] == 100
	assert by_step["Pending Finance Supervisor"]["open_steps"] == 1
	assert chart["type"] == "bar" and len(chart["data"]["labels"]) == len(rows)


def test_department_heads_can_open_the_report(base):
	from frappe.desk.query_report import run

	from lvyue_ops.tests.factories import make_user
	from lvyue_ops.tests.utils import as_user

	for role in (R.OPERATIONS_SUPERVISOR, R.BUSINESS_ASSISTANT, R.GENERAL_MANAGER):
		with as_user(make_user([role])):
			assert "result" in run("Approval SLA", filters={})
