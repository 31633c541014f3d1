from datetime import date

import frappe

from lvyue_ops.utils.holiday_calendar import CN_PUBLIC_HOLIDAYS, make_cn_holiday_list, off_days


def test_weekends_are_off_but_tiaoxiu_weekends_are_working_days():
	days = off_days(
		date(2026, 9, 19),
		date(2026, 10, 11),
		[(date(2026, 10, 1), date(2026, 10, 7), "国庆节")],
		[date(2026, 9, 20), date(2026, 10, 10)],
	)
	assert date(2026, 9, 19) in days  # an ordinary Saturday
	assert date(2026, 9, 20) not in days  # 调休: a working Sunday
	assert date(2026, 10, 10) not in days  # 调休: a working Saturday
	assert date(2026, 10, 11) in days
	assert all(date(2026, 10, d) in days for d in range(1, 8))
	assert days[date(2026, 10, 3)] == ("国庆节", False)  # a holiday on a weekend is the holiday


def test_cn_holiday_list_2026(base):
	holiday_list = make_cn_holiday_list(f"CN 2026 {frappe.generate_hash(length=6)}", 2026)
	off = {h.holiday_date for h in holiday_list.holidays}
	for working in CN_PUBLIC_HOLIDAYS[2026]["working_weekends"]:
		assert working not in off
	assert date(2026, 2, 17) in off  # 春节
	assert date(2026, 2, 14) not in off  # 调休 Saturday before 春节
	# 104 weekend days, plus 19 holidays on weekdays, minus the six 调休 working weekends
	assert len(off) == 104 + 19 - 6


def test_unknown_year_is_refused_clearly():
	import pytest

	with pytest.raises(frappe.ValidationError, match="2031"):
		make_cn_holiday_list("CN 2031", 2031)
