"""The call records keep one index besides their key (the month, by customer and time): the
indexes by company and month, by customer, by server and by modification are dropped, each of
which cost every stored CDR a write (issue 20: the import's rate)."""

from lvyue_ops.vos import call_records


def execute():
	call_records.add_indexes()
