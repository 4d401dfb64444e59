"""Generates the Python protobuf and gRPC code this module needs from the contract in protos/.

A partner needs nothing from us but the .proto files: this runs protoc (with grpc_python_plugin)
at start-up into gen/<hash of the protos>/, so the code always matches the contract it was built
from. Generation goes to a temporary directory renamed into place, so two processes starting at
once never import a half-written module.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

import prerequisites

prerequisites.require(prerequisites.missing_runtime())
import grpc  # noqa: E402  Debian python3-grpcio

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_ROOT = os.path.normpath(os.environ.get("COLLAB_PROTOS_DIR") or os.path.join(HERE, "..", "..", "protos"))
GEN_ROOT = os.path.join(HERE, "gen")
PROTOS = (
    "collaborative/v1/observation.proto",
    "collaborative/v1/alignment.proto",
    "collaborative/v1/plugin.proto",
    "collaborative/v1/modules/concierge_desk.proto",
    "grpc/health/v1/health.proto",
)
# Only our contract and the well-known types' directory that libprotobuf-dev installs: nothing that
# happens to be on this machine by another route.
INCLUDE_PATHS = (PROTO_ROOT, prerequisites.WELL_KNOWN_INCLUDE)


def _fingerprint():
    digest = hashlib.sha256()
    for name in PROTOS:
        digest.update(name.encode())
        with open(os.path.join(PROTO_ROOT, name), "rb") as f:
            digest.update(f.read())
    return digest.hexdigest()[:16]


def _generate(target):
    os.makedirs(GEN_ROOT, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".protoc-", dir=GEN_ROOT)
    try:
        includes = [arg for path in INCLUDE_PATHS for arg in ("-I", path)]
        result = subprocess.run(
            [prerequisites.protoc(),
             "--python_out=" + tmp,
             "--grpc_python_out=" + tmp,
             "--plugin=protoc-gen-grpc_python=" + prerequisites.grpc_python_plugin(),
             *includes, *PROTOS],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            raise RuntimeError("protoc could not generate code from %s (exit %d): %s" % (
                PROTO_ROOT, result.returncode, " | ".join(result.stdout.strip().splitlines())))
        try:
            os.rename(tmp, target)
        except OSError:
            if not os.path.isdir(target):  # another process won the race: use its copy
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def load():
    """Generates (when the protos changed) and puts the generated code on sys.path."""
    target = os.path.join(GEN_ROOT, _fingerprint())
    if not os.path.isdir(target):
        # Generation needs more of the machine than running does; only ask for it when it happens.
        prerequisites.require(prerequisites.missing_generators())
        _generate(target)
    sys.path.insert(0, target)
    # gen/grpc/health/v1 would be shadowed by the installed grpc package; let grpc's own package path
    # include our generated subpackage (the standard health messages, same names as grpc_health's).
    grpc.__path__.append(os.path.join(target, "grpc"))


load()

from collaborative.v1 import alignment_pb2, observation_pb2, plugin_pb2, plugin_pb2_grpc  # noqa: E402
from collaborative.v1.modules import concierge_desk_pb2, concierge_desk_pb2_grpc  # noqa: E402
from grpc.health.v1 import health_pb2, health_pb2_grpc  # noqa: E402

__all__ = [
    "grpc", "alignment_pb2", "observation_pb2", "plugin_pb2", "plugin_pb2_grpc",
    "concierge_desk_pb2", "concierge_desk_pb2_grpc", "health_pb2", "health_pb2_grpc",
]
