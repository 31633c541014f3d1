# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""Dashboard chart source: Average hours at each approval step, last 3 months (fulfilment_tracking/kpi.py)."""

import frappe
from frappe.utils.dashboard import cache_source

from lvyue_ops.fulfilment_tracking import kpi


@frappe.whitelist()
@cache_source
def get(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
):
	return kpi.approval_cycle_by_step(filters)
