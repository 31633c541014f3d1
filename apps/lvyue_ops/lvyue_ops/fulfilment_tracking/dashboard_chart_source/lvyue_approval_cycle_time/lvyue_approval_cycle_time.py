# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""Dashboard chart source: Average hours at each approval step, last 3 months (fulfilment_tracking/kpi.py).
Not cached: frappe's chart cache is one per chart for every viewer and company, and these figures
are the viewer's company's, for a viewer who may read them."""

import frappe

from lvyue_ops.fulfilment_tracking import kpi


@frappe.whitelist()
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
