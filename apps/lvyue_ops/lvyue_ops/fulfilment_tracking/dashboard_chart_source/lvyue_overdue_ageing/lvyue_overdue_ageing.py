# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""Dashboard chart source: What is overdue now, by days past due. (fulfilment_tracking/kpi.py)"""

from lvyue_ops.fulfilment_tracking import kpi

get = kpi.chart_source(kpi.overdue_ageing)
