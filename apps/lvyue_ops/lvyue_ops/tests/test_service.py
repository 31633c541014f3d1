"""Customer service: complaint replies within one working day (across weekends, holidays and 调休),
escalation, numbering under concurrent creation, the 附表一 print format, crisis notices to every
department, reproducible spot checks, issue routing and escalation, and the SLA on holidays."""

import os
import subprocess
import sys
from datetime import date, datetime

import frappe
import pytest

from lvyue_ops import roles as R
from lvyue_ops.customer_service.doctype.complaint_register.complaint_register import (
	escalate_overdue_complaints,
)
from lvyue_ops.customer_service.doctype.public_crisis.public_crisis import NOTICE_ROLES
from lvyue_ops.customer_service.doctype.revisit.revisit import select_spot_checks
from lvyue_ops.customer_service.service_level import make_service_level_agreement
from lvyue_ops.overrides.issue import escalate, make_business_order
from lvyue_ops.tests.factories import PHONE_REVISIT, attach_url, make_customer, make_supplier, make_user
from lvyue_ops.tests.utils import as_user, frozen_time
from lvyue_ops.utils.notify import users_with_role


def complaint(company, channel="Written", received_on="2026-11-20 10:00:00", **fields):
	written = (
		{"complaint_letter": attach_url("投诉函.pdf"), "reply_email": "boss@customer.example"}
		if channel == "Written"
		else {}
	)
	return frappe.get_doc(
		{
			"doctype": "Complaint Register",
			"company": company,
			"customer": make_customer(),
			"channel": channel,
			"received_on": received_on,
			"content": "线路频繁掉线，影响呼叫中心业务。",
			**written,
			**fields,
		}
	).insert()


@pytest.mark.parametrize(
	"received,due",
	[
		("2026-11-18 10:00:00", datetime(2026, 11, 19, 10, 0)),  # plain Wednesday
		("2026-11-20 10:00:00", datetime(2026, 11, 23, 10, 0)),  # Friday: across the weekend
		("2026-09-30 15:00:00", datetime(2026, 10, 8, 15, 0)),  # before 国庆: across the holiday
		("2026-10-09 11:00:00", datetime(2026, 10, 10, 11, 0)),  # the next day is a 调休 working Saturday
		("2026-02-13 09:00:00", datetime(2026, 2, 14, 9, 0)),  # Friday before 春节: the 调休 Saturday
	],
)
def test_written_complaint_reply_is_due_in_one_working_day(base, received, due):
	assert complaint(base.company, received_on=received).reply_due == due


def test_oral_complaints_have_no_written_reply_deadline(base):
	assert not complaint(base.company, channel="Oral").reply_due


def test_written_complaint_goes_to_the_operations_supervisor_and_escalates_when_late(base):
	ops, gm = make_user([R.OPERATIONS_SUPERVISOR]), make_user([R.GENERAL_MANAGER])
	doc = complaint(base.company)
	assert frappe.db.exists("ToDo", {"reference_name": doc.name, "allocated_to": ops})
	assert doc.name not in escalate_overdue_complaints(now=datetime(2026, 11, 23, 9, 59))
	assert doc.name in escalate_overdue_complaints(now=datetime(2026, 11, 23, 10, 1))
	assert frappe.db.exists("ToDo", {"reference_name": doc.name, "allocated_to": gm, "status": "Open"})
	assert doc.name not in escalate_overdue_complaints(now=datetime(2026, 11, 24, 10, 0))


