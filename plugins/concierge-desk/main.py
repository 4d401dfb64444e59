#!/usr/bin/python3
"""The ward-sister concierge desk: a Collaborative programme module written in Python, to show a
partner needs nothing from us but the .proto files (code is generated from protos/ at start).

Run by the host (see plugin.json); run by hand it explains that and exits 1.
"""
import os
import signal
import sys
import threading
import time
from concurrent import futures

import contract
from identity import NAME, PLUGIN_ID, VERSION


def main():
    started = time.monotonic()
    # Check the launch before generating code or creating any directory: run by hand, do nothing.
    try:
        launch = contract.read_launch(os.environ, NAME, PLUGIN_ID, VERSION)
    except contract.LaunchError as problem:
        sys.stderr.write("%s\n" % problem)
        return 1

    import prerequisites
    try:
        import demo
        import services
        import store as desk_store
        from protogen import concierge_desk_pb2_grpc, grpc, health_pb2_grpc, plugin_pb2_grpc
    except prerequisites.MissingPrerequisite as missing:
        # Restarting cannot help: say once what to install, with the code the host reports as unavailable.
        contract.log(str(missing))
        return prerequisites.EXIT_CODE

    os.makedirs(launch.data_dir, exist_ok=True)
    desk = desk_store.DeskStore(os.path.join(launch.data_dir, "concierge-desk.db"))
    if launch.seed_demo and demo.seed(desk, desk_store.utc_now()):
        contract.log("seeded demo data")

    stop = threading.Event()
    health = services.Health()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8), interceptors=[services.SecretInterceptor(launch.secret)])
    plugin_pb2_grpc.add_PluginServicer_to_server(services.Plugin(desk, stop.set), server)
    health_pb2_grpc.add_HealthServicer_to_server(health, server)
    concierge_desk_pb2_grpc.add_ConciergeDeskServicer_to_server(services.ConciergeDesk(desk), server)

    if launch.socket_dir:
        path = os.path.join(launch.socket_dir, "plugin-%d.sock" % os.getpid())
        if os.path.exists(path):
            os.unlink(path)
        if not server.add_insecure_port("unix:" + path):
            contract.log("could not listen on unix:%s" % path)
            return 1
        network, address = "unix", path
    else:
        port = server.add_insecure_port("127.0.0.1:0")
        if not port:
            contract.log("could not listen on 127.0.0.1")
            return 1
        network, address = "tcp", "127.0.0.1:%d" % port
    server.start()
    contract.handshake(launch.app_version, network, address)
    contract.log("serving %s on %s (app protocol %d) after %.0f ms" % (PLUGIN_ID, address, launch.app_version, 1000 * (time.monotonic() - started)))

    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    # Ctrl-C in the host's terminal reaches its plugins too; the host stops us with Shutdown.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    contract.watch_parent(stop)
    while not stop.wait(0.5):  # a timed wait keeps the main thread responsive to signals
        pass

    contract.log("stopping")
    health.shutdown()
    server.stop(grace=5).wait()
    desk.close()
    if network == "unix":
        try:
            os.unlink(address)
        except OSError:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
