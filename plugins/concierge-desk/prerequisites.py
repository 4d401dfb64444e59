"""What this module needs from the machine, each with the Debian package that provides it.

Nothing here imports a third-party package, so a machine that lacks one still gets a clear answer.
When something is missing the module writes one line naming what to install and exits with
EXIT_CODE, the launch contract's "cannot run on this machine" code: the host reports the module
unavailable with that line instead of restarting it.
"""
import importlib.util
import os
import shutil

# sysexits.h EX_CONFIG; the launch contract's "a prerequisite is missing" (PluginProtocol.cs).
EXIT_CODE = 78

# The well-known types (google/protobuf/timestamp.proto, ...) as Debian installs them: libprotobuf-dev
# guarantees this directory. protoc finds nothing here unless that package is installed.
WELL_KNOWN_INCLUDE = "/usr/include"
WELL_KNOWN_PROBE = "google/protobuf/timestamp.proto"


class MissingPrerequisite(Exception):
    """The machine lacks what this module needs; the message names each missing part and its package."""

    def __init__(self, missing):
        self.missing = missing
        packages = " ".join(package for _, package in missing)
        super().__init__("cannot run on this machine: %s. Install: apt-get install %s" % (
            "; ".join("%s (Debian package %s)" % (what, package) for what, package in missing), packages))


def protoc():
    return os.environ.get("PROTOC", "protoc")


def grpc_python_plugin():
    return os.environ.get("GRPC_PYTHON_PLUGIN", "/usr/bin/grpc_python_plugin")


def missing_runtime():
    """What running the module needs: the gRPC and protobuf libraries of Debian's Python."""
    missing = []
    if importlib.util.find_spec("grpc") is None:
        missing.append(("the Python package grpc", "python3-grpcio"))
    if importlib.util.find_spec("google") is None or importlib.util.find_spec("google.protobuf") is None:
        missing.append(("the Python package google.protobuf", "python3-protobuf"))
    return missing


def missing_generators():
    """What generating the module's code from protos/ needs: protoc, its Python gRPC plugin, the well-known types."""
    missing = []
    if shutil.which(protoc()) is None:
        missing.append(("protoc (%s)" % protoc(), "protobuf-compiler"))
    if not os.access(grpc_python_plugin(), os.X_OK):
        missing.append(("grpc_python_plugin (%s)" % grpc_python_plugin(), "protobuf-compiler-grpc"))
    if not os.path.isfile(os.path.join(WELL_KNOWN_INCLUDE, WELL_KNOWN_PROBE)):
        missing.append(("the protobuf well-known types (%s)" % os.path.join(WELL_KNOWN_INCLUDE, WELL_KNOWN_PROBE), "libprotobuf-dev"))
    return missing


def require(missing):
    if missing:
        raise MissingPrerequisite(missing)
