"""The rules of issue 23's second part, each with a user who holds only the role that owns it:
the 400-number write-off with 锦新, bad debts and transfers posted by Finance, publicity material's
design review, the service review's improvement plan, and the tariffs orders are priced by."""

import frappe
import pytest
from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, get_first_day, get_last_day, getdate, nowdate

from lvyue_ops import roles as R
from lvyue_ops.ops_calendar.ops_calendar import open_task
from lvyue_ops.tests import acceptance_helpers as A
from lvyue_ops.tests.approval_helpers import act, ensure_item
from lvyue_ops.tests.factories import attach_url, make_customer, make_user, unique
from lvyue_ops.tests.utils import as_user


@pytest.fixture
def users(base):
	return {
		role: make_user([role])
		for role in (
			R.BUSINESS_ASSISTANT,
			R.OPERATIONS_SUPERVISOR,
			R.FINANCE_SUPERVISOR,
			R.GENERAL_MANAGER,
			R.CUSTOMER_SERVICE,
			R.SALES_USER,
			R.MARKETING_MANAGER,
			R.TECHNICAL_SUPPORT,
		)
	}


def item_in(group: str, code: str | None = None) -> str:
	code = code or unique("LV-ITEM-")
	frappe.get_doc(
		{
			"doctype": "Item",
			"item_code": code,
			"item_name": code,
			"item_group": group,
			"stock_uom": "Nos",
			"is_stock_item": 0,
		}
	).insert(ignore_permissions=True)
	return code


def item_group(name: str) -> str:
	name = unique(name)
	frappe.get_doc(
		{"doctype": "Item Group", "item_group_name": name, "parent_item_group": "All Item Groups"}
	).insert(ignore_permissions=True)
	return name


def paid_bill(company, customer, items, paid, day="2026-11-18"):
	bill = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"company": company,
			"customer": customer,
			"posting_date": "2026-11-03",
			"set_posting_time": 1,
			"due_date": "2026-11-20",
			"items": [{"item_code": code, "qty": 1, "rate": rate} for code, rate in items],
		}
	).insert()
	bill.submit()
	if paid:
		entry = get_payment_entry("Sales Invoice", bill.name, party_amount=paid)
		entry.update({"posting_date": day, "reference_no": "BANK-1118", "reference_date": day})
		entry.insert().submit()
		return bill, entry
	return bill, None


# --- 第二条 3-3: 400 业务 ... 确认客户付款后向锦新市场部进行销帐处理 ---------------------------------


def test_the_400_payments_are_written_off_with_the_partner_once(base, users):
	"""A bill of a 400 number (300) and usage (200) paid 250: the 400 line's share, 150, is
	written off with 锦新; a trunk-line bill's payment is not; written off once, it is not listed
	again; the write-off is the Business Assistant's and completes the month's duty."""
	four_hundred = item_group("400 号码业务")
	number, usage, trunk = (
		item_in(four_hundred),
		item_in(item_group("语音用量")),
		item_in(item_group("中继线")),
	)
	settings = frappe.get_single("Lvyue Ops Settings")
	settings.append("partner_lines", {"business_line": four_hundred, "partner": "锦新"})
	settings.save()
	first, second = make_customer(), make_customer()
	bill, payment = paid_bill(base.company, first, [(number, 300), (usage, 200)], 250)
	paid_bill(base.company, second, [(trunk, 500)], 500)
	paid_bill(base.company, second, [(number, 100)], 0)  # not paid: nothing to write off

	fields = {"doctype": "Partner Write-off", "company": base.company, "business_line": four_hundred}
	with as_user(users[R.OPERATIONS_SUPERVISOR]), pytest.raises(frappe.PermissionError):
		frappe.get_doc(fields).insert()
	with as_user(users[R.BUSINESS_ASSISTANT]):
		doc = frappe.get_doc(fields).insert()
		assert doc.partner == "锦新"
		assert [(r.payment_entry, r.customer, r.sales_invoice, r.amount) for r in doc.payments] == [
			(payment.name, first, bill.name, 150)
		]
		assert doc.total_amount == 150
		with pytest.raises(frappe.ValidationError, match="reference"):
			frappe.get_doc("Partner Write-off", doc.name).write_off()
	with as_user(users[R.OPERATIONS_SUPERVISOR]), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Partner Write-off", doc.name).write_off("JX-202611")
	with as_user(users[R.BUSINESS_ASSISTANT]):
		frappe.get_doc("Partner Write-off", doc.name).write_off("JX-202611")
		doc.reload()
		assert (doc.status, doc.written_off_on.isoformat(), doc.partner_reference) == (
			"Written Off",
			nowdate(),
			"JX-202611",
		)
		again = frappe.get_doc(fields).insert()
		assert again.payments == []
		with pytest.raises(frappe.ValidationError, match="no confirmed"):
			frappe.get_doc("Partner Write-off", again.name).write_off("JX-2")
	task = open_task("400-Number Partner Write-off", base.company, nowdate())
	assert task and frappe.db.get_value("Ops Duty Task", task, "status") == "Completed"


