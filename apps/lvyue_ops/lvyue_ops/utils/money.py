"""Amounts as a Chinese bill writes them (中文大写金额): 人民币贰仟贰佰叁拾贰元整. One helper for every
print format of the app (hooks.py jinja methods)."""

from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("", "拾", "佰", "仟")
GROUPS = ("", "万", "亿", "万亿")  # of four digits each
PREFIX = {"CNY": "人民币"}


def amount_in_chinese(amount, currency: str | None = "CNY") -> str:
	"""`amount` in 大写, to the 分 (rounded half up): 元 and 整 for whole amounts, 角 and 分 written
	as they are (10.05 is 壹拾元零伍分, 0.30 is 叁角), a 零 where digits are skipped, and 负 before a
	negative amount; the currency's name before it (人民币 for CNY)."""
	cents = int((abs(Decimal(str(amount or 0))) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
	yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
	words = f"{integer_in_chinese(yuan)}元" if yuan else ""
	if jiao:
		words += DIGITS[jiao] + "角"
	if fen:
		words += ("零" if yuan and not jiao else "") + DIGITS[fen] + "分"
	if not (jiao or fen):
		words = (words or "零元") + "整"
	sign = "负" if amount and Decimal(str(amount)) < 0 and cents else ""
	return PREFIX.get(currency or "", "") + sign + words


def integer_in_chinese(number: int) -> str:
	"""A whole number (below 10,000 万亿) in 大写 digits with their places."""
	groups = []
	while number:
		number, group = divmod(number, 10_000)
		groups.append(group)
	if len(groups) > len(GROUPS):
		raise ValueError("amount too large")
	words, skipped = "", False
	for index in range(len(groups) - 1, -1, -1):
		group = groups[index]
		if not group:
			skipped = bool(words)
			continue
		if words and (skipped or group < 1000):
			words += "零"
		words += group_in_chinese(group) + GROUPS[index]
		skipped = False
	return words


def group_in_chinese(group: int) -> str:
	"""1 to 9999: 壹仟零壹拾."""
	words, zero = "", False
	for place in range(3, -1, -1):
		digit = group // 10**place % 10
		if not digit:
			zero = bool(words)
			continue
		if zero:
			words += "零"
			zero = False
		words += DIGITS[digit] + PLACES[place]
	return words
