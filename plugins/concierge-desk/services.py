"""The gRPC services the desk serves: collaborative.v1.Plugin (to the host), grpc.health.v1.Health,
and its own collaborative.v1.modules.ConciergeDesk (to staff), behind the per-launch secret."""
import datetime as dt
import hmac
import threading

import store as desk_store
from contract import HEALTH_SERVICE, SECRET_HEADER
from identity import NAME, PARTNER, PLUGIN_ID, VERSION
from protogen import (concierge_desk_pb2 as desk_pb2, concierge_desk_pb2_grpc as desk_grpc, grpc, health_pb2,
                      health_pb2_grpc, observation_pb2, plugin_pb2, plugin_pb2_grpc)

STAFF_HEADER = "x-staff-id"
CALLER_HEADER = "collab-caller"

MEASURES = [
    (desk_store.ISSUES_LOGGED, "Concierge desk issues logged", "issues", "Issues ward sisters brought to the desk in the month."),
    (desk_store.ISSUES_RESOLVED_SHARE, "Concierge desk issues resolved", "percent", "Of the issues logged in the month, the share resolved so far."),
] + [
    ("concierge.issues." + slug, "Concierge desk issues: " + slug.replace("-", " "), "issues",
     "Issues logged in the month whose root cause was " + slug.replace("-", " ") + ".")
    for slug in desk_store.CATEGORY_SLUGS.values()
]


def describe():
    description = plugin_pb2.PluginDescription(id=PLUGIN_ID, name=NAME, version=VERSION, partner_organisation=PARTNER)
    for measure_id, name, unit, text in MEASURES:
        description.measures.add(measure_id=measure_id, name=name, unit=unit, description=text)
    description.services.append(desk_pb2.DESCRIPTOR.services_by_name["ConciergeDesk"].full_name)
    return description


class SecretInterceptor(grpc.ServerInterceptor):
    """Every call must carry the per-launch secret; anything else is UNAUTHENTICATED, before the
    method is even looked at (so a stranger learns nothing about what we serve)."""

    MESSAGE = "Missing or wrong plugin secret: only the host that launched this plugin may call it."

    def __init__(self, secret):
        self._secret = secret.encode()

    def intercept_service(self, continuation, details):
        presented = ""
        for key, value in details.invocation_metadata or ():
            if key == SECRET_HEADER:
                presented = value if isinstance(value, str) else value.decode("ascii", "replace")
        if hmac.compare_digest(presented.encode(), self._secret):
            return continuation(details)
        return self._deny(continuation(details))

    def _deny(self, handler):
        def unary(request, context):
            context.abort(grpc.StatusCode.UNAUTHENTICATED, self.MESSAGE)

        def streaming(request, context):
            context.abort(grpc.StatusCode.UNAUTHENTICATED, self.MESSAGE)
            yield  # pragma: no cover - a generator, so grpcio treats it as a response stream

        if handler is None or not (handler.request_streaming or handler.response_streaming):
            return grpc.unary_unary_rpc_method_handler(unary)
        if handler.request_streaming and handler.response_streaming:
            return grpc.stream_stream_rpc_method_handler(streaming)
        if handler.response_streaming:
            return grpc.unary_stream_rpc_method_handler(streaming)
        return grpc.stream_unary_rpc_method_handler(unary)


class Health(health_pb2_grpc.HealthServicer):
    """grpc.health.v1.Health for service "plugin" (and "", the server as a whole). Written here
    because Debian's python3-grpcio may come without grpc_health."""

    def __init__(self):
        self._serving = True
        self._changed = threading.Condition()

    def shutdown(self):
        with self._changed:
            self._serving = False
            self._changed.notify_all()

    def _status(self, service):
        if service not in ("", HEALTH_SERVICE):
            return None
        return health_pb2.HealthCheckResponse.SERVING if self._serving else health_pb2.HealthCheckResponse.NOT_SERVING

    def Check(self, request, context):
        status = self._status(request.service)
        if status is None:
            context.abort(grpc.StatusCode.NOT_FOUND, "unknown service '%s'; this plugin reports health as '%s'" % (request.service, HEALTH_SERVICE))
        return health_pb2.HealthCheckResponse(status=status)

    def Watch(self, request, context):
        last = None
        while context.is_active():
            status = self._status(request.service)
            if status is None:
                status = health_pb2.HealthCheckResponse.SERVICE_UNKNOWN
            if status != last:
                last = status
                yield health_pb2.HealthCheckResponse(status=status)
            with self._changed:
                self._changed.wait(1.0)


class Plugin(plugin_pb2_grpc.PluginServicer):
    """collaborative.v1.Plugin: what we are, and our aggregates from the outbox."""

    def __init__(self, desk, request_stop):
        self._desk = desk
        self._request_stop = request_stop

    def Describe(self, request, context):
        return describe()

    def CollectObservations(self, request, context):
        if request.max_batch < 0:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "max_batch must be 0 (module's choice) or positive; got %d." % request.max_batch)
        after = 0
        if request.cursor:
            if not request.cursor.isdigit():
                context.abort(grpc.StatusCode.INVALID_ARGUMENT,
                              "cursor: '%s' is not a cursor this module issued (they are sequence numbers); "
                              "send the cursor of the last batch you stored, or empty to start over." % request.cursor)
            after = int(request.cursor)
        self._desk.catch_up()
        limit = desk_store.DEFAULT_BATCH if request.max_batch == 0 else min(request.max_batch, desk_store.MAX_BATCH)
        while context.is_active():
            rows = self._desk.observations_after(after, limit)
            if not rows:
                return
            after = rows[-1][0]
            batch = plugin_pb2.ObservationBatch(cursor=str(after))
            for _, observation_id, measure_id, period, value, numerator, denominator, recorded_at in rows:
                observation = batch.observations.add(
                    id=observation_id, measure_id=measure_id, period=period, value=value, source=PLUGIN_ID)
                if numerator is not None:
                    observation.numerator = numerator
                if denominator is not None:
                    observation.denominator = denominator
                observation.recorded_at.FromDatetime(desk_store.parse_iso(recorded_at).replace(tzinfo=None))
            yield batch
            if len(rows) < limit:
                return

    def EvaluateAlignment(self, request, context):
        return plugin_pb2.EvaluateAlignmentResponse()

    def Shutdown(self, request, context):
        # Answer first: the stop begins once this call has completed.
        context.add_callback(self._request_stop)
        return plugin_pb2.ShutdownResponse()