def test_a_line_without_a_partner_is_not_written_off(base, users):
	with as_user(users[R.BUSINESS_ASSISTANT]), pytest.raises(frappe.ValidationError, match="partner"):
		frappe.get_doc(
			{"doctype": "Partner Write-off", "company": base.company, "business_line": item_group("其他")}
		).insert()


# --- 第二条: 处理应收款的回收、坏账、转账 ---------------------------------------------------------------


def test_operations_proposes_a_bad_debt_and_finance_posts_it(base, users):
	"""The bad debt goes to the company's Write Off Account; the proposer cannot post it, nor can
	anybody but Finance; a transfer moves the receivable from one customer to another."""
	from erpnext.accounts.utils import get_balance_on

	from lvyue_ops.receivables.receivables import propose_journal_entry

	ops, finance = users[R.OPERATIONS_SUPERVISOR], users[R.FINANCE_SUPERVISOR]
	customer, other = make_customer(), make_customer()
	bill, _ = paid_bill(base.company, customer, [(ensure_item(), 500)], 200)
	receivable = frappe.get_cached_value("Company", base.company, "default_receivable_account")

	def owed(party):
		return get_balance_on(receivable, party_type="Customer", party=party, company=base.company)

	with as_user(finance), pytest.raises(frappe.PermissionError):
		propose_journal_entry(base.company, "Bad Debt", customer, 100, "客户已注销", sales_invoice=bill.name)
	with as_user(ops):
		with pytest.raises(frappe.ValidationError, match="owes"):
			propose_journal_entry(
				base.company, "Bad Debt", customer, 301, "客户已注销", sales_invoice=bill.name
			)
		with pytest.raises(frappe.ValidationError, match="reason"):
			propose_journal_entry(base.company, "Bad Debt", customer, 100, " ")
		bad_debt = propose_journal_entry(
			base.company, "Bad Debt", customer, 100, "客户已注销", sales_invoice=bill.name
		)
		transfer = propose_journal_entry(
			base.company, "Transfer", customer, 50, "客户要求转入关联公司", to_customer=other
		)
	todo = frappe.get_all(
		"ToDo", filters={"reference_name": bad_debt, "allocated_to": finance, "status": "Open"}, pluck="name"
	)
	assert len(todo) == 1
	with as_user(ops), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Journal Entry", bad_debt).submit()
	ops_and_finance = make_user([R.OPERATIONS_SUPERVISOR, R.FINANCE_SUPERVISOR])
	with as_user(ops_and_finance):
		mine = propose_journal_entry(base.company, "Bad Debt", customer, 10, "尾差")
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc("Journal Entry", mine).submit()
	with as_user(finance):
		entry = frappe.get_doc("Journal Entry", bad_debt)
		entry.lvyue_proposal_reason = "改写"
		with pytest.raises(frappe.ValidationError, match="proposed"):
			entry.save()
		frappe.get_doc("Journal Entry", bad_debt).submit()
		frappe.get_doc("Journal Entry", transfer).submit()
	write_off = frappe.get_cached_value("Company", base.company, "write_off_account")
	assert sorted(
		(r.account, r.party or "", r.debit, r.credit)
		for r in frappe.get_all(
			"GL Entry", filters={"voucher_no": bad_debt}, fields=["account", "party", "debit", "credit"]
		)
	) == sorted([(write_off, "", 100, 0), (receivable, customer, 0, 100)])
	assert (owed(customer), owed(other)) == (150, 50)  # 500 - 200 paid - 100 bad debt - 50 moved
	assert frappe.db.get_value("Sales Invoice", bill.name, "outstanding_amount") == 200
	assert frappe.db.get_value("ToDo", todo[0], "status") == "Closed"
	with pytest.raises(frappe.ValidationError, match="button"):
		frappe.get_doc(
			{
				"doctype": "Journal Entry",
				"company": base.company,
				"posting_date": nowdate(),
				"lvyue_purpose": "Bad Debt",
				"accounts": [
					{"account": write_off, "debit_in_account_currency": 1},
					{
						"account": receivable,
						"party_type": "Customer",
						"party": customer,
						"credit_in_account_currency": 1,
					},
				],
			}
		).insert()