def test_reply_needs_oral_confirmation_findings_and_validity(base):
	doc = complaint(base.company)
	with pytest.raises(frappe.ValidationError, match="by phone"):
		doc.send_reply()
	doc = frappe.get_doc("Complaint Register", doc.name)
	doc.oral_confirmation = 1
	doc.save()
	with pytest.raises(frappe.ValidationError, match="findings and the remedy"):
		frappe.get_doc("Complaint Register", doc.name).send_reply()
	doc = frappe.get_doc("Complaint Register", doc.name)
	doc.update({"reply": "经查为运营商中继故障，已切换备用线路，并减免当月月租。", "is_valid": "Valid"})
	doc.save()
	with as_user(make_user([R.CUSTOMER_SERVICE])), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Complaint Register", doc.name).send_reply()  # a written complaint is the supervisor's
	with as_user(make_user([R.OPERATIONS_SUPERVISOR])):
		doc = frappe.get_doc("Complaint Register", doc.name)
		doc.send_reply()
	assert (doc.status, bool(doc.replied_on)) == ("Answered", True)
	# the reply reaches the customer: the reply letter as a PDF, by mail
	mail = frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": "Complaint Register", "reference_name": doc.name},
		fields=["attachments"],
	)
	assert len(mail) == 1 and '"print_format": "Complaint Reply Letter"' in mail[0].attachments
	assert frappe.db.get_value("Complaint Register", doc.name, "reply_sent_to") == "boss@customer.example"


def test_numbering_stays_unique_under_concurrent_creation(base):
	customer = make_customer()
	frappe.db.commit()
	site, sites = frappe.local.site, frappe.local.sites_path
	args = f'{{"company": "{base.company}", "customer": "{customer}", "count": 5}}'
	workers = [
		subprocess.Popen(
			[
				sys.executable,
				"-m",
				"frappe.utils.bench_helper",
				"frappe",
				"--site",
				site,
				"execute",
				"lvyue_ops.tests.service_helpers.make_complaints",
				"--kwargs",
				args,
			],
			cwd=sites,
			stdout=subprocess.PIPE,
			stderr=subprocess.STDOUT,
			env={**os.environ, "PYTHONUNBUFFERED": "1"},
		)
		for _ in range(2)
	]
	outputs = [w.communicate(timeout=300)[0].decode() for w in workers]
	assert all(w.returncode == 0 for w in workers), outputs
	frappe.db.rollback()
	names = frappe.get_all("Complaint Register", filters={"customer": customer}, pluck="name")
	assert len(names) == len(set(names)) == 10
	numbers = sorted(int(n.rsplit("-", 1)[1]) for n in names)
	assert numbers == list(range(numbers[0], numbers[0] + 10))  # no gaps, no duplicates
	frappe.db.delete("Complaint Register", {"customer": customer})
	frappe.db.commit()


FORM_FIELDS = {
	"customer_address": "广州市天河区体育西路 1 号",
	"content": "线路频繁掉线。",
	"handling_method": "切换备用中继",
	"handling_department": R.TECHNICAL_SUPPORT,
	"is_valid": "Valid",
	"department_opinion": "同意减免当月月租",
	"reply": "已修复并减免。",
}


def test_the_paper_form_prints_every_field(base, site_url):
	manager, person = (
		make_user([R.SALES_USER], first_name="客户经理甲"),
		make_user([R.TECHNICAL_SUPPORT], first_name="负责人乙"),
	)
	doc = complaint(
		base.company, account_manager=manager, person_in_charge=person, oral_confirmation=1, **FORM_FIELDS
	)
	frappe.local.lang = "zh"
	frappe.local.conf.host_name = site_url
	try:
		html = frappe.get_print("Complaint Register", doc.name, print_format="Complaint Register Form")
		pdf = frappe.get_print(
			"Complaint Register", doc.name, print_format="Complaint Register Form", as_pdf=True
		)
	finally:
		frappe.local.lang = "en"
		frappe.local.conf.pop("host_name", None)
	for text in (
		doc.name,
		doc.customer,
		"客户经理甲",
		"负责人乙",
		"客户投诉登记表",
		"附表一",
		"书面",
		"技术支持部",
		*[v for k, v in FORM_FIELDS.items() if k not in ("handling_department", "is_valid")],
	):
		assert text in html, text
	assert pdf.startswith(b"%PDF")


