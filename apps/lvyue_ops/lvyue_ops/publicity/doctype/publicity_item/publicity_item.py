# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""An item of company publicity (公司宣传, 运营部管理规定 第六条): a department hands information in;
Operations selects and edits it; on the website it goes out as Frappe's own Blog Post once the
General Manager has reviewed it; what went to WeChat (公众号) is recorded with its date."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, nowdate

from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.utils.naming import name_from_series
from lvyue_ops.utils.notify import assign_step, close_step

SELECT, REVIEW, WECHAT = "publicity_item.select", "publicity_item.review", "publicity_item.wechat"
BLOGGER = "lvyue-ops"


class PublicityItem(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attachment: DF.Attach | None
		blog_post: DF.Link | None
		channel: DF.Literal["Website", "WeChat", "Website and WeChat"]
		company: DF.Link
		content: DF.TextEditor
		naming_series: DF.Literal["PUB-.YYYY.-"]
		note: DF.SmallText | None
		published_on: DF.Date | None
		source_department: DF.Literal[
			"Marketing",
			"Operations",
			"Technical Support",
			"Finance",
			"Customer Service",
			"General Manager's Office",
			"Other",
		]
		status: DF.Literal["Submitted", "Selected", "In Review", "Published", "Not Used"]
		title: DF.Data
		wechat_link: DF.Data | None
		wechat_published_on: DF.Date | None
	# end: auto-generated types
	status_flow = {
		"Submitted": ("Selected", "Not Used"),
		"Selected": ("In Review", "Published", "Not Used"),
		"In Review": ("Published", "Selected"),
	}

	def autoname(self):
		name_from_series(self, "PUB-.YYYY.-")

	def validate(self):
		self.validate_status_change(_("An item moves on through its actions."))
		# what goes out is what was reviewed: the text is edited before the review, not after
		self.validate_locked(("Submitted", "Selected"))
		if not self.is_new() and self.has_value_changed("content") and self.status == "Selected":
			self.check_editor()

	def check_editor(self):
		from lvyue_ops.permissions import require_step

		require_step(SELECT, self.company)

	def after_insert(self):
		"""What a department hands in goes to Operations to select (第六条 1)."""
		assign_step(
			SELECT,
			self.doctype,
			self.name,
			lambda: _("{0} handed in for publicity: {1}").format(_(self.source_department), self.title),
			"Medium",
			self.company,
		)

	@property
	def on_website(self) -> bool:
		return self.channel in ("Website", "Website and WeChat")

	@frappe.whitelist(methods=["POST"])
	def select(self):
		"""Operations takes the item for publication (and may edit it from now on)."""
		self.begin_action(SELECT)
		self.move_to("Selected")
		close_step(self.doctype, self.name, SELECT, self.company)

	@frappe.whitelist(methods=["POST"])
	def not_used(self, note: str):
		self.begin_action(SELECT)
		if not (note or "").strip():
			frappe.throw(_("Please say why the item is not used."))
		self.note = note.strip()
		self.move_to("Not Used")
		for step in (SELECT, REVIEW):
			close_step(self.doctype, self.name, step, self.company)

	@frappe.whitelist(methods=["POST"])
	def send_for_review(self):
		"""The edited item goes to the General Manager before it goes live on the website (a
		draft Blog Post, not yet published)."""
		self.begin_action(SELECT)
		self.require_status("Selected", message=_("Only a selected item goes for review."))
		if not self.on_website:
			frappe.throw(
				_("Only what goes on the website is reviewed here; record the WeChat article instead.")
			)
		self.blog_post = website_post(
			self.blog_post,
			{"title": self.title, "content_type": "Rich Text", "content": self.content, "published": 0},
		)
		self.move_to("In Review")
		assign_step(
			REVIEW,
			self.doctype,
			self.name,
			lambda: _("Review {0} before it goes on the company website: {1}").format(self.name, self.title),
			"Medium",
			self.company,
		)

	@frappe.whitelist(methods=["POST"])
	def approve_publication(self):
		"""The General Manager approves: the post goes live on the website today."""
		self.begin_action(REVIEW)
		self.require_status("In Review", message=_("This item is not waiting for review."))
		website_post(self.blog_post, {"published": 1, "published_on": nowdate()})
		self.published_on = nowdate()
		self.move_to("Published")
		close_step(self.doctype, self.name, REVIEW, self.company)

	@frappe.whitelist(methods=["POST"])
	def return_for_editing(self, note: str):
		self.begin_action(REVIEW)
		self.require_status("In Review", message=_("This item is not waiting for review."))
		if not (note or "").strip():
			frappe.throw(_("Please say what to change."))
		self.note = note.strip()
		self.move_to("Selected")
		close_step(self.doctype, self.name, REVIEW, self.company)

	@frappe.whitelist(methods=["POST"])
	def record_wechat(self, published_on: str, link: str | None = None):
		"""What went to the WeChat official account (公众号), with its date."""
		self.begin_action(WECHAT)
		if self.channel == "Website":
			frappe.throw(_("This item goes on the website only."))
		if self.status not in ("Selected", "In Review", "Published"):
			frappe.throw(_("Operations selects an item before it goes to WeChat."))
		if getdate(published_on) > getdate(nowdate()):
			frappe.throw(_("An article cannot be published in the future."))
		self.wechat_published_on = getdate(published_on)
		self.wechat_link = (link or "").strip() or None
		if self.channel == "WeChat" and self.status == "Selected":
			self.move_to("Published")
		else:
			self.flags.status_change_allowed = True
			self.save()


def website_post(name: str | None, values: dict) -> str:
	"""Write the item's Blog Post (frappe's website); the step was checked, and frappe's blog reads
	every post to refresh its pages, which no department role may."""
	from lvyue_ops.permissions import system_rights

	with system_rights():
		post = frappe.get_doc("Blog Post", name) if name else frappe.new_doc("Blog Post")
		post.update({"blog_category": blog_category(), "blogger": blogger(), **values})
		post.save()
		return post.name


def blog_category() -> str:
	"""The website's category of company news (公司动态), made once."""
	title = _("Company News")
	return (
		frappe.db.get_value("Blog Category", {"title": title})
		or frappe.get_doc({"doctype": "Blog Category", "title": title, "published": 1})
		.insert(ignore_permissions=True)
		.name
	)


def blogger() -> str:
	if not frappe.db.exists("Blogger", BLOGGER):
		frappe.get_doc(
			{"doctype": "Blogger", "short_name": BLOGGER, "full_name": _("Operations Department")}
		).insert(ignore_permissions=True)
	return BLOGGER
