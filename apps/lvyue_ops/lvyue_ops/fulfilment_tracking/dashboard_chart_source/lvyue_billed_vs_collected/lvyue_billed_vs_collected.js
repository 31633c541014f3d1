frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Lvyue Billed vs Collected"] = {
	method: "lvyue_ops.fulfilment_tracking.dashboard_chart_source.lvyue_billed_vs_collected.lvyue_billed_vs_collected.get",
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
