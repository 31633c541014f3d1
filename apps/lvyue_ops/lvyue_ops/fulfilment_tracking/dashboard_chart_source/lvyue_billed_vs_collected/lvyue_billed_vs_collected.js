frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Lvyue Billed vs Collected"] = {
	method: "lvyue_ops.fulfilment_tracking.dashboard_chart_source.lvyue_billed_vs_collected.lvyue_billed_vs_collected.get",
	filters: lvyue_ops.company_filter(),
};