# --- 第六条 4: 宣传品的设计、审核 ----------------------------------------------------------------------


def test_publicity_material_is_raised_by_operations_and_its_design_reviewed(base, users):
	ops, ba, gm = users[R.OPERATIONS_SUPERVISOR], users[R.BUSINESS_ASSISTANT], users[R.GENERAL_MANAGER]
	fields = {
		"doctype": "Purchase Request",
		"company": base.company,
		"publicity_material": 1,
		"required_by": add_days(nowdate(), 20),
		"reason": "印制 2027 年公司宣传册",
		"items": [{"item_code": ensure_item(), "qty": 1, "expected_price": 8000}],
	}
	with as_user(ba), pytest.raises(frappe.PermissionError):
		frappe.get_doc(fields).insert()
	with as_user(ops):
		request = apply_workflow(frappe.get_doc(fields).insert(), "Submit for Approval")
	with as_user(gm):
		request = apply_workflow(frappe.get_doc("Purchase Request", request.name), "Approve")
	with as_user(ops):
		frappe.get_doc("Purchase Request", request.name).assign_executor(ba)
	draft = attach_url("brochure-draft.pdf")
	frappe.db.set_value(
		"File",
		{"file_url": draft},
		{"attached_to_doctype": "Purchase Request", "attached_to_name": request.name},
	)
	with as_user(gm), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Purchase Request", request.name).submit_design(draft)
	with as_user(ba):  # the executor hands in the design firm's draft
		frappe.get_doc("Purchase Request", request.name).submit_design(draft)
	assert frappe.get_all(
		"ToDo", filters={"reference_name": request.name, "allocated_to": ops, "status": "Open"}, pluck="name"
	)
	with as_user(ba), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Purchase Request", request.name).review_design(1)
	with as_user(ops):
		with pytest.raises(frappe.ValidationError, match="change"):
			frappe.get_doc("Purchase Request", request.name).review_design(0)
		frappe.get_doc("Purchase Request", request.name).review_design(0, "封面换成公司标准色")
	with as_user(ba):
		frappe.get_doc("Purchase Request", request.name).submit_design(draft)
	with as_user(ops):
		frappe.get_doc("Purchase Request", request.name).review_design(1)
	request.reload()
	assert (request.design_review_status, request.design_reviewed_by) == ("Approved", ops)


# --- 第四条 3: 服务定期回顾评价, 形成改进计划 -----------------------------------------------------------