def test_crisis_notice_reaches_every_department_role(base):
	users = {role: make_user([role]) for role in NOTICE_ROLES}
	crisis = frappe.get_doc(
		{
			"doctype": "Public Crisis",
			"title": "电信城域网中断",
			"crisis_type": "Carrier Outage",
			"occurred_on": "2026-11-20 14:00:00",
			"meeting_date": "2026-11-20",
			"meeting_decision": "统一口径，营销部回复客户",
			"external_statement": "因运营商网络故障……",
			"internal_notice": "各部门统一口径……",
		}
	).insert()
	with as_user(users[R.MARKETING_MANAGER]), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Public Crisis", crisis.name).notify_departments()
	with as_user(users[R.OPERATIONS_SUPERVISOR]):
		frappe.get_doc("Public Crisis", crisis.name).notify_departments()
	for role, user in users.items():
		assert frappe.db.exists("Notification Log", {"for_user": user, "document_name": crisis.name}), role
	assert frappe.db.get_value("Public Crisis", crisis.name, "status") == "Notified"


def test_crisis_needs_its_statements_before_notice(base):
	crisis = frappe.get_doc(
		{
			"doctype": "Public Crisis",
			"title": "政策调整",
			"crisis_type": "Policy Change",
			"occurred_on": "2026-11-20 14:00:00",
		}
	).insert()
	with pytest.raises(frappe.ValidationError, match="meeting"):
		crisis.notify_departments()
	crisis.update({"meeting_date": "2026-11-20", "meeting_decision": "对外暂不表态"})
	crisis.save()
	with pytest.raises(frappe.ValidationError, match="external statement"):
		crisis.notify_departments()


def test_each_affected_customer_is_answered_by_its_salesperson_and_the_letters_close_the_crisis(base):
	"""第五条 3: the salesperson of each affected customer replies with the one statement (a ToDo);
	a customer with no salesperson goes to the Marketing Manager; the crisis closes only once the
	letter has reached every customer, by the Operations Supervisor only."""
	sales, manager, ops = (
		make_user([R.SALES_USER]),
		make_user([R.MARKETING_MANAGER]),
		make_user([R.OPERATIONS_SUPERVISOR]),
	)
	served, unserved = make_customer(), make_customer()
	frappe.db.set_value("Customer", served, "account_manager", sales)
	crisis = frappe.get_doc(
		{
			"doctype": "Public Crisis",
			"title": "城域网中断",
			"crisis_type": "Carrier Outage",
			"occurred_on": "2026-11-20 14:00:00",
			"meeting_date": "2026-11-20",
			"meeting_decision": "营销部按统一口径回复",
			"external_statement": "运营商光缆中断，正在抢修。",
			"internal_notice": "统一口径",
			"carrier": make_supplier(),
			"customers": [{"customer": served}, {"customer": unserved}],
		}
	).insert()
	with as_user(ops):
		with pytest.raises(frappe.ValidationError, match="letter"):  # Operations drafts the letter first
			frappe.get_doc("Public Crisis", crisis.name).notify_departments()
		crisis = frappe.get_doc("Public Crisis", crisis.name)
		crisis.customer_letter = "<p>因运营商光缆故障，贵司部分线路中断，深表歉意。</p>"
		crisis.save()
		frappe.get_doc("Public Crisis", crisis.name).notify_departments()
	assert frappe.db.exists(  # 第五条 3-3: Operations talks to the carrier
		"ToDo",
		{
			"reference_name": crisis.name,
			"allocated_to": ops,
			"status": "Open",
			"description": ("like", f"%{crisis.carrier}%"),
		},
	)
	crisis.reload()
	assert crisis.customers[0].salesperson == sales
	assert crisis.customers[1].salesperson in users_with_role(R.MARKETING_MANAGER)

	def todo(user):
		return frappe.get_all(
			"ToDo",
			filters={"reference_name": crisis.name, "allocated_to": user, "status": "Open"},
			pluck="description",
		)

	assert served in todo(sales)[0] and "运营商光缆中断，正在抢修。" in todo(sales)[0]
	assert unserved in todo(manager)[0] and not [t for t in todo(sales) if unserved in t]

	crisis.carrier_follow_up = "电信承诺 24 小时内修复，本月费用减免一天。"
	crisis.save()
	with as_user(ops), pytest.raises(frappe.ValidationError, match="has not reached"):
		frappe.get_doc("Public Crisis", crisis.name).close()
	crisis.customers[0].letter_delivered = 1
	with pytest.raises(frappe.ValidationError, match="sealed"):  # the letter goes out sealed
		crisis.save()
	crisis.reload()
	with as_user(manager), pytest.raises(frappe.PermissionError):
		sealed = frappe.get_doc("Public Crisis", crisis.name)
		sealed.letter_sealed = 1
		sealed.save()
	with as_user(ops):
		sealed = frappe.get_doc("Public Crisis", crisis.name)
		sealed.letter_sealed = 1
		sealed.save()
	crisis.reload()
	assert crisis.letter_sealed_by == ops
	letter = frappe.get_print("Public Crisis", crisis.name, "Crisis Customer Letter")
	assert "运营商光缆中断，正在抢修。" in letter and "深表歉意" in letter  # the one statement, in the letter
	crisis.customers[0].letter_delivered = 1
	crisis.customers[1].letter_delivered = 1
	crisis.save()
	assert crisis.customers[0].delivered_on
	with as_user(manager), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Public Crisis", crisis.name).close()
	with as_user(ops):
		frappe.get_doc("Public Crisis", crisis.name).close()
	assert (
		frappe.db.get_value("Public Crisis", crisis.name, "status") == "Closed"
	)  # carrier agreed, letters out
	assert not todo(sales) and not todo(manager)


