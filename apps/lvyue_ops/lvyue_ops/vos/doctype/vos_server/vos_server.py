# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""A company's VOS3000 softswitch, whose call records (话单) the app pulls through its API every
day (vos/pull.py); the Business Assistant keeps it (运营部管理规定 第四章第二条 1-4) and pulls a
range of days again by hand."""

from urllib.parse import urlparse

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import date_diff, getdate

from lvyue_ops.permissions import require_step
from lvyue_ops.utils.jobs import enqueue_long

MAX_RANGE_DAYS = 92


class VOSServer(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		accounts: DF.SmallText | None
		base_url: DF.Data
		company: DF.Link
		enabled: DF.Check
		last_pull: DF.Datetime | None
		pull_from: DF.Date
		retries: DF.Int
		server_name: DF.Data
		timeout: DF.Int
	# end: auto-generated types

	def validate(self):
		url = urlparse(self.base_url or "")
		if url.scheme not in ("http", "https") or not url.hostname:
			frappe.throw(_("The API address must start with http:// or https:// and name the server."))
		self.base_url = self.base_url.rstrip("/")
		require_step("vos_server.maintain", self.company)

	def account_list(self) -> list[str]:
		"""The accounts to pull: those listed, else every VOS account of the company's lines and
		of the customers that have lines."""
		listed = [a.strip() for a in (self.accounts or "").replace(",", "\n").splitlines() if a.strip()]
		if listed:
			return sorted(set(listed))
		lines = frappe.db.sql(
			"""select distinct coalesce(nullif(line.vos_account, ''), customer.lvyue_vos_account)
			from `tabService Line` line join `tabCustomer` customer on customer.name = line.customer
			where line.company = %s""",
			(self.company,),
			pluck=True,
		)
		return sorted({a for a in lines if a})

	@frappe.whitelist(methods=["POST"])
	def pull_range(self, from_date: str, to_date: str):
		"""Pull the days of a range again, in the background."""
		require_step("vos_server.pull", self.company)
		self.check_permission("write")
		first, last = getdate(from_date), getdate(to_date)
		if last < first:
			frappe.throw(_("The range ends before it starts."))
		if date_diff(last, first) >= MAX_RANGE_DAYS:
			frappe.throw(_("Pull at most {0} days at a time.").format(MAX_RANGE_DAYS))
		if last >= getdate():
			frappe.throw(_("Only days that have ended can be pulled."))
		enqueue_long(
			"lvyue_ops.vos.pull.pull_range",
			f"vos-pull::{self.name}::{first}::{last}",
			server=self.name,
			from_date=str(first),
			to_date=str(last),
		)
		return _("The pull runs in the background; each day appears in the VOS pull days.")
