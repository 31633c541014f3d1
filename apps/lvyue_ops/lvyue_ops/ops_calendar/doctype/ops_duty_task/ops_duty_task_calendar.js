// The ops calendar as a calendar: each duty's task on its due day (ops_calendar.duty_calendar).
frappe.views.calendar["Ops Duty Task"] = {
	field_map: { start: "due", end: "due", id: "name", title: "title", allDay: "all_day" },
	get_events_method: "lvyue_ops.ops_calendar.ops_calendar.duty_calendar",
};