def test_spot_checks_are_a_reproducible_share(base):
	frappe.db.delete("Revisit", {"revisit_date": ("between", ("2026-08-01", "2026-08-31"))})
	for day in range(1, 21):
		frappe.get_doc(
			{
				"doctype": "Revisit",
				**PHONE_REVISIT,
				"customer": make_customer(),
				"revisit_date": f"2026-08-{day:02d}",
				"satisfaction": 4,
				"result": "满意",
			}
		).insert()
	first = select_spot_checks("2026-08-01", seed=42)
	frappe.db.set_value(
		"Revisit", {"revisit_date": ("between", ("2026-08-01", "2026-08-31"))}, "spot_check", 0
	)
	assert select_spot_checks("2026-08-01", seed=42) == first
	assert len(first) == 2  # 10 % of 20
	assert (
		frappe.db.count(
			"Revisit", {"spot_check": 1, "revisit_date": ("between", ("2026-08-01", "2026-08-31"))}
		)
		== 2
	)


def test_only_a_supervisor_records_the_spot_check(base):
	doc = frappe.get_doc(
		{
			"doctype": "Revisit",
			**PHONE_REVISIT,
			"customer": make_customer(),
			"revisit_date": "2026-08-03",
			"satisfaction": 2,
			"result": "不满意",
		}
	).insert()
	with as_user(make_user([R.CUSTOMER_SERVICE])), pytest.raises(frappe.PermissionError):
		d = frappe.get_doc("Revisit", doc.name)
		d.spot_check_result = "Confirmed"
		d.save()
	with pytest.raises(frappe.ValidationError, match="1 to 5"):
		frappe.get_doc(
			{
				"doctype": "Revisit",
				"customer": make_customer(),
				"satisfaction": 9,
				"result": "x",
				**PHONE_REVISIT,
			}
		).insert()


def test_satisfaction_report_per_month_and_category(base):
	from lvyue_ops.customer_service.report.customer_satisfaction.customer_satisfaction import execute

	for score in (5, 3):
		frappe.get_doc(
			{
				"doctype": "Revisit",
				**PHONE_REVISIT,
				"customer": make_customer(),
				"revisit_date": "2026-07-10",
				"category": "Customer Complaint",
				"satisfaction": score,
				"result": "回访",
			}
		).insert()
	rows = execute({"from_date": "2026-07-01", "to_date": "2026-07-31"})[1]
	row = next(r for r in rows if r["category"] == "Customer Complaint")
	assert (row["revisits"], row["average"], row["satisfied_percent"]) == (2, 4.0, 50.0)


