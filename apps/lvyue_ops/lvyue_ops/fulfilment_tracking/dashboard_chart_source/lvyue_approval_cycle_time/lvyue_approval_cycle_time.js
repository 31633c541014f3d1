frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Lvyue Approval Cycle Time"] = {
	method: "lvyue_ops.fulfilment_tracking.dashboard_chart_source.lvyue_approval_cycle_time.lvyue_approval_cycle_time.get",
	filters: [
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			default: frappe.defaults.get_user_default("Company"),
			reqd: 1,
		},
	],
};
