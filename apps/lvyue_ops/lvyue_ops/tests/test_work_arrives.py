"""Work arrives by itself (issue 21): when an approval step becomes someone's, each user who may
take it gets a ToDo due at the step's deadline and frappe's notification of it (mailed where they
have an email address), in their own language; the step done, nobody is asked any more; the
requester hears the outcome; a rejection asks for its reason in the dialog that rejects."""

import re

import frappe
import pytest

from lvyue_ops import roles as R
from lvyue_ops.tests.approval_helpers import act, make_project_approval, role_users
from lvyue_ops.tests.factories import make_customer, make_user
from lvyue_ops.tests.utils import CJK, as_user, english_in
from lvyue_ops.utils.notify import alert, in_language, render, when
from lvyue_ops.workflow.approval import reject, reject_many


def open_todos(doc, user: str) -> list[frappe._dict]:
	return frappe.get_all(
		"ToDo",
		filters={
			"reference_type": doc.doctype,
			"reference_name": doc.name,
			"allocated_to": user,
			"status": "Open",
		},
		fields=["name", "description", "date", "priority"],
	)


def notifications(doc, user: str) -> list[str]:
	return frappe.get_all(
		"Notification Log",
		filters={"document_type": doc.doctype, "document_name": doc.name, "for_user": user},
		pluck="subject",
		order_by="creation",
	)


@pytest.fixture
def chain(base):
	users = role_users()
	return users, make_project_approval(base.company, users[R.SALES_USER])


def test_each_approver_is_told_when_the_step_becomes_theirs_and_the_requester_hears_the_outcome(chain):
	users, doc = chain
	doc = act(doc, users[R.SALES_USER], "Submit for Approval")

	manager = users[R.MARKETING_MANAGER]
	[todo] = open_todos(doc, manager)
	deadline = frappe.db.get_value(
		"Approval Step", {"reference_name": doc.name, "status": "Awaiting Action"}, "deadline"
	)
	assert str(todo.date) == str(deadline.date())  # due at the step's deadline
	assert doc.name in todo.description and when(deadline) in todo.description
	assert "待营销部经理审批" in todo.description and not english_in(todo.description)
	assert not re.search(r"\d\d:\d\d:\d\d\.\d+", todo.description)  # no microseconds
	[told] = notifications(doc, manager)  # frappe's notification of the ToDo, in Chinese
	assert CJK.search(told) and not english_in(told)
	assert frappe.db.exists("Email Queue Recipient", {"recipient": manager}) or not frappe.db.get_value(
		"Email Account", {"default_outgoing": 1}
	)
	# the requester is not asked to approve, nor anybody of another role
	assert not open_todos(doc, users[R.SALES_USER]) and not open_todos(doc, users[R.FINANCE_SUPERVISOR])

	doc = act(doc, manager, "Approve")
	assert not open_todos(doc, manager)  # the step is done: nobody is asked any more
	[todo] = open_todos(doc, users[R.OPERATIONS_SUPERVISOR])
	assert "待运营部主管审批" in todo.description

	for role in (R.OPERATIONS_SUPERVISOR, R.FINANCE_SUPERVISOR, R.GENERAL_MANAGER):
		assert open_todos(doc, users[role]), role
		doc = act(doc, users[role], "Approve")
		assert not open_todos(doc, users[role])
	assert doc.workflow_state == "Approved"
	[outcome] = notifications(doc, users[R.SALES_USER])
	assert outcome == f"立项审批 {doc.name} 已审批通过。"


def test_the_rejecting_dialog_takes_the_reason_and_the_requester_reads_it(chain):
	users, doc = chain
	doc = act(doc, users[R.SALES_USER], "Submit for Approval")
	manager = users[R.MARKETING_MANAGER]

	with as_user(manager), pytest.raises(frappe.ValidationError, match="请填写驳回原因"):
		with in_language("zh"):
			reject("Project Approval", doc.name, "  ")
	# a user of another role may not reject this step
	with as_user(users[R.FINANCE_SUPERVISOR]), pytest.raises(frappe.ValidationError):
		reject("Project Approval", doc.name, "价格过低")

	with as_user(manager):
		assert reject("Project Approval", doc.name, "价格低于公司底价") == "Rejected"
	doc.reload()
	assert doc.rejection_reason == "价格低于公司底价"
	assert not open_todos(doc, manager)
	step = frappe.get_all(
		"Approval Step",
		filters={"reference_name": doc.name, "action": "Reject"},
		fields=["action_by", "remarks"],
	)
	assert step == [{"action_by": manager, "remarks": "价格低于公司底价"}]
	[outcome] = notifications(doc, users[R.SALES_USER])
	assert outcome == f"立项审批 {doc.name} 已被驳回：价格低于公司底价"