def make_issue(**fields):
	return frappe.get_doc(
		{
			"doctype": "Issue",
			"subject": "400 号码无法呼入",
			"customer": make_customer(),
			"lvyue_channel": "Phone",
			"lvyue_category": "Product Problem",
			"priority": "Grade 2",
			**fields,
		}
	).insert()


def test_faults_are_routed_to_technical_support(base):
	tech, assistant = make_user([R.TECHNICAL_SUPPORT]), make_user([R.BUSINESS_ASSISTANT])
	issue = make_issue(lvyue_routing="Technical Support")
	assert frappe.db.exists("ToDo", {"reference_name": issue.name, "allocated_to": tech, "priority": "High"})
	issue = make_issue(lvyue_routing="Supplier via Business Assistant")
	assert frappe.db.exists("ToDo", {"reference_name": issue.name, "allocated_to": assistant})


def test_a_request_leaves_customer_service_with_its_category_and_grade(base):
	"""第四条 2-1: classified and graded before it goes to Technical Support or a supplier."""
	for fields in ({"lvyue_category": None}, {"priority": "Medium"}):
		with pytest.raises(frappe.ValidationError, match="category and its grade"):
			make_issue(lvyue_routing="Technical Support", **fields)
	issue = make_issue(lvyue_category=None)  # still with Customer Service: it may wait
	issue.update({"lvyue_category": "Product Problem", "lvyue_routing": "Technical Support"})
	issue.save()


def test_a_routed_request_is_followed_up_and_resolved_once_the_customer_is_told(base):
	"""第四条 2-2/2-3: a request with Technical Support that is quiet for the set hours reminds
	Customer Service (a supplier's: the Business Assistant), once per quiet period; it is resolved
	only after the reply to the customer is logged, by Customer Service only; resolved with a
	revisit needed, it goes to Customer Service for the revisit."""
	from lvyue_ops.overrides.issue import follow_up_routed_issues, log_customer_reply

	cs, assistant = make_user([R.CUSTOMER_SERVICE]), make_user([R.BUSINESS_ASSISTANT])
	tech = make_user([R.TECHNICAL_SUPPORT])
	technical = make_issue(lvyue_routing="Technical Support", lvyue_revisit_needed=1)
	supplier = make_issue(lvyue_routing="Supplier via Business Assistant")
	hours = frappe.db.get_single_value("Lvyue Ops Settings", "issue_follow_up_hours")
	assert hours == 8

	def reminded(issue, user):
		return frappe.get_all(
			"ToDo",
			filters={"reference_name": issue.name, "allocated_to": user, "status": "Open"},
			pluck="description",
		)

	soon = frappe.utils.add_to_date(frappe.utils.now_datetime(), hours=hours - 1)
	assert not {technical.name, supplier.name} & set(follow_up_routed_issues(soon))
	later = frappe.utils.add_to_date(frappe.utils.now_datetime(), hours=hours + 1)
	with frozen_time(later):  # the reminders are made at that hour
		done = follow_up_routed_issues()
	assert {technical.name, supplier.name} <= set(done)
	assert "8" in reminded(technical, cs)[0] and not reminded(technical, assistant)
	assert reminded(supplier, assistant) and not reminded(supplier, cs)
	# the reminder itself counts as an update: not again within the period
	assert technical.name not in follow_up_routed_issues(frappe.utils.add_to_date(later, hours=1))

	technical.reload()
	technical.status = "Resolved"
	with pytest.raises(frappe.ValidationError, match="reply to the customer"):
		technical.save()
	with as_user(tech), pytest.raises(frappe.PermissionError):
		log_customer_reply(technical.name, "已恢复", "Phone")
	with as_user(cs):
		with pytest.raises(frappe.ValidationError, match="what the customer was told"):
			log_customer_reply(technical.name, " ", "Phone")
		log_customer_reply(technical.name, "网关故障已修复，呼入恢复正常。", "Phone")
	technical.reload()
	assert technical.lvyue_customer_replied_on
	assert frappe.db.exists(
		"Comment", {"reference_name": technical.name, "content": ("like", "%网关故障已修复%")}
	)
	technical.status = "Resolved"
	technical.save()
	assert any("回访" in t for t in reminded(technical, cs))  # the revisit


