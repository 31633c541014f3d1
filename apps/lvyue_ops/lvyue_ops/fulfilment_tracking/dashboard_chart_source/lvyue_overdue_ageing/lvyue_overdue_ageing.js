frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Lvyue Overdue Ageing"] = {
	method: "lvyue_ops.fulfilment_tracking.dashboard_chart_source.lvyue_overdue_ageing.lvyue_overdue_ageing.get",
	filters: lvyue_ops.company_filter(),
};
