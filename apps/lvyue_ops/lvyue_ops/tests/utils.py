"""Helpers for tests: acting as a user, frozen time."""

from contextlib import contextmanager

import frappe
import pytz
from frappe.utils import get_datetime, get_system_timezone


@contextmanager
def as_user(user: str):
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user(previous)


@contextmanager
def frozen_time(moment):
	"""Freeze the clock at `moment` (site time zone), as frappe's own tests do."""
	from freezegun import freeze_time

	local = pytz.timezone(get_system_timezone()).localize(get_datetime(moment))
	with freeze_time(local.astimezone(pytz.utc), tick=False):
		yield
