"""pytest bootstrap: connect to the real test site (scripts/test sets LVYUE_TEST_SITE and runs
pytest from the bench's sites folder). Each test runs in a transaction that is rolled back."""

import os

import frappe
import pytest


def pytest_configure(config):
	site = os.environ.get("LVYUE_TEST_SITE")
	if not site:
		raise pytest.UsageError("LVYUE_TEST_SITE is not set: run the tests with scripts/test")
	sites_path = os.path.abspath(os.environ.get("LVYUE_SITES_PATH") or os.getcwd())
	os.chdir(sites_path)  # frappe runs from the sites folder, as bench does
	frappe.init(site=site, sites_path=sites_path)
	frappe.connect()
	# as the jobs that store in bulk do before their first write (the CDR store sends files)
	from lvyue_ops.utils import local_files

	local_files.allow()
	frappe.flags.in_test = True
	# in tests frappe sends notification mail at once, and its Email Queue commits while sending:
	# muted, the mail stays in the queue and a test's rows stay in its transaction
	frappe.flags.mute_emails = True
	frappe.set_user("Administrator")


def pytest_unconfigure(config):
	if getattr(frappe.local, "site", None):
		frappe.destroy()


@pytest.fixture(scope="session")
def base():
	"""Committed base data shared by the whole run: ERPNext's root records, a company with a
	Chinese holiday list and its fiscal years (see lvyue_ops.tests.factories)."""
	from lvyue_ops.tests import factories

	return factories.ensure_base()


@pytest.fixture(autouse=True)
def _rollback():
	frappe.db.rollback()
	frappe.set_user("Administrator")
	yield
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.local.message_log = []
	frappe.local.flags.pop("current_time", None)


@pytest.fixture(scope="session")
def site_url():
	"""The test site served over HTTP by frappe's own server, in a separate process, for tests
	that go through real requests (the portal, the browser). Data they need must be committed."""
	from lvyue_ops.tests.server import serve_site

	with serve_site(frappe.local.site, frappe.local.sites_path) as url:
		yield url


def remove_committed(made: list) -> None:
	"""Delete records a test committed (submitted ones too), newest first, and commit."""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for doctype, name in reversed(made):
		if doctype == "Customer":  # its lines in the register (later billing runs bill them)
			from lvyue_ops.tests.billing_helpers import delete_lines

			delete_lines([name])
		if frappe.db.get_value(doctype, name, "docstatus") == 1:
			frappe.db.set_value(doctype, name, "docstatus", 2, update_modified=False)
		frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, ignore_missing=True)
	frappe.db.commit()


@pytest.fixture
def committed(base):
	"""Records made in the test are committed (the server or a worker is another process) and
	removed after: append (doctype, name) to the list the fixture gives."""
	made = []
	yield made
	remove_committed(made)
