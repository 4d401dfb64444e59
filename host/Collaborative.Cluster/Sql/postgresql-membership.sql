-- Cluster membership on PostgreSQL for Orleans' ADO.NET clustering provider (invariant Npgsql). Our own schema.
-- Orleans' membership protocol keeps, per cluster (@DeploymentId), one version row and one row per silo
-- (@Address, @Port, @Generation). Every change to a silo row is optimistic on the table version: the caller
-- passes the version it read (@Version); the change applies, and the version grows by one, only if it still
-- matches. Inserts and updates return one column, 1 when applied, 0 when not (Orleans re-reads and retries).
-- Reads return one row per silo joined to the version row, or the version row alone (StartTime NULL) when the
-- cluster has no silo yet. Every statement is idempotent: this file runs on every start, under an advisory lock.

CREATE TABLE IF NOT EXISTS collab_cluster_version
(
    cluster_id text        NOT NULL PRIMARY KEY,
    version    integer     NOT NULL,
    changed_at timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS collab_cluster_silo
(
    cluster_id    text        NOT NULL REFERENCES collab_cluster_version (cluster_id),
    address       text        NOT NULL,
    port          integer     NOT NULL,
    generation    integer     NOT NULL,
    silo_name     text        NOT NULL,
    host_name     text        NOT NULL,
    status        integer     NOT NULL,
    proxy_port    integer     NULL,
    suspect_times text        NULL,      -- Orleans' own encoding: "silo,time|silo,time"
    started_at    timestamptz NOT NULL,
    alive_at      timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, address, port, generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', '
WITH created AS (
    INSERT INTO collab_cluster_version (cluster_id, version, changed_at) VALUES (@DeploymentId, 0, now())
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT count(*)::integer FROM created;
') ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- The version row is locked by the first writer; a concurrent one waits, then finds the version moved on.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', '
WITH bumped AS (
    UPDATE collab_cluster_version SET version = version + 1, changed_at = now()
    WHERE cluster_id = @DeploymentId AND version = @Version
      AND NOT EXISTS (SELECT 1 FROM collab_cluster_silo
                      WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING cluster_id),
added AS (
    INSERT INTO collab_cluster_silo (cluster_id, address, port, generation, silo_name, host_name, status, proxy_port, started_at, alive_at)
    SELECT cluster_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime FROM bumped
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT count(*)::integer FROM added;
') ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', '
WITH bumped AS (
    UPDATE collab_cluster_version SET version = version + 1, changed_at = now()
    WHERE cluster_id = @DeploymentId AND version = @Version
      AND EXISTS (SELECT 1 FROM collab_cluster_silo
                  WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING cluster_id),
changed AS (
    UPDATE collab_cluster_silo AS s
    SET status = @Status, suspect_times = @SuspectTimes, alive_at = @IAmAliveTime
    FROM bumped
    WHERE s.cluster_id = bumped.cluster_id AND s.address = @Address AND s.port = @Port AND s.generation = @Generation
    RETURNING 1)
SELECT count(*)::integer FROM changed;
') ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- A heartbeat, outside the version protocol: Orleans never checks its result.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', '
UPDATE collab_cluster_silo SET alive_at = @IAmAliveTime
WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
') ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', '
SELECT v.version AS "Version", s.address AS "Address", s.port AS "Port", s.generation AS "Generation",
       s.silo_name AS "SiloName", s.host_name AS "HostName", s.status AS "Status", s.proxy_port AS "ProxyPort",
       s.suspect_times AS "SuspectTimes", s.started_at AS "StartTime", s.alive_at AS "IAmAliveTime"
FROM collab_cluster_version AS v
LEFT JOIN collab_cluster_silo AS s
  ON s.cluster_id = v.cluster_id AND s.address = @Address AND s.port = @Port AND s.generation = @Generation
WHERE v.cluster_id = @DeploymentId;
') ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', '
SELECT v.version AS "Version", s.address AS "Address", s.port AS "Port", s.generation AS "Generation",
       s.silo_name AS "SiloName", s.host_name AS "HostName", s.status AS "Status", s.proxy_port AS "ProxyPort",
       s.suspect_times AS "SuspectTimes", s.started_at AS "StartTime", s.alive_at AS "IAmAliveTime"
FROM collab_cluster_version AS v
LEFT JOIN collab_cluster_silo AS s ON s.cluster_id = v.cluster_id
WHERE v.cluster_id = @DeploymentId;
') ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- For clients: the gateways of silos with @Status (Active).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', '
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM collab_cluster_silo
WHERE cluster_id = @DeploymentId AND status = @Status AND proxy_port > 0;
') ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', '
DELETE FROM collab_cluster_silo WHERE cluster_id = @DeploymentId;
DELETE FROM collab_cluster_version WHERE cluster_id = @DeploymentId;
') ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Silos that stopped heart-beating before @IAmAliveTime and are no longer active (status 3).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', '
DELETE FROM collab_cluster_silo
WHERE cluster_id = @DeploymentId AND alive_at < @IAmAliveTime AND status <> 3;
') ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
