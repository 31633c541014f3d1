"""A crisis letter now goes out sealed (第五条 3-2: 盖章后营销部发放): the letters recorded as delivered
before the seal was recorded went out sealed, so their crises are marked so."""

import frappe


def execute():
	frappe.db.sql(
		"""update `tabPublic Crisis` c set c.letter_sealed = 1
		where c.letter_sealed = 0 and exists (select 1 from `tabCrisis Customer` r
			where r.parent = c.name and r.parenttype = 'Public Crisis' and r.letter_delivered = 1)"""
	)