def test_escalation_goes_to_the_salesperson_then_the_operations_supervisor(base):
	sales, ops = make_user([R.SALES_USER]), make_user([R.OPERATIONS_SUPERVISOR])
	issue = make_issue(lvyue_sales_user=sales)
	with pytest.raises(frappe.ValidationError, match="why the customer"):
		escalate(issue.name, "")
	assert escalate(issue.name, "客户不认可处理结果") == "Salesperson"
	assert frappe.db.exists("ToDo", {"reference_name": issue.name, "allocated_to": sales})
	issue.reload()
	assert escalate(issue.name, "仍不认可") == "Operations Supervisor"
	assert frappe.db.exists("ToDo", {"reference_name": issue.name, "allocated_to": ops})
	issue.reload()
	with pytest.raises(frappe.ValidationError, match="already with the Operations Supervisor"):
		escalate(issue.name, "再次")


def test_business_need_becomes_an_order_after_the_salesperson_confirms(base):
	issue = make_issue(lvyue_category="Business Need")
	with pytest.raises(frappe.ValidationError, match="salesperson confirms"):
		make_business_order(issue.name)
	issue.db_set("lvyue_salesperson_confirmed", 1)
	order = make_business_order(issue.name)
	assert (order.customer, order.order_type) == (issue.customer, "Add Quantity")


@pytest.mark.parametrize(
	"opened,grade,response_by",
	[
		("2026-11-18 10:00:00", "Grade 2", "2026-11-18 14:00:00"),  # plain Wednesday
		("2026-09-30 16:00:00", "Grade 2", "2026-10-08 11:00:00"),  # across 国庆
		("2026-10-09 17:00:00", "Grade 2", "2026-10-10 12:00:00"),  # into the 调休 working Saturday
		("2026-11-20 17:30:00", "Grade 1", "2026-11-23 09:30:00"),  # Friday evening: across the weekend
	],
)
def test_issue_sla_follows_the_holiday_list(base, opened, grade, response_by):
	from lvyue_ops.tests.utils import frozen_time

	sla = make_service_level_agreement(f"LV SLA {frappe.generate_hash(length=6)}", base.holiday_list)
	with frozen_time(opened):
		issue = make_issue(
			priority=grade,
			service_level_agreement=sla.name,
			opening_date=opened[:10],
			opening_time=opened[11:],
		)
	assert str(issue.response_by) == response_by


def test_the_grades_apply_to_the_rules_requests_only(base):
	"""Issue 14: the company's other Issues (an office printer) keep ERPNext's own handling."""
	sla = make_service_level_agreement(f"LV SLA {frappe.generate_hash(length=6)}", base.holiday_list)
	assert make_issue(priority="Grade 2").service_level_agreement == sla.name
	printer = frappe.get_doc({"doctype": "Issue", "subject": "办公室打印机卡纸"}).insert()
	assert not printer.service_level_agreement
	assert not frappe.get_all("ToDo", filters={"reference_type": "Issue", "reference_name": printer.name})


def test_symposium_sets_the_next_one_and_scores_count_in_the_report(base):
	from lvyue_ops.customer_service.report.customer_satisfaction.customer_satisfaction import execute

	symposium = frappe.get_doc(
		{
			"doctype": "Customer Symposium",
			"title": "年中客户座谈会",
			"symposium_date": "2026-06-18",
			"interval_months": "6",
			"attendees": [
				{"customer": make_customer(), "attendee_name": "张总", "satisfaction": 5},
				{"customer": make_customer(), "attendee_name": "李总", "satisfaction": 3},
			],
		}
	).insert()
	assert str(symposium.next_symposium) == "2026-12-18"
	with frozen_time("2026-06-20 10:00:00"):  # the survey's date is the server's
		frappe.get_doc(
			{
				"doctype": "Satisfaction Survey",
				"customer": make_customer(),
				"received_via": "Email",
				"satisfaction": 4,
			}
		).insert()
	row = next(
		r for r in execute({"from_date": "2026-06-01", "to_date": "2026-06-30"})[1] if r["category"] == ""
	)
	assert row["revisits"] >= 3
	with pytest.raises(frappe.ValidationError, match="1 to 5"):
		frappe.get_doc(
			{
				"doctype": "Customer Symposium",
				"title": "x",
				"symposium_date": "2026-06-18",
				"attendees": [{"customer": make_customer(), "satisfaction": 7}],
			}
		).insert()


