"""Company publicity (运营部管理规定 第六条): each department hands information in; Operations
selects and edits it; it goes on the website (Frappe's Blog Post) only after the General Manager's
review; what went to WeChat is recorded with its date; a quiet website reminds Operations. Each
step by a user holding only its role, and another role refused."""

import frappe
import pytest
from frappe.utils import add_days, nowdate

from lvyue_ops import roles as R
from lvyue_ops.publicity.publicity import remind_quiet_website
from lvyue_ops.tests.factories import make_user
from lvyue_ops.tests.utils import as_user


def hand_in(company, user, channel="Website"):
	with as_user(user):
		return frappe.get_doc(
			{
				"doctype": "Publicity Item",
				"company": company,
				"title": "我司开通新一代 SIP 中继",
				"source_department": "Technical Support",
				"channel": channel,
				"content": "<p>技术支持部完成新一代 SIP 中继平台上线。</p>",
			}
		).insert()


def act(item, user, method, **args):
	with as_user(user):
		getattr(frappe.get_doc("Publicity Item", item.name), method)(**args)
	return frappe.get_doc("Publicity Item", item.name)


def test_an_item_goes_on_the_website_only_after_the_general_managers_review(base):
	tech, ops, gm = (
		make_user([role]) for role in (R.TECHNICAL_SUPPORT, R.OPERATIONS_SUPERVISOR, R.GENERAL_MANAGER)
	)
	item = hand_in(base.company, tech)
	assert item.status == "Submitted"
	# Operations is told at once, in its language
	[told] = frappe.get_all(
		"ToDo",
		filters={"reference_name": item.name, "allocated_to": ops, "status": "Open"},
		pluck="description",
	)
	assert "技术支持部" in told or "Technical Support" in told
	with pytest.raises(frappe.PermissionError):
		act(item, tech, "select")
	item = act(item, ops, "select")
	assert not frappe.db.exists("ToDo", {"reference_name": item.name, "allocated_to": ops, "status": "Open"})
	with as_user(ops):  # Operations edits what it selected
		doc = frappe.get_doc("Publicity Item", item.name)
		doc.content = "<p>我司新一代 SIP 中继平台正式上线，通话质量更稳定。</p>"
		doc.save()
	with as_user(tech), pytest.raises(frappe.PermissionError):
		doc = frappe.get_doc("Publicity Item", item.name)
		doc.content = "<p>改回原文</p>"
		doc.save()

	item = act(item, ops, "send_for_review")
	post = frappe.get_doc("Blog Post", item.blog_post)
	assert (item.status, post.published) == ("In Review", 0)
	assert "通话质量更稳定" in post.content
	assert frappe.db.exists("ToDo", {"reference_name": item.name, "allocated_to": gm, "status": "Open"})
	with as_user(ops), pytest.raises(frappe.ValidationError):  # what goes out is what was reviewed
		doc = frappe.get_doc("Publicity Item", item.name)
		doc.content = "<p>审核后再改</p>"
		doc.save()
	with pytest.raises(frappe.PermissionError):
		act(item, ops, "approve_publication")
	item = act(item, gm, "approve_publication")
	post.reload()
	assert (item.status, post.published, str(post.published_on)) == ("Published", 1, nowdate())
	assert not frappe.db.exists("ToDo", {"reference_name": item.name, "status": "Open"})


def test_the_general_manager_returns_an_item_for_editing(base):
	ops, gm = make_user([R.OPERATIONS_SUPERVISOR]), make_user([R.GENERAL_MANAGER])
	item = act(act(hand_in(base.company, ops), ops, "select"), ops, "send_for_review")
	with pytest.raises(frappe.ValidationError, match="what to change"):
		act(item, gm, "return_for_editing", note=" ")
	item = act(item, gm, "return_for_editing", note="请补充上线日期")
	assert (item.status, item.note) == ("Selected", "请补充上线日期")


def test_what_went_to_wechat_is_recorded_with_its_date(base):
	sales, ops = make_user([R.SALES_USER]), make_user([R.OPERATIONS_SUPERVISOR])
	item = hand_in(base.company, sales, channel="WeChat")
	with pytest.raises(frappe.ValidationError, match="selects"):
		act(item, ops, "record_wechat", published_on=nowdate())
	item = act(item, ops, "select")
	with pytest.raises(frappe.ValidationError, match="future"):
		act(item, ops, "record_wechat", published_on=add_days(nowdate(), 1))
	with pytest.raises(frappe.PermissionError):
		act(item, sales, "record_wechat", published_on=nowdate())
	item = act(item, ops, "record_wechat", published_on=nowdate(), link="https://mp.weixin.qq.com/s/abc")
	assert (item.status, str(item.wechat_published_on)) == ("Published", nowdate())


def test_a_quiet_website_reminds_operations(base):
	ops = make_user([R.OPERATIONS_SUPERVISOR])
	days = frappe.db.get_single_value("Lvyue Ops Settings", "website_update_days")
	assert days == 30
	frappe.db.set_value("Blog Post", {"published": 1}, "published", 0)  # in this test's transaction
	gm = make_user([R.GENERAL_MANAGER])
	item = act(
		act(act(hand_in(base.company, ops), ops, "select"), ops, "send_for_review"), gm, "approve_publication"
	)
	assert not remind_quiet_website(add_days(nowdate(), days - 1))
	assert remind_quiet_website(add_days(nowdate(), days))
	assert frappe.db.exists(
		"ToDo", {"reference_type": "Website Settings", "allocated_to": ops, "status": "Open"}
	)
	assert item.published_on
