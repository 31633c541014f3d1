frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Lvyue Approval Cycle Time"] = {
	method: "lvyue_ops.fulfilment_tracking.dashboard_chart_source.lvyue_approval_cycle_time.lvyue_approval_cycle_time.get",
	filters: lvyue_ops.company_filter(),
};