def _staff(context):
    """The member of staff acting; with the staff system when the host's module gateway forwarded the call
    (collab-caller is set by the host, never by the caller): "C1234 via City GP system"."""
    metadata = dict(context.invocation_metadata())
    staff = (metadata.get(STAFF_HEADER) or "").strip()
    if staff:
        system = (metadata.get(CALLER_HEADER) or "").strip()
        return "%s via %s" % (staff, system) if system else staff
    context.abort(grpc.StatusCode.UNAUTHENTICATED,
                  "Metadata '%s' is required: say which member of staff is acting, so the desk's records say who." % STAFF_HEADER)


def _required(context, value, field, limit=500):
    text = (value or "").strip()
    if not text:
        context.abort(grpc.StatusCode.INVALID_ARGUMENT, "%s: is required." % field)
    if len(text) > limit:
        context.abort(grpc.StatusCode.INVALID_ARGUMENT, "%s: is %d characters long; at most %d are allowed." % (field, len(text), limit))
    return text


def _instant(context, timestamp, present, field, now):
    if not present:
        return now
    instant = timestamp.ToDatetime().replace(tzinfo=dt.timezone.utc)
    # A few minutes' grace: clocks on ward PCs disagree.
    if instant > now + dt.timedelta(minutes=5):
        context.abort(grpc.StatusCode.INVALID_ARGUMENT, "%s: %s is in the future." % (field, desk_store.iso(instant)))
    if instant.year < 2000:
        context.abort(grpc.StatusCode.INVALID_ARGUMENT, "%s: %s is before 2000; check the year." % (field, desk_store.iso(instant)))
    return instant


def to_message(issue):
    message = desk_pb2.ConciergeIssue(
        issue_id=issue["issue_id"], ward=issue["ward"], raised_by=issue["raised_by"], category=issue["category"],
        corporate_service=issue["corporate_service"], description=issue["description"], resolution=issue["resolution"])
    message.raised_at.FromDatetime(desk_store.parse_iso(issue["raised_at"]).replace(tzinfo=None))
    if issue["resolved_at"]:
        message.resolved_at.FromDatetime(desk_store.parse_iso(issue["resolved_at"]).replace(tzinfo=None))
    return message


class ConciergeDesk(desk_grpc.ConciergeDeskServicer):
    """collaborative.v1.modules.ConciergeDesk: logging and resolving ward sisters' requests."""

    def __init__(self, desk):
        self._desk = desk

    def LogRequest(self, request, context):
        staff = _staff(context)
        issue = request.issue
        if issue.category not in desk_store.CATEGORY_SLUGS:
            names = ", ".join(desk_pb2.RootCause.Name(n) for n in desk_store.CATEGORY_SLUGS)
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "issue.category: %s; one of %s." % (
                "is required" if issue.category == 0 else "%d is not a known value" % issue.category, names))
        raised_at = _instant(context, issue.raised_at, issue.HasField("raised_at"), "issue.raised_at", desk_store.utc_now())
        logged = self._desk.log_issue(
            ward=_required(context, issue.ward, "issue.ward", 200),
            raised_by=_required(context, issue.raised_by, "issue.raised_by", 200),
            raised_at=raised_at,
            category=issue.category,
            corporate_service=_required(context, issue.corporate_service, "issue.corporate_service", 100),
            description=_required(context, issue.description, "issue.description", 2000),
            staff=staff)
        return to_message(logged)

    def ResolveRequest(self, request, context):
        _staff(context)
        issue_id = _required(context, request.issue_id, "issue_id", 40)
        resolution = _required(context, request.resolution, "resolution", 2000)
        resolved_at = _instant(context, request.resolved_at, request.HasField("resolved_at"), "resolved_at", desk_store.utc_now())
        try:
            return to_message(self._desk.resolve_issue(issue_id, resolution, resolved_at))
        except desk_store.NotFound:
            context.abort(grpc.StatusCode.NOT_FOUND, "issue_id: no issue '%s' at the desk." % issue_id)
        except desk_store.AlreadyResolved as resolved:
            context.abort(grpc.StatusCode.FAILED_PRECONDITION, "%s was already resolved at %s." % (issue_id, resolved))
        except ValueError as problem:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "%s." % problem)

    def ListRequests(self, request, context):
        _staff(context)
        period = request.period
        if len(period) != 7 or period[4] != "-" or not (period[:4] + period[5:]).isdigit() or not 1 <= int(period[5:]) <= 12:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "period: '%s' is not a month; use YYYY-MM, e.g. 2026-03." % period)
        return desk_pb2.ListConciergeIssues(issues=[to_message(i) for i in self._desk.issues_in(period)])
