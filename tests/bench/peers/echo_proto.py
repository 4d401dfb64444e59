"""bench.Echo modules for the Python peers, generated from tests/bench/protos/bench/echo.proto at import.

protoc + grpc_python_plugin write into a private temp dir (removed at exit), so the peer always
matches the contract and nothing generated lands in the tree.
"""
import atexit
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_ROOT = os.path.normpath(os.path.join(HERE, "..", "protos"))

try:
    import grpc  # noqa: F401  (Debian python3-grpcio)
except ImportError:  # pragma: no cover - environment problem, not a peer bug
    sys.stderr.write(
        "grpc is not importable by %s; run the peer with Debian's /usr/bin/python3 "
        "(apt-get install python3-grpcio python3-protobuf protobuf-compiler-grpc)\n" % sys.executable)
    raise

_gen = tempfile.mkdtemp(prefix="bench-echo-")
atexit.register(shutil.rmtree, _gen, ignore_errors=True)
subprocess.run(
    [os.environ.get("PROTOC", "protoc"),
     "--python_out=" + _gen,
     "--grpc_python_out=" + _gen,
     "--plugin=protoc-gen-grpc_python=" + os.environ.get("GRPC_PYTHON_PLUGIN", "/usr/bin/grpc_python_plugin"),
     "-I", PROTO_ROOT, "bench/echo.proto"],
    check=True)
sys.path.insert(0, _gen)

from bench import echo_pb2 as pb  # noqa: E402
from bench import echo_pb2_grpc as pb_grpc  # noqa: E402

__all__ = ["grpc", "pb", "pb_grpc"]