def test_a_service_review_plans_each_improvement_with_its_owner_and_date(base, users):
	ops, cs, tech = users[R.OPERATIONS_SUPERVISOR], users[R.CUSTOMER_SERVICE], users[R.TECHNICAL_SUPPORT]
	for score in (4, 3):
		with as_user(cs):
			survey = frappe.get_doc(
				{
					"doctype": "Satisfaction Survey",
					"customer": make_customer(),
					"received_via": "Email",
					"satisfaction": score,
					"service_speed": 3,
				}
			).insert()
		survey.db_set("company", base.company)
	fields = {
		"doctype": "Service Review",
		"company": base.company,
		"period_from": get_first_day(nowdate()),
		"period_to": get_last_day(nowdate()),
	}
	with as_user(cs), pytest.raises(frappe.PermissionError):
		frappe.get_doc(fields).insert()
	with as_user(ops):
		review = frappe.get_doc(fields).insert()
		scores = frappe.get_all(
			"Satisfaction Survey",
			filters={
				"company": base.company,
				"survey_date": ("between", [fields["period_from"], fields["period_to"]]),
			},
			pluck="satisfaction",
		)
		assert 4 in scores and 3 in scores  # ours, and any other of the month
		assert review.average_satisfaction == round(sum(scores) / len(scores), 2)
		with pytest.raises(frappe.ValidationError, match="problems"):
			frappe.get_doc("Service Review", review.name).conclude()
		review.findings = "故障回复客户不及时"
		review.save()
		with pytest.raises(frappe.ValidationError, match="improvement plan"):
			frappe.get_doc("Service Review", review.name).conclude()
		review.reload()
		review.append(
			"actions", {"action": "故障处理每 4 小时回复客户一次", "owner_user": cs, "due_date": "2026-12-31"}
		)
		review.append("actions", {"action": "建立故障知识库", "owner_user": tech, "due_date": "2027-01-31"})
		review.save()
		frappe.get_doc("Service Review", review.name).conclude()
	todos = {
		t.allocated_to: t
		for t in frappe.get_all(
			"ToDo",
			filters={"reference_name": review.name, "status": "Open"},
			fields=["allocated_to", "date", "description"],
		)
	}
	assert str(todos[cs].date) == "2026-12-31" and str(todos[tech].date) == "2027-01-31"
	review.reload()
	with as_user(tech), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Service Review", review.name).mark_action_done(review.actions[0].name)
	with as_user(cs):
		frappe.get_doc("Service Review", review.name).mark_action_done(review.actions[0].name)
	review.reload()
	assert review.actions[0].done_on and not review.actions[1].done_on
	assert (
		frappe.db.get_value("ToDo", {"reference_name": review.name, "allocated_to": cs}, "status") == "Closed"
	)


# --- 002 收费标准: the tariff, its approval and review, and the prices orders take ---------------------


def tariff(users, item, fee, valid_from, review_by="2027-06-30", approve=True):
	with as_user(users[R.OPERATIONS_SUPERVISOR]):
		doc = frappe.get_doc(
			{
				"doctype": "Tariff",
				"company": users["company"],
				"item_code": item,
				"monthly_fee": fee,
				"per_minute_rate": 0.08,
				"valid_from": valid_from,
				"review_by": review_by,
				"basis": "参照三大运营商 2026 年资费",
			}
		)
		doc.insert()
	if approve:
		doc = act(doc, users[R.OPERATIONS_SUPERVISOR], "Submit for Approval")
		doc = act(doc, users[R.FINANCE_SUPERVISOR], "Approve")
		doc = act(doc, users[R.GENERAL_MANAGER], "Approve")
	return doc


