"""A local HTTP server that answers as VOS3000's WebExternal API is documented (issue 20): GetCdr
and GetPhone by POST with a JSON body, `retCode` 0 or VOS's error codes, the answer wrapped in a
one-element array when asked, -10033 for a range longer than the server allows, -12103 without
accounts, -10124 for a bad date, and days that fail (HTTP 500) or never answer in time."""

import json
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

from frappe.utils import get_system_timezone


def zone() -> ZoneInfo:
	return ZoneInfo(get_system_timezone())


def epoch_ms(moment: str) -> int:
	"""A moment in the site's time zone as VOS gives it: milliseconds since the epoch."""
	return int(datetime.fromisoformat(moment).replace(tzinfo=zone()).timestamp() * 1000)


def cdr(
	flow_no, account, start: str, fee_time=60, fee=0.1, caller="02088880001", callee="13800000001", **more
):
	begin = epoch_ms(start)
	return {
		"flowNo": flow_no,
		"account": account,
		"accountName": f"{account} 名称",
		"callerE164": caller,
		"calleeE164": callee,
		"calleeAccessE164": more.pop("access", ""),
		"callerGateway": more.pop("caller_gateway", "GW-IN"),
		"calleeGateway": more.pop("callee_gateway", "GW-OUT"),
		"start": begin,
		"stop": begin + fee_time * 1000,
		"holdTime": fee_time,
		"feeTime": fee_time,
		"fee": fee,
		"endDirection": 0,
		"endReason": -9,
		**more,
	}


class FakeVos:
	def __init__(self):
		self.cdrs: list[dict] = []
		self.phones: list[dict] = []
		self.max_days = 31  # a longer range is refused with -10033
		self.wrap = False  # answer in a one-element array
		self.failing_days: set[str] = set()  # yyyyMMdd: HTTP 500
		self.slow_days: set[str] = set()  # yyyyMMdd: answers after the client's timeout
		self.requests: list[dict] = []
		self.zone = zone()  # read here: the handler's thread has no site

	def get_cdr(self, body: dict) -> dict:
		if not body.get("accounts"):
			return {"retCode": -12103, "exception": "Miss parameters"}
		try:
			begin = datetime.strptime(body["beginTime"], "%Y%m%d")
			end = datetime.strptime(body["endTime"], "%Y%m%d")
		except (KeyError, ValueError):
			return {"retCode": -10124, "exception": "Input parameter error"}
		if (end - begin).days + 1 > self.max_days:
			return {"retCode": -10033, "exception": "Over the limitation of inquiry interval"}
		first, last = begin.replace(tzinfo=self.zone), (end + timedelta(days=1)).replace(tzinfo=self.zone)
		low, high = first.timestamp() * 1000, last.timestamp() * 1000
		return {
			"retCode": 0,
			"infoCdrs": [
				c for c in self.cdrs if c["account"] in body["accounts"] and low <= c["start"] < high
			],
		}

	def get_phone(self, body: dict) -> dict:
		if not body.get("accounts") and not body.get("e164s"):
			return {"retCode": -12103, "exception": "Miss parameters"}
		return {
			"retCode": 0,
			"infoPhones": [
				p
				for p in self.phones
				if p.get("account") in (body.get("accounts") or [])
				or p.get("e164") in (body.get("e164s") or [])
			],
		}


@contextmanager
def fake_vos():
	"""(the fake server, its base URL) while the server runs in a thread."""
	vos = FakeVos()

	class Handler(BaseHTTPRequestHandler):
		def do_POST(self):
			raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
			try:
				body = json.loads(raw.decode("utf-8"))
			except ValueError:
				body = {}
			vos.requests.append({"path": self.path, "body": body, "type": self.headers.get("Content-Type")})
			day = body.get("beginTime")
			if self.path.endswith("/GetCdr") and day in vos.failing_days:
				self.send_error(500)
				return
			if self.path.endswith("/GetCdr") and day in vos.slow_days:
				time.sleep(1.5)
			if self.path.endswith("/external/server/GetCdr"):
				answer = vos.get_cdr(body)
			elif self.path.endswith("/external/server/GetPhone"):
				answer = vos.get_phone(body)
			else:
				self.send_error(404)
				return
			payload = json.dumps([answer] if vos.wrap else answer).encode("utf-8")
			self.send_response(200)
			self.send_header("Content-Type", "text/plain;charset=UTF-8")
			self.send_header("Content-Length", str(len(payload)))
			self.end_headers()
			self.wfile.write(payload)

		def log_message(self, *args):
			pass

	class Server(ThreadingHTTPServer):
		def handle_error(self, request, client_address):
			pass  # a client that gave up on a slow answer closed its end: as VOS, carry on

	server = Server(("127.0.0.1", 0), Handler)
	thread = threading.Thread(target=server.serve_forever, daemon=True)
	thread.start()
	try:
		yield vos, f"http://127.0.0.1:{server.server_address[1]}"
	finally:
		server.shutdown()
		server.server_close()
