#!/usr/bin/python3
"""InteropTest client on Python grpcio (C-core): runs one scenario, prints one JSON line.

Usage: /usr/bin/python3 client.py --target 127.0.0.1:PORT --scenario NAME
Exit 0 whenever the call machinery worked, whatever status was observed (the caller judges
the JSON); non-zero only on a crash. The JSON is ASCII-only (non-ASCII is \\u-escaped).
"""
import argparse
import base64
import json
import queue
import sys
import time
import uuid

from common import code_number, grpc, pb, pb_grpc

# Safety net so a hung peer shows up as DEADLINE_EXCEEDED (4) in the JSON instead of a hang.
TIMEOUT = 30.0
# 50 loopback round trips take milliseconds; a buffering peer should fail fast, not in 30 s.
BIDI_TIMEOUT = 10.0
MIB = 1024 * 1024

UNARY_TEXT = "héllo wörld ✓"
FAIL_MESSAGE = "Zielwert überschritten — 目标 ✓ 100%"
BIN_VALUE = bytes([0, 1, 2, 250, 251, 255, 10, 13])


def _error(e):
    return {"code": code_number(e.code()), "details": e.details() or ""}


def _tag(prefix):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:12])


def _x_metadata(md):
    """x- keys only; -bin values as base64 of the received bytes; a repeated key as a list."""
    out = {}
    for k, v in md or ():
        if not k.startswith("x-"):
            continue
        if isinstance(v, bytes):
            v = base64.b64encode(v).decode("ascii")
        if k in out:
            out[k] = out[k] if isinstance(out[k], list) else [out[k]]
            out[k].append(v)
        else:
            out[k] = v
    return out


def _outcome(stub, tag):
    reply = stub.Outcome(pb.OutcomeRequest(tag=tag, wait_millis=3000), timeout=TIMEOUT)
    return reply.outcome


def unary(stub, channel):
    r = stub.Unary(pb.EchoRequest(text=UNARY_TEXT, n=42), timeout=TIMEOUT)
    return {"code": 0, "text": r.text, "n": r.n}


def server_stream(stub, channel):
    count, ordered, last_n = 0, True, None
    for r in stub.ServerStream(pb.StreamRequest(count=10000), timeout=TIMEOUT):
        if r.n != count or r.text != "item-%d" % count:
            ordered = False
        last_n = r.n
        count += 1
    return {"code": 0, "count": count, "ordered": ordered, "last_n": last_n}


def client_stream(stub, channel):
    reqs = (pb.EchoRequest(text="m%d" % i, n=i) for i in range(100))
    r = stub.ClientStream(reqs, timeout=TIMEOUT)
    return {"code": 0, "text": r.text, "n": r.n, "count": r.count}


def bidi(stub, channel):
    # The request iterator only yields message i+1 after we saw echo i, so a peer that
    # buffers replies until the end of the stream deadlocks and fails with code 4.
    outbox = queue.Queue()

    def requests():
        while True:
            item = outbox.get()
            if item is None:
                return
            yield item

    responses = stub.Bidi(requests(), timeout=BIDI_TIMEOUT)
    count, ordered = 0, True
    try:
        for i in range(50):
            outbox.put(pb.EchoRequest(text="ping-%d" % i, n=i))
            r = next(responses)
            if r.text != "ping-%d" % i or r.n != i:
                ordered = False
            count += 1
        outbox.put(None)
        for _ in responses:  # drain: the server must end the stream cleanly after half-close
            ordered = False
    finally:
        outbox.put(None)
    return {"code": 0, "count": count, "ordered": ordered}


def error(stub, channel):
    stub.Fail(pb.FailRequest(code=9, message=FAIL_MESSAGE), timeout=TIMEOUT)
    return {"code": 0}


def deadline(stub, channel):
    tag = _tag("dl")
    start = time.monotonic()
    try:
        stub.Sleep(pb.SleepRequest(millis=5000, tag=tag), timeout=0.2)
        result = {"code": 0}
    except grpc.RpcError as e:
        result = _error(e)
    result["elapsed_ms"] = int((time.monotonic() - start) * 1000)
    result["tag"] = tag
    result["server_outcome"] = _outcome(stub, tag)
    return result


def metadata(stub, channel):
    md = (("x-ascii", "plain value 123"), ("x-bin-bin", BIN_VALUE))
    _, call = stub.EchoMetadata.with_call(pb.EchoRequest(text="md"), metadata=md, timeout=TIMEOUT)
    return {"code": 0,
            "headers": _x_metadata(call.initial_metadata()),
            "trailers": _x_metadata(call.trailing_metadata())}


def too_big(stub, channel):
    r = stub.Unary(pb.EchoRequest(text="big", payload=bytes(5 * MIB)), timeout=TIMEOUT)
    return {"code": 0, "payload_len": len(r.payload)}


def too_big_reply(stub, channel):
    r = stub.Big(pb.SizeRequest(size=5 * MIB), timeout=TIMEOUT)
    return {"code": 0, "payload_len": len(r.payload)}


def _raw_unary(channel, method):
    # No serializers: request and reply are raw bytes, so no stub/descriptor is needed.
    channel.unary_unary(method)(b"", timeout=TIMEOUT)
    return {"code": 0}


def unknown_method(stub, channel):
    return _raw_unary(channel, "/interop.v1.InteropTest/NoSuchMethod")


def unknown_service(stub, channel):
    return _raw_unary(channel, "/interop.v1.NoSuchService/Unary")


def cancel(stub, channel):
    tag = _tag("cx")
    fut = stub.Sleep.future(pb.SleepRequest(millis=10000, tag=tag), timeout=TIMEOUT)
    time.sleep(0.3)
    fut.cancel()
    code = fut.code()  # blocks until the call is terminated; CANCELLED after a local cancel
    result = {"code": code_number(code), "tag": tag}
    if code is not grpc.StatusCode.OK:
        result["details"] = fut.details() or ""
    result["server_outcome"] = _outcome(stub, tag)
    return result


def gzip(stub, channel):
    r = stub.Unary(pb.EchoRequest(text="gzip " * 2000, n=7),
                   compression=grpc.Compression.Gzip, timeout=TIMEOUT)
    return {"code": 0, "text_len": len(r.text), "n": r.n}


SCENARIOS = {f.__name__: f for f in (
    unary, server_stream, client_stream, bidi, error, deadline, metadata, too_big,
    too_big_reply, unknown_method, unknown_service, cancel, gzip)}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--target", required=True)
    parser.add_argument("--scenario", required=True, choices=sorted(SCENARIOS))
    args = parser.parse_args()

    # Unlimited send so too_big reaches the server (its limit must refuse it); receive limit
    # stays at the 4 MiB default for too_big_reply.
    options = [("grpc.max_send_message_length", -1)]
    with grpc.insecure_channel(args.target, options=options) as channel:
        stub = pb_grpc.InteropTestStub(channel)
        # Connected before any scenario starts: a 200 ms deadline is about the call, not about connecting
        # on a busy machine.
        grpc.channel_ready_future(channel).result(timeout=TIMEOUT)
        try:
            result = SCENARIOS[args.scenario](stub, channel)
        except grpc.RpcError as e:
            result = _error(e)
    sys.stdout.write(json.dumps(result, ensure_ascii=True) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