def test_typical_cases_are_collected_in_the_case_library(base):
	from lvyue_ops.customer_service.report.complaint_case_library.complaint_case_library import execute

	typical = complaint(base.company, typical_case=1, case_notes="典型：运营商故障导致批量掉线")
	ordinary = complaint(base.company)
	names = {r["name"] for r in execute()[1]}
	assert typical.name in names and ordinary.name not in names


def test_before_a_public_holiday_customer_service_greets_each_customer_in_service(base):
	"""第四条 3: three days (a setting) before 国庆 (Thursday 1 October), Customer Service gets the
	customers with a line in service, due the last working day before it; once per holiday; the
	list is done only when each is greeted, by Customer Service only."""
	from lvyue_ops.customer_service.relations import make_holiday_greetings, public_holidays
	from lvyue_ops.tests.acceptance_helpers import active_line

	assert (date(2026, 10, 1), "国庆节") in public_holidays(base.holiday_list)
	assert [d for d, name in public_holidays(base.holiday_list) if name == "国庆节"] == [date(2026, 10, 1)]
	customer = make_customer()
	active_line(base.company, customer, "4008001234")
	cs, ops = make_user([R.CUSTOMER_SERVICE]), make_user([R.OPERATIONS_SUPERVISOR])

	assert not make_holiday_greetings("2026-09-27")  # four days before: not yet
	[name] = [n for n in make_holiday_greetings("2026-09-28") if base.company in n]
	greeting = frappe.get_doc("Holiday Greeting", name)
	assert (greeting.holiday, str(greeting.holiday_date), str(greeting.greet_by)) == (
		"国庆节",
		"2026-10-01",
		"2026-09-30",
	)
	assert customer in [row.customer for row in greeting.customers]
	todo = frappe.get_all(
		"ToDo", filters={"reference_name": name, "allocated_to": cs}, fields=["description", "date"]
	)
	assert todo and "国庆节" in todo[0].description and str(todo[0].date) == "2026-09-30"
	assert name not in make_holiday_greetings("2026-09-29")  # once per holiday

	with as_user(cs), pytest.raises(frappe.ValidationError, match="not greeted yet"):
		frappe.get_doc("Holiday Greeting", name).complete()
	greeting.reload()
	for row in greeting.customers:
		row.update({"greeted": 1, "channel": "Phone"})
	greeting.save()
	with as_user(ops), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Holiday Greeting", name).complete()
	with as_user(cs):
		frappe.get_doc("Holiday Greeting", name).complete()
	assert frappe.db.get_value("Holiday Greeting", name, "status") == "Done"
	assert not frappe.db.exists("ToDo", {"reference_name": name, "status": "Open"})


def test_customer_service_is_reminded_a_month_before_the_next_symposium(base):
	from lvyue_ops.customer_service.relations import remind_next_symposium

	cs = make_user([R.CUSTOMER_SERVICE])
	symposium = frappe.get_doc(
		{
			"doctype": "Customer Symposium",
			"title": "年中客户座谈会",
			"company": base.company,
			"symposium_date": "2036-06-18",
			"interval_months": "6",
		}
	).insert()
	assert symposium.name not in remind_next_symposium("2036-11-17")  # a month and a day before
	assert symposium.name in remind_next_symposium("2036-11-18")
	assert frappe.db.exists("ToDo", {"reference_name": symposium.name, "allocated_to": cs, "status": "Open"})