def test_a_tariff_goes_through_its_chain_and_the_next_one_closes_it(base, users):
	users = {**users, "company": base.company}
	item = item_in(item_group("中继线"))
	with as_user(users[R.SALES_USER]), pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			{
				"doctype": "Tariff",
				"company": base.company,
				"item_code": item,
				"monthly_fee": 300,
				"valid_from": "2026-01-01",
				"review_by": "2026-07-01",
			}
		).insert()
	first = tariff(users, item, 300, "2026-01-01", approve=False)
	first = act(first, users[R.OPERATIONS_SUPERVISOR], "Submit for Approval")
	assert first.workflow_state == "Pending Finance Supervisor"
	with pytest.raises(frappe.ValidationError):
		act(first, users[R.GENERAL_MANAGER], "Approve")  # Finance comes first
	first = act(first, users[R.FINANCE_SUPERVISOR], "Approve")
	first = act(first, users[R.GENERAL_MANAGER], "Approve")
	assert (first.docstatus, first.workflow_state) == (1, "Approved")
	second = tariff(users, item, 280, "2026-12-01")
	first.reload()
	assert str(first.valid_to) == "2026-11-30" and not second.valid_to
	with pytest.raises(frappe.ValidationError, match="same day or later"):
		tariff(users, item, 250, "2026-06-01")

	from lvyue_ops.billing.doctype.tariff.tariff import tariff_on

	assert tariff_on(base.company, item, "2026-11-30").monthly_fee == 300
	assert tariff_on(base.company, item, "2026-12-01").monthly_fee == 280


def test_a_tariff_is_reviewed_by_its_date(base, users):
	from lvyue_ops.billing.doctype.tariff.tariff import remind_tariff_reviews

	users = {**users, "company": base.company}
	ops = users[R.OPERATIONS_SUPERVISOR]
	doc = tariff(users, item_in(item_group("400 号码")), 100, "2026-01-01", review_by="2026-12-20")
	assert doc.name not in remind_tariff_reviews("2026-12-01")
	assert doc.name in remind_tariff_reviews("2026-12-14")
	assert doc.name not in remind_tariff_reviews("2026-12-15")  # once
	assert ops in frappe.get_all(
		"ToDo", filters={"reference_name": doc.name, "status": "Open"}, pluck="allocated_to"
	)
	with as_user(users[R.FINANCE_SUPERVISOR]), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Tariff", doc.name).record_review(add_days(nowdate(), 180), "价格仍有竞争力")
	with as_user(ops):
		frappe.get_doc("Tariff", doc.name).record_review(add_days(nowdate(), 180), "价格仍有竞争力")
	doc.reload()
	assert str(doc.review_by) == add_days(nowdate(), 180) and doc.review_note == "价格仍有竞争力"
	assert not frappe.db.exists("ToDo", {"reference_name": doc.name, "status": "Open"})


def test_an_order_takes_the_tariff_or_the_approved_price_else_the_general_managers(base, users):
	"""The contract's project approval approved 400 for LV-TRUNK; the tariff says 320: an order at
	400 or 320 is accepted, at 250 refused until the General Manager accepts it with the reason."""
	chain = A.users()
	customer = make_customer()
	contract = A.approved_contract(base.company, chain, customer)
	A.complete_qualification(customer, chain[R.BUSINESS_ASSISTANT])
	tariff({**users, "company": base.company}, ensure_item(), 320, "2026-01-01")
	ba, gm = chain[R.BUSINESS_ASSISTANT], users[R.GENERAL_MANAGER]

	def order(fee):
		return A.make_order(
			base.company,
			customer,
			contract=contract.name,
			order_date=nowdate(),
			resources=[{"item_code": ensure_item(), "quantity": 1, "monthly_fee": fee}],
		)

	for fee in (400, 320):
		assert A.run_action(order(fee), ba, "accept").status != "Draft"
	off = order(250)
	with pytest.raises(frappe.ValidationError, match="tariff"):
		A.run_action(off, ba, "accept")
	with as_user(ba), pytest.raises(frappe.PermissionError):
		doc = frappe.get_doc("Business Order", off.name)
		doc.update({"price_override": 1, "price_override_reason": "战略客户"})
		doc.save()
	with as_user(gm):
		doc = frappe.get_doc("Business Order", off.name)
		doc.update({"price_override": 1, "price_override_reason": "战略客户，三年合约"})
		doc.save()
	assert frappe.db.get_value("Business Order", off.name, "price_override_by") == gm
	assert A.run_action(off, ba, "accept").status != "Draft"


# --- 000/002 收费数据分析: usage trends, churn and the high-value customers ----------------------------


