"""Sending local files to MariaDB (`LOAD DATA LOCAL INFILE`), the fastest way to store rows in bulk:
it skips the parsing of a statement's values, which is most of what a multi-row insert costs the
database (the CDR store, vos/call_records.py).

Frappe makes its connection without the right to send files (`local_infile` is off in the
handshake, and a handshake cannot be redone inside a transaction). A background job that stores
in bulk asks for it first (`allow`): the site's connection is made again with the right, before
the job has written anything, so nothing is lost and the job's rows stay in its one transaction
(all or nothing, as any other write). The right is used only for the statement that sends a file
(`sending`): at any other time the connection refuses a server's request for a file."""

from contextlib import contextmanager

import frappe
from pymysql.constants import CLIENT


def may_send() -> bool:
	"""Whether the site's connection was made with the right to send files."""
	conn = getattr(frappe.db, "_conn", None)
	return bool(conn and conn.client_flag & CLIENT.LOCAL_FILES)


def allow() -> bool:
	"""Make the site's connection again with the right to send files, where nothing would be lost
	(no write yet in its transaction; it must be MariaDB); whether the connection may send."""
	if may_send():
		return True
	if frappe.db.db_type != "mariadb" or frappe.db.transaction_writes:
		return False
	import pymysql

	try:
		conn = pymysql.connect(**{**frappe.db.get_connection_settings(), "local_infile": True})
	except pymysql.Error:
		return False
	conn.auto_reconnect = True
	conn._local_infile = False  # until a statement of ours sends a file
	old = frappe.db._conn
	frappe.db._conn, frappe.db._cursor = conn, conn.cursor()
	if old:
		old.close()
	return True


@contextmanager
def sending(conn):
	"""While a statement of ours sends a file."""
	conn._local_infile = True
	try:
		yield
	finally:
		conn._local_infile = False
