#!/usr/bin/python3
"""One bench.Echo/Unary call with a real gRPC client (grpcio), to prove a server answers correctly.

Usage: /usr/bin/python3 tests/bench/peers/echo_client.py 127.0.0.1:PORT
Sends Msg{text="hello", n=42} (the load test's request) and exits 0 only when the call ends with
grpc-status 0 and the reply is that same message; prints what it saw either way.
"""
import sys

from echo_proto import grpc, pb, pb_grpc


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: /usr/bin/python3 echo_client.py HOST:PORT\n")
        return 2
    request = pb.Msg(text="hello", n=42)
    with grpc.insecure_channel(sys.argv[1]) as channel:
        try:
            reply, call = pb_grpc.EchoStub(channel).Unary.with_call(request, timeout=10)
        except grpc.RpcError as e:
            print("FAIL %s: %s %s" % (sys.argv[1], e.code().name, e.details()))
            return 1
    ok = call.code() is grpc.StatusCode.OK and reply == request
    print("%s %s: grpc-status %d, reply text=%r n=%d"
          % ("OK" if ok else "FAIL", sys.argv[1], call.code().value[0], reply.text, reply.n))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
