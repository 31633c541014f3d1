# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""Dashboard chart source: Billed and collected in each of the last 12 months. (fulfilment_tracking/kpi.py)"""

from lvyue_ops.fulfilment_tracking import kpi

get = kpi.chart_source(kpi.billed_vs_collected)