def test_a_phone_revisit_records_its_four_questions_and_a_joint_one_who_joined(base):
	"""第四条 4-1: 产品使用、工作效率、服务态度、客户意见; 风险控制点 2: a joint revisit names who joined."""
	revisit = {
		"doctype": "Revisit",
		"customer": make_customer(),
		"revisit_date": "2026-08-03",
		"method": "Phone",
		"satisfaction": 4,
		"result": "满意",
	}
	for item in PHONE_REVISIT:
		with pytest.raises(frappe.ValidationError, match="four things"):
			frappe.get_doc({**revisit, **{k: v for k, v in PHONE_REVISIT.items() if k != item}}).insert()
	with pytest.raises(frappe.ValidationError, match="needs"):  # a visit asks in its own way
		frappe.get_doc({**revisit, "method": "Visit"}).insert()
	with pytest.raises(frappe.ValidationError, match="who joined"):
		frappe.get_doc({**revisit, **PHONE_REVISIT, "joint_revisit": 1}).insert()
	sales = make_user([R.SALES_USER])
	assert frappe.get_doc({**revisit, **PHONE_REVISIT, "joint_revisit": 1, "joined_by": sales}).insert()


def test_a_visit_records_the_customers_needs_and_hands_them_to_its_salesperson(base):
	"""第四条 3-1: 通过上门回访客户了解客户需求 — what the visit found goes to the account manager."""
	sales = make_user([R.SALES_USER])
	customer = make_customer(account_manager=sales)
	visit = frappe.get_doc(
		{
			"doctype": "Revisit",
			"customer": customer,
			"revisit_date": "2026-08-03",
			"method": "Visit",
			"satisfaction": 5,
			"result": "满意",
			"customer_needs": "计划下季度新增 20 条中继线",
		}
	).insert()
	assert any(
		"新增 20 条中继线" in d
		for d in frappe.get_all(
			"ToDo",
			filters={"reference_name": visit.name, "allocated_to": sales, "status": "Open"},
			pluck="description",
		)
	)


def test_a_complaint_handed_to_a_department_reaches_its_people(base):
	"""第五条 2-2: 协调相关部门 — the handling department's people take the complaint up."""
	tech, cs = make_user([R.TECHNICAL_SUPPORT]), make_user([R.CUSTOMER_SERVICE])
	with as_user(cs):
		complaint = frappe.get_doc(
			{
				"doctype": "Complaint Register",
				"company": base.company,
				"customer": make_customer(),
				"channel": "Oral",
				"content": "通话质量差，经常断线<img src=x onerror=alert(1)>",
			}
		).insert()
		complaint.handling_department = R.TECHNICAL_SUPPORT
		complaint.save()
	[description] = frappe.get_all(
		"ToDo",
		filters={
			"reference_name": complaint.name,
			"allocated_to": tech,
			"status": "Open",
			"role": R.TECHNICAL_SUPPORT,
		},
		pluck="description",
	)
	assert "通话质量差" in description and "<img" not in description  # the customer's words, escaped


def test_risk_point_one_a_revisit_that_finds_the_plan_not_carried_out_goes_to_the_supervisor(base):
	"""风险控制点 1: the revisit of a request checks that its plan was carried out and the result
	fed back; when not, the Operations Supervisor takes it up."""
	ops, cs = make_user([R.OPERATIONS_SUPERVISOR]), make_user([R.CUSTOMER_SERVICE])
	issue = make_issue()

	def revisit(**fields):
		return frappe.get_doc(
			{
				"doctype": "Revisit",
				**PHONE_REVISIT,
				"customer": issue.customer,
				"issue": issue.name,
				"revisit_date": "2026-08-03",
				"satisfaction": 3,
				"result": "问题已解决",
				**fields,
			}
		).insert()

	fine = revisit(resolution_plan_done=1, feedback_given=1)
	assert not frappe.db.exists("ToDo", {"reference_name": fine.name})
	gap = revisit(resolution_plan_done=1, feedback_given=0)
	todos = frappe.get_all(
		"ToDo", filters={"reference_name": gap.name}, fields=["allocated_to", "description"]
	)
	assert ops in [t.allocated_to for t in todos] and cs not in [t.allocated_to for t in todos]
	assert issue.name in todos[0].description