def usage_of(company, customer, months: dict):
	from lvyue_ops.billing.doctype.usage_import.importer import usage_key

	for period, amount in months.items():
		period = getdate(period)
		frappe.get_doc(
			{
				"doctype": "Usage Statement",
				"company": company,
				"customer": customer,
				"vos_account": f"A-{customer[-6:]}",
				"period": period,
				"line_or_number": "4008001001",
				"amount": amount,
				"usage_key": usage_key(f"A-{customer[-6:]}", period, "4008001001"),
			}
		).insert()


def test_usage_trends_over_3_6_and_12_months_flag_the_churned_and_the_falling(base, users):
	"""October 2026: falling used 300 a month May-July and 100 August-October (3-month average
	100, the 3 before 300: -66.7 %; 6 months 200; 12 months 1200 / 12 = 100); growing went from
	100 to 200 (+100 %); churned's only line ended on September 10."""
	from lvyue_ops.fulfilment_tracking.report.customer_usage_trend.customer_usage_trend import execute

	falling, growing, churned = make_customer(), make_customer(), make_customer()
	months = ["2026-05-01", "2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01"]
	usage_of(base.company, falling, dict(zip(months, (300, 300, 300, 100, 100, 100), strict=True)))
	usage_of(base.company, growing, dict(zip(months, (100, 100, 100, 200, 200, 200), strict=True)))
	usage_of(base.company, churned, {"2026-07-01": 50, "2026-08-01": 50})
	for customer in (falling, growing):
		A.active_line(base.company, customer, since="2026-01-01")
	line = frappe.get_doc("Service Line", A.active_line(base.company, churned, since="2026-01-01"))
	line.record("Dismantled", "2026-09-10", "2026-09-11", "Dismantled")
	line.save()

	with as_user(users[R.OPERATIONS_SUPERVISOR]):
		_columns, rows = execute({"company": base.company, "month": "2026-10-01"})
	by_customer = {r["customer"]: r for r in rows}
	assert by_customer[falling] == {
		"customer": falling,
		"this_month": 100,
		"average_3": 100,
		"average_6": 200,
		"average_12": 100,
		"change_3": -66.7,
		"lines_in_service": 1,
		"signal": "Usage Falling",
	}
	assert (by_customer[growing]["change_3"], by_customer[growing]["signal"]) == (100, "Usage Growing")
	assert (by_customer[churned]["lines_in_service"], by_customer[churned]["signal"]) == (0, "Churned")
	with as_user(users[R.OPERATIONS_SUPERVISOR]):
		_columns, rows = execute({"company": base.company, "month": "2026-10-01", "signal": "Churned"})
	assert churned in {r["customer"] for r in rows} and falling not in {r["customer"] for r in rows}
	with as_user(users[R.CUSTOMER_SERVICE]), pytest.raises(frappe.PermissionError):
		from frappe.desk.query_report import run

		run("Customer Usage Trend", filters={"company": base.company})


def test_the_high_value_customers_by_margin_tenure_and_paying_on_time(base, users):
	"""November 2026, one month: big's line bills 1000 and costs 400 upstream (margin 600), small's
	100 and 80 (margin 20); both in service since September 1 (3 months); big makes the first 80 %
	of the margin: class A."""
	from lvyue_ops.billing.billing import ShardBiller, ensure_usage_item
	from lvyue_ops.fulfilment_tracking.report.customer_value.customer_value import execute

	big, small = make_customer(), make_customer()
	for customer, fee, cost, number in ((big, 1000, 400, "4008009001"), (small, 100, 80, "4008009002")):
		name = A.active_line(base.company, customer, numbers=number, monthly_fee=fee, since="2026-09-01")
		frappe.db.set_value("Service Line", name, "upstream_cost", cost)
	ensure_usage_item()
	run = frappe.get_doc({"doctype": "Billing Run", "company": base.company, "period": "2026-11-01"}).insert()
	biller = ShardBiller(run, [big, small], reserve_names_at_once=False)
	for customer in (big, small):
		biller.bill(customer, commit=False)
	with as_user(users[R.FINANCE_SUPERVISOR]):
		_columns, rows = execute({"company": base.company, "month": "2026-11-01", "months": "1"})
	by_customer = {r["customer"]: r for r in rows}
	assert {
		k: by_customer[big][k] for k in ("revenue", "cost", "margin", "tenure_months", "value_class")
	} == {
		"revenue": 1000,
		"cost": 400,
		"margin": 600,
		"tenure_months": 3,
		"value_class": "A",
	}
	assert (by_customer[small]["revenue"], by_customer[small]["cost"], by_customer[small]["margin"]) == (
		100,
		80,
		20,
	)
	assert rows.index(by_customer[big]) < rows.index(by_customer[small])  # by margin


