#!/usr/bin/python3
"""InteropTest server on Python grpcio (C-core): a real third-party peer for our transport.

Usage: /usr/bin/python3 server.py --port 0
Prints "LISTENING <port>" once bound on 127.0.0.1, serves until SIGTERM/SIGINT, or until
stdin reaches EOF when stdin is a pipe or socket (a test harness closing it means "stop").
"""
import argparse
import os
import signal
import stat
import sys
import threading
from concurrent import futures

from common import CODE_BY_NUMBER, grpc, pb, pb_grpc

# Sleep outcomes by tag, shared by all calls; the condition wakes Outcome waiters.
_outcomes = {}
_outcomes_cond = threading.Condition()


def _record(tag, outcome):
    with _outcomes_cond:
        _outcomes[tag] = outcome
        _outcomes_cond.notify_all()


def _pattern(size):
    # Non-constant bytes so a corrupted or truncated payload is noticeable.
    block = bytes(range(256))
    return (block * (size // 256 + 1))[:size]


def _x_metadata(context):
    # -bin values arrive as bytes and go back as bytes; grpcio base64s them on the wire.
    return tuple((k, v) for k, v in context.invocation_metadata() if k.startswith("x-"))


class InteropTest(pb_grpc.InteropTestServicer):
    def Unary(self, request, context):
        return pb.EchoReply(text=request.text, n=request.n, payload=request.payload)

    def ServerStream(self, request, context):
        for i in range(request.count):
            yield pb.EchoReply(text="item-%d" % i, n=i)

    def ClientStream(self, request_iterator, context):
        texts, total, count = [], 0, 0
        for req in request_iterator:
            texts.append(req.text)
            total += req.n
            count += 1
        return pb.EchoReply(text=",".join(texts), n=total, count=count)

    def Bidi(self, request_iterator, context):
        # A generator: each echo is sent as soon as its request is read, nothing is buffered.
        for req in request_iterator:
            yield pb.EchoReply(text=req.text, n=req.n, payload=req.payload)

    def Fail(self, request, context):
        code = CODE_BY_NUMBER.get(request.code, grpc.StatusCode.UNKNOWN)
        if code is grpc.StatusCode.OK:
            return pb.EchoReply(text=request.message)
        context.abort(code, request.message)

    def Sleep(self, request, context):
        ended = threading.Event()
        # The callback fires when the RPC terminates: client cancel, deadline expiry (C-core
        # cancels the server call itself), or our own normal completion.
        if not context.add_callback(ended.set):
            _record(request.tag, "cancelled")
            return pb.EchoReply()
        if ended.wait(request.millis / 1000.0) or not context.is_active():
            _record(request.tag, "cancelled")
            return pb.EchoReply()  # discarded by grpcio; the call is already over
        _record(request.tag, "completed")
        return pb.EchoReply(text="slept", n=request.millis)

    def Outcome(self, request, context):
        with _outcomes_cond:
            _outcomes_cond.wait_for(lambda: request.tag in _outcomes, request.wait_millis / 1000.0)
            return pb.OutcomeReply(outcome=_outcomes.get(request.tag, ""))

    def EchoMetadata(self, request, context):
        md = _x_metadata(context)
        context.send_initial_metadata(md)
        context.set_trailing_metadata(md)
        return pb.EchoReply(text=request.text, n=request.n, payload=request.payload)

    def Big(self, request, context):
        return pb.EchoReply(payload=_pattern(request.size), n=request.size)


def _watch_stdin(stop):
    # Only a pipe/socket closing means "the harness is gone"; /dev/null or a TTY would
    # otherwise stop the server at once (e.g. under CI with no standard input).
    try:
        mode = os.fstat(0).st_mode
    except OSError:
        return
    if not (stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)):
        return

    def run():
        try:
            while os.read(0, 4096):
                pass
        except OSError:
            pass
        stop.set()

    threading.Thread(target=run, name="stdin-watch", daemon=True).start()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()

    # Default options on purpose: 4 MiB max receive, gzip/deflate accepted.
    # Enough workers that many concurrent Sleep calls cannot starve other calls.
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=64))
    pb_grpc.add_InteropTestServicer_to_server(InteropTest(), server)
    port = server.add_insecure_port("127.0.0.1:%d" % args.port)
    if port == 0:
        sys.stderr.write("could not bind 127.0.0.1:%d\n" % args.port)
        return 1
    server.start()

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    _watch_stdin(stop)

    sys.stdout.write("LISTENING %d\n" % port)
    sys.stdout.flush()

    while not stop.wait(0.5):  # a timed wait keeps the main thread responsive to signals
        pass
    server.stop(grace=1).wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
