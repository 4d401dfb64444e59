#!/usr/bin/python3
"""bench.Echo/Unary on Python grpcio (C-core): a peer for the load test in tests/bench/transport.sh.

Usage: /usr/bin/python3 tests/bench/peers/echo_server.py PORT
Binds 127.0.0.1:PORT (0 = a free port), prints "LISTENING <port>", serves until SIGTERM/SIGINT.
"""
import signal
import sys
import threading
from concurrent import futures

from echo_proto import grpc, pb_grpc


class Echo(pb_grpc.EchoServicer):
    def Unary(self, request, context):
        return request


def main():
    if len(sys.argv) != 2 or not sys.argv[1].isdigit() or int(sys.argv[1]) > 65535:
        sys.stderr.write("usage: /usr/bin/python3 echo_server.py PORT\n")
        return 2

    # The standard synchronous server; handlers hold the GIL, so a few workers are as fast as many.
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    pb_grpc.add_EchoServicer_to_server(Echo(), server)
    port = server.add_insecure_port("127.0.0.1:%d" % int(sys.argv[1]))
    if port == 0:
        sys.stderr.write("could not bind 127.0.0.1:%s\n" % sys.argv[1])
        return 1
    server.start()

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    sys.stdout.write("LISTENING %d\n" % port)
    sys.stdout.flush()
    while not stop.wait(0.5):  # a timed wait keeps the main thread responsive to signals
        pass
    server.stop(grace=1).wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
