"""Shared setup for the Python (grpcio, C-core) interop peer.

Generates the protobuf/gRPC modules from tests/interop/protos/interop.proto on first use
(into python/gen/, which is gitignored) so the peer always matches the contract.
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "protos"))
PROTO = os.path.join(PROTO_DIR, "interop.proto")
GEN = os.path.join(HERE, "gen")
GENERATED = ("interop_pb2.py", "interop_pb2_grpc.py")

try:
    import grpc  # noqa: F401  (Debian python3-grpcio)
except ImportError:  # pragma: no cover - environment problem, not a peer bug
    sys.stderr.write(
        "grpc is not importable by %s; run the peer with Debian's /usr/bin/python3 "
        "(apt-get install python3-grpcio python3-protobuf protobuf-compiler-grpc)\n" % sys.executable)
    raise


def _stale():
    try:
        proto_mtime = os.path.getmtime(PROTO)
        return any(os.path.getmtime(os.path.join(GEN, f)) < proto_mtime for f in GENERATED)
    except OSError:
        return True


def _generate():
    """Runs protoc into a private temp dir, then renames the files into gen/ one by one.

    Renames are atomic, so a server and a client starting at the same moment never import a
    half-written module."""
    os.makedirs(GEN, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".protoc-", dir=GEN)
    try:
        subprocess.run(
            [os.environ.get("PROTOC", "protoc"),
             "--python_out=" + tmp,
             "--grpc_python_out=" + tmp,
             "--plugin=protoc-gen-grpc_python=" + os.environ.get("GRPC_PYTHON_PLUGIN", "/usr/bin/grpc_python_plugin"),
             "-I", PROTO_DIR, "interop.proto"],
            check=True)
        # pb2 first: pb2_grpc imports it.
        for name in GENERATED:
            os.replace(os.path.join(tmp, name), os.path.join(GEN, name))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if _stale():
    _generate()
sys.path.insert(0, GEN)

import interop_pb2 as pb  # noqa: E402
import interop_pb2_grpc as pb_grpc  # noqa: E402

# Numeric status code -> grpc.StatusCode (grpcio only takes the enum, never a raw int).
CODE_BY_NUMBER = {sc.value[0]: sc for sc in grpc.StatusCode}


def code_number(status_code):
    return status_code.value[0] if status_code is not None else 2  # None would be UNKNOWN


__all__ = ["grpc", "pb", "pb_grpc", "CODE_BY_NUMBER", "code_number"]
