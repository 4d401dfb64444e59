#!/usr/bin/python3
"""What a correct peer pair reports for each client scenario (the reference for selfcheck.sh).

Usage: expect.py SCENARIO 'JSON'   -> exit 0 if the JSON is what a correct pair reports,
                                      else exit 1 with the mismatches on stderr.
Only keys listed here are judged; "details" is judged only where the scenario fixes it.
"""
import base64
import json
import sys

UNARY_TEXT = "héllo wörld ✓"
FAIL_MESSAGE = "Zielwert überschritten — 目标 ✓ 100%"
BIN_B64 = base64.b64encode(bytes([0, 1, 2, 250, 251, 255, 10, 13])).decode("ascii")
METADATA = {"x-ascii": "plain value 123", "x-bin-bin": BIN_B64}


def _eq(value):
    # Type-strict, so true never passes for 1 nor "42" for 42.
    return lambda v: type(v) is type(value) and v == value


def _between(lo, hi):
    return lambda v: isinstance(v, int) and lo <= v <= hi


def _prefix(p):
    return lambda v: isinstance(v, str) and v.startswith(p)


EXPECT = {
    "unary": {"code": _eq(0), "text": _eq(UNARY_TEXT), "n": _eq(42)},
    "server_stream": {"code": _eq(0), "count": _eq(10000), "ordered": _eq(True), "last_n": _eq(9999)},
    "client_stream": {"code": _eq(0), "text": _eq(",".join("m%d" % i for i in range(100))),
                      "n": _eq(sum(range(100))), "count": _eq(100)},
    "bidi": {"code": _eq(0), "count": _eq(50), "ordered": _eq(True)},
    "error": {"code": _eq(9), "details": _eq(FAIL_MESSAGE)},
    # 200 ms deadline on a 5 s sleep: fails fast, and the server saw its handler cancelled.
    "deadline": {"code": _eq(4), "elapsed_ms": _between(150, 2000), "tag": _prefix("dl-"),
                 "server_outcome": _eq("cancelled")},
    "metadata": {"code": _eq(0), "headers": _eq(METADATA), "trailers": _eq(METADATA)},
    "too_big": {"code": _eq(8)},
    "too_big_reply": {"code": _eq(8)},
    "unknown_method": {"code": _eq(12)},
    "unknown_service": {"code": _eq(12)},
    "cancel": {"code": _eq(1), "tag": _prefix("cx-"), "server_outcome": _eq("cancelled")},
    "gzip": {"code": _eq(0), "text_len": _eq(10000), "n": _eq(7)},
}


def check(scenario, line):
    try:
        got = json.loads(line)
    except ValueError as e:
        return ["not one JSON line (%s): %r" % (e, line)]
    if not isinstance(got, dict):
        return ["not a JSON object: %r" % line]
    return ["%s: got %r" % (key, got.get(key, "<missing>"))
            for key, ok in EXPECT[scenario].items() if not ok(got.get(key))]


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in EXPECT:
        sys.stderr.write("usage: expect.py {%s} JSON\n" % "|".join(EXPECT))
        return 2
    problems = check(sys.argv[1], sys.argv[2])
    for p in problems:
        sys.stderr.write("  %s\n" % p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