def test_the_list_rejects_the_selected_with_one_reason_and_reports_the_rest(chain, base):
	"""The list's 驳回（填写原因）: the steps waiting for the user are rejected with the reason; one
	that is not (still a draft) is reported, and the others go on."""
	users, first = chain
	sales = users[R.SALES_USER]
	second = make_project_approval(base.company, sales)
	draft = make_project_approval(base.company, sales)
	for doc in (first, second):
		act(doc, sales, "Submit for Approval")
	with as_user(users[R.MARKETING_MANAGER]), in_language("zh"):
		result = reject_many("Project Approval", [first.name, draft.name, second.name], "本季度暂停立项")
	assert result["rejected"] == [first.name, second.name]
	assert [f["name"] for f in result["failed"]] == [draft.name]
	assert result["failed"][0]["message"] == f"立项审批 {draft.name} 当前不在等待您审批。"
	for doc in (first, second):
		assert frappe.db.get_value("Project Approval", doc.name, ["workflow_state", "rejection_reason"]) == (
			"Rejected",
			"本季度暂停立项",
		)
	assert frappe.db.get_value("Project Approval", draft.name, "workflow_state") in (None, "", "Draft")


def test_each_reader_reads_an_alert_in_their_own_language(base):
	chinese, english = make_user(["Sales User"]), make_user(["Sales User"], language="en")
	customer = make_customer()
	alert(
		[chinese, english],
		lambda: frappe._("{0} {1} is approved.").format(frappe._("Project Approval"), "PA-X"),
		"Customer",
		customer,
	)

	def subject(user):
		return frappe.get_all(
			"Notification Log", filters={"for_user": user, "document_name": customer}, pluck="subject"
		)

	assert subject(chinese) == ["立项审批 PA-X 已审批通过。"]
	assert subject(english) == ["Project Approval PA-X is approved."]
	assert render(lambda: frappe._("Reject"), "zh") == "拒绝"
	assert frappe.local.lang == "en"  # the language of the request is back


def test_what_waits_for_me_comes_overdue_first_then_by_due_date(base):
	from lvyue_ops.lvyue_ops.my_work import my_work
	from lvyue_ops.utils.notify import assign

	user, other = make_user([R.CUSTOMER_SERVICE]), make_user([R.CUSTOMER_SERVICE])
	today = frappe.utils.getdate()
	due = {
		"later": frappe.utils.add_days(today, 5),
		"undated": None,
		"overdue": frappe.utils.add_days(today, -2),
		"today": today,
	}
	for label, date in due.items():
		customer = make_customer()
		assign([user], "Customer", customer, f"<p>{label}</p>", date=date)
		if date is None:  # frappe dates a ToDo given none today; this one has no due date
			frappe.db.set_value("ToDo", {"reference_name": customer, "allocated_to": user}, "date", None)
	assign([other], "Customer", make_customer(), "<p>not mine</p>")

	with as_user(user):
		work = my_work()
	assert [t.description for t in work["items"]] == ["overdue", "today", "later", "undated"]
	assert (work["count"], work["overdue"]) == (4, 1)
	assert [t.overdue for t in work["items"]] == [True, False, False, False]


@pytest.mark.parametrize(
	"role, workspace",
	[
		(R.OPERATIONS_SUPERVISOR, "Lvyue Ops"),
		(R.GENERAL_MANAGER, "Lvyue Ops"),
		(R.BUSINESS_ASSISTANT, "Monthly Billing"),
		(R.CUSTOMER_SERVICE, "Customer Service"),
		(R.FINANCE_SUPERVISOR, "Collections"),
		(R.MARKETING_MANAGER, "Approval Chains"),
		(R.TECHNICAL_SUPPORT, "Customer Service"),
		(R.SALES_USER, "Approval Chains"),
	],
)
def test_each_role_lands_on_its_workspace_and_sees_it_in_the_sidebar(base, role, workspace):
	from frappe.desk.desktop import get_workspace_sidebar_items

	user = make_user([role], user_type="System User")
	assert frappe.db.get_value("User", user, "default_workspace") == workspace
	with as_user(user):
		pages = {p["name"]: p for p in get_workspace_sidebar_items()["pages"]}
	# the workspace and the 履约运营 workspace it sits under are both in the sidebar
	assert workspace in pages and "Lvyue Ops" in pages, sorted(pages)
	content = frappe.parse_json(frappe.db.get_value("Workspace", workspace, "content"))
	assert content[1]["data"]["custom_block_name"] == "Lvyue My Work"  # what waits, first


def test_an_admins_choice_of_workspace_is_kept(base):
	user = make_user([R.BUSINESS_ASSISTANT], user_type="System User", default_workspace="Collections")
	assert frappe.db.get_value("User", user, "default_workspace") == "Collections"


def test_a_background_job_writes_in_the_sites_language(base):
	from lvyue_ops.utils.jobs import site_language

	assert "lvyue_ops.utils.jobs.site_language" in frappe.get_hooks("before_job")
	previous_default, previous_lang = frappe.db.get_default("lang"), frappe.local.lang
	frappe.db.set_default("lang", "zh")
	try:
		frappe.local.lang = "en"  # frappe starts every job in English
		site_language()
		assert frappe.local.lang == "zh"
	finally:
		frappe.db.set_default("lang", previous_default)
		frappe.local.lang = previous_lang