# --- 第四条 2-1: every request is classified and graded before it is done ----------------------------


def test_a_request_is_classified_and_graded_before_it_is_resolved(base):
	from lvyue_ops.tests.test_service import make_issue

	issue = make_issue(lvyue_category=None, priority=None)
	issue.status = "Resolved"
	with pytest.raises(frappe.ValidationError, match="category"):
		issue.save()
	issue.reload()
	issue.update({"lvyue_category": "Enquiry", "priority": "Grade 3", "status": "Resolved"})
	issue.save()
	assert frappe.db.get_value("Issue", issue.name, "status") == "Resolved"


def test_a_request_classified_as_a_complaint_goes_on_to_the_complaint_register(base):
	"""第四条 2-1 分类后转不同流程; 第五条 2-2 填写客户投诉登记表: once, tied to the request."""
	from lvyue_ops.tests.test_service import make_issue

	issue = make_issue(
		lvyue_category="Enquiry", company=base.company, description="<p>客服态度差，多次催促无人回复</p>"
	)
	assert not frappe.db.exists("Complaint Register", {"issue": issue.name})
	issue.lvyue_category = "Customer Complaint"
	issue.save()
	issue.save()
	registers = frappe.get_all(
		"Complaint Register", filters={"issue": issue.name}, fields=["customer", "channel", "content"]
	)
	assert len(registers) == 1
	assert (registers[0].customer, registers[0].channel) == (issue.customer, "Oral")
	assert registers[0].content == "客服态度差，多次催促无人回复"


@pytest.mark.parametrize("amount,listed", [(10.0, True), (8.0, False)])
def test_usage_charged_off_the_tariffs_per_minute_rate_is_a_bill_review_anomaly(base, users, amount, listed):
	"""The product's tariff says 0.08 a minute: November's 100 minutes charged 10.00 (0.10 a minute)
	are listed for the Business Assistant; charged 8.00 they are not."""
	from lvyue_ops.billing.bill_review import RATE, find_anomalies
	from lvyue_ops.billing.billing import ShardBiller, ensure_usage_item
	from lvyue_ops.billing.doctype.usage_import.importer import usage_key

	item = item_in(item_group("400 号码"))
	tariff({**users, "company": base.company}, item, 100, "2026-01-01")  # 0.08 a minute
	customer = make_customer()
	line = A.active_line(base.company, customer, numbers="4008007001", since="2026-09-01")
	frappe.db.set_value("Service Line", line, "item_code", item)
	november = getdate("2026-11-01")
	frappe.get_doc(
		{
			"doctype": "Usage Statement",
			"company": base.company,
			"customer": customer,
			"vos_account": "RATE-1",
			"period": november,
			"line_or_number": "4008007001",
			"minutes": 100,
			"amount": amount,
			"usage_key": usage_key("RATE-1", november, "4008007001"),
		}
	).insert()
	ensure_usage_item()
	run = frappe.get_doc({"doctype": "Billing Run", "company": base.company, "period": november}).insert()
	ShardBiller(run, [customer], reserve_names_at_once=False).bill(customer, commit=False)
	found = [row["detail"] for row in find_anomalies(run) if row["kind"] == RATE]
	assert len(found) == int(listed)
	if listed:
		assert "0.1 a minute" in found[0] and "0.08" in found[0], found[0]
