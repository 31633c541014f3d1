# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""Dashboard chart source: Average hours at each approval step, last 3 months. (fulfilment_tracking/kpi.py)"""

from lvyue_ops.fulfilment_tracking import kpi

get = kpi.chart_source(kpi.approval_cycle_by_step)
