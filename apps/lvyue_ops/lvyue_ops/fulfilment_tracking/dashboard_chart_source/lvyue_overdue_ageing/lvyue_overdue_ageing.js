frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Lvyue Overdue Ageing"] = {
	method: "lvyue_ops.fulfilment_tracking.dashboard_chart_source.lvyue_overdue_ageing.lvyue_overdue_ageing.get",
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
