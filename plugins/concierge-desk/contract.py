"""The launch contract between the host and a local plugin, implemented from its description alone
(sdk/Collaborative.Plugins/PluginProtocol.cs; modelled on HashiCorp go-plugin):

- The host sets COLLAB_PLUGIN_COOKIE to a fixed value; without it the program was run by hand.
- COLLAB_PLUGIN_PROTOCOL_VERSIONS lists the app protocol versions the host speaks; we pick the
  highest we share.
- COLLAB_PLUGIN_SECRET is a per-launch secret every call must carry as metadata collab-plugin-secret.
- COLLAB_PLUGIN_SOCKET_DIR is a private directory for our Unix socket (else we listen on TCP loopback).
- COLLAB_PLUGIN_DATA_DIR is where we keep our store.
- We answer with one stdout line CORE|APP|NETWORK|ADDRESS|grpc, flushed, and log only to stderr.
- We stop when the host calls Shutdown, on SIGTERM (SIGINT, a Ctrl-C meant for the host, is ignored), or when the host goes away (our stdin
  pipe reaches EOF, or we are re-parented).
"""
import os
import stat
import sys
import threading

CORE_VERSION = 1
APP_VERSIONS = (1,)
COOKIE_VARIABLE = "COLLAB_PLUGIN_COOKIE"
COOKIE_VALUE = "5b3e1c6a-collaborative-plugin"
VERSIONS_VARIABLE = "COLLAB_PLUGIN_PROTOCOL_VERSIONS"
SECRET_VARIABLE = "COLLAB_PLUGIN_SECRET"
SOCKET_DIR_VARIABLE = "COLLAB_PLUGIN_SOCKET_DIR"
DATA_DIR_VARIABLE = "COLLAB_PLUGIN_DATA_DIR"
SEED_VARIABLE = "COLLAB_PLUGIN_SEED"
SECRET_HEADER = "collab-plugin-secret"
HEALTH_SERVICE = "plugin"


class LaunchError(Exception):
    """The environment is not a launch by a host; the message says what to do."""


class Launch:
    """What the host gave this launch."""

    def __init__(self, app_version, secret, socket_dir, data_dir, seed_demo):
        self.app_version = app_version
        self.secret = secret
        self.socket_dir = socket_dir
        self.data_dir = data_dir
        self.seed_demo = seed_demo


def read_launch(environ, name, plugin_id, version):
    if environ.get(COOKIE_VARIABLE) != COOKIE_VALUE:
        raise LaunchError(
            "%s (%s %s) is a Collaborative plugin: the host starts it, you don't.\n"
            "To use it, put its plugin.json in the host's plugins directory and run the host:\n"
            "    dotnet run --project host/Collaborative.Host\n"
            "(Launched by hand, %s is not set, so it will not serve.)" % (name, plugin_id, version, COOKIE_VARIABLE))
    app_version = negotiate(environ.get(VERSIONS_VARIABLE))
    secret = environ.get(SECRET_VARIABLE, "")
    if not secret:
        raise LaunchError("%s is not set: the host must give every launch a secret." % SECRET_VARIABLE)
    data_dir = environ.get(DATA_DIR_VARIABLE, "")
    if not data_dir:
        raise LaunchError("%s is not set: the host must give every module a directory for its store." % DATA_DIR_VARIABLE)
    seed = environ.get(SEED_VARIABLE, "")
    if seed not in ("", "demo"):
        raise LaunchError("%s='%s' is not understood: set it to 'demo' for demonstration data, or leave it unset." % (SEED_VARIABLE, seed))
    return Launch(app_version, secret, environ.get(SOCKET_DIR_VARIABLE) or None, os.path.abspath(data_dir), seed == "demo")


def negotiate(offered_text, ours=APP_VERSIONS):
    """The highest app protocol version both sides speak."""
    if not offered_text or not offered_text.strip():
        raise LaunchError("%s is not set: the host must say which app protocol versions it speaks." % VERSIONS_VARIABLE)
    offered = []
    for part in (p.strip() for p in offered_text.split(",")):
        if not part:
            continue
        if not part.isdigit() or int(part) < 1:
            raise LaunchError("%s='%s' is not a comma-separated list of positive integers ('%s')." % (VERSIONS_VARIABLE, offered_text, part))
        offered.append(int(part))
    common = set(offered) & set(ours)
    if not common:
        raise LaunchError("No common app protocol version: the host speaks %s, this module speaks %s." % (
            ",".join(map(str, offered)), ",".join(map(str, ours))))
    return max(common)


def handshake(app_version, network, address):
    line = "%d|%d|%s|%s|grpc\n" % (CORE_VERSION, app_version, network, address)
    sys.stdout.write(line)
    sys.stdout.flush()


def watch_parent(stop, interval=1.0):
    """Sets `stop` when the host is gone: stdin (a pipe the host holds) reaches EOF, or our parent changes."""
    parent = os.getppid()
    try:
        mode = os.fstat(0).st_mode
        stdin_is_pipe = stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)
    except OSError:
        stdin_is_pipe = False

    if stdin_is_pipe:
        # /dev/null or a terminal says nothing about the host; only a pipe closing does.
        def read_until_eof():
            try:
                while os.read(0, 4096):
                    pass
            except OSError:
                pass
            log("the host closed our stdin: it has gone; stopping")
            stop.set()

        threading.Thread(target=read_until_eof, name="stdin-watch", daemon=True).start()

    def poll_parent():
        while not stop.wait(interval):
            if os.getppid() != parent:
                log("the host process %d has gone; stopping" % parent)
                stop.set()

    threading.Thread(target=poll_parent, name="parent-watch", daemon=True).start()


def log(message):
    sys.stderr.write("concierge-desk: %s\n" % message)
    sys.stderr.flush()
