"""Helpers for tests: acting as a user, frozen time."""

import re
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


CJK = re.compile(r"[\u4e00-\u9fff]")
# a sentence a person reads: words of Latin letters with no Chinese between them (names, numbers and
# codes such as PA-2026-00001 or 2026-12-03 17:04 are not sentences)
ENGLISH = re.compile(r"\b[A-Za-z]{3,}(?:\s+[A-Za-z]{2,}){2,}\b")


def english_in(text: str) -> list[str]:
	"""The English sentences in a text a Chinese reader reads (markup aside)."""
	return ENGLISH.findall(re.sub(r"<[^>]+>", " ", text or ""))
