#include "metrics/EndpointSampler.h"

#include "pg/SqlResource.h"

#include <QDateTime>

const QByteArray EndpointSampler::tickStatement = QByteArrayLiteral("tenantdesk_metrics_tick");
const QByteArray EndpointSampler::tenantsStatement = QByteArrayLiteral("tenantdesk_metrics_tenants");
const QByteArray EndpointSampler::sizesStatement = QByteArrayLiteral("tenantdesk_metrics_sizes");

EndpointSampler::EndpointSampler(MetricTarget target, const ConnectionParams& base)
    : m_target(std::move(target))
    , m_params(connectionParams(base, m_target))
{
    for (int i = 0; i < m_target.tenants.size(); ++i) {
        const MetricTenant& tenant = m_target.tenants.at(i);
        if (tenant.model == IsolationModel::Schema)
            m_schemaTenants.insert(tenant.objectName, i);
        else if (tenant.model == IsolationModel::Database)
            m_databaseTenants.insert(tenant.objectName, i);
    }
}

// The options without any statement_timeout ("-c statement_timeout=30000" or
// "--statement_timeout=30000"), so that ours applies.
static QString withoutStatementTimeout(const QString& options)
{
    QStringList kept;
    const QStringList words = options.split(u' ', Qt::SkipEmptyParts);
    for (const QString& word : words) {
        if (word.startsWith(QLatin1String("statement_timeout=")) && !kept.isEmpty() && kept.last() == QLatin1String("-c"))
            kept.removeLast();
        else if (!word.startsWith(QLatin1String("--statement_timeout=")))
            kept.append(word);
    }
    return kept.join(u' ');
}

ConnectionParams EndpointSampler::connectionParams(const ConnectionParams& base, const MetricTarget& target)
{
    ConnectionParams p = base.withEndpoint(target.endpoint.host, target.endpoint.port, target.tenantDatabase);
    // A monitoring connection gives up quickly, whatever the catalog connection allows itself: a
    // dead endpoint must show as down within a tick or two, and its worker be free to retry.
    p.set("connect_timeout", QStringLiteral("3"));
    p.set("tcp_user_timeout", QStringLiteral("5000"));
    p.set("keepalives", QStringLiteral("1"));
    p.set("keepalives_idle", QStringLiteral("5"));
    p.set("keepalives_interval", QStringLiteral("2"));
    p.set("keepalives_count", QStringLiteral("2"));
    p.set("application_name", QStringLiteral("TenantDesk metrics"));
    // Statistics read straight from shared memory, without building a per-transaction cache:
    // the cheapest way, and one statement needs no consistency with another.
    QString options = withoutStatementTimeout(p.value("options"));
    options += QStringLiteral("%1-c stats_fetch_consistency=none").arg(options.isEmpty() ? QString() : QStringLiteral(" "));
    p.set("options", options);
    return p.withSafeDefaults(statementTimeoutMs);
}

void EndpointSampler::connect()
{
    m_ready = false;
    m_previousDatabases.clear();
    m_previousSchemas.clear();
    m_hasPreviousTenants = false;
    m_tick = 0;
    m_connection.open(m_params);
    // libpq writes notices to stderr, e.g. "terminating connection due to immediate shutdown"
    // in the middle of `tenantctl top`; a server going away is reported as the endpoint down.
    PQsetNoticeProcessor(m_connection.raw(), [](void*, const char*) {}, nullptr);
    m_connection.prepare(tickStatement, SqlResource::text("metrics/sample.sql"));
    m_connection.prepare(tenantsStatement, SqlResource::text("metrics/tenants.sql"));
    m_connection.prepare(sizesStatement, SqlResource::text("metrics/sizes.sql"));
    m_connection.exec(SqlResource::text("metrics/flush.sql"));
    m_ready = true;
}

MetricSample EndpointSampler::sample()
{
    try {
        if (!m_ready || !m_connection.isOpen())
            connect();
        m_tenantEntries.clear();
        MetricSample sample;
        sample.endpointId = m_target.endpoint.id;
        sample.up = true;
        const bool tenants = m_tick <= 1 || m_tick % m_tenantsEvery == 0;
        const bool sizes = m_tick % m_sizesEvery == 0;
        ++m_tick;
        {
            const PgResult tick = m_connection.execPrepared(tickStatement);
            sample.timestampMs = QDateTime::currentMSecsSinceEpoch();
            readTick(tick, Clock::now(), sample);
        }
        if (tenants)
            readTenants(m_connection.execPrepared(tenantsStatement), Clock::now(), sample);
        if (sizes)
            readSizes(m_connection.execPrepared(sizesStatement));
        addSizes(sample);
        m_ownStatements = 1 + int(tenants) + int(sizes);
        return sample;
    } catch (const PgError& error) {
        // A statement that timed out leaves a working connection; keep it (and its counters)
        // rather than add a reconnect to the load of a struggling server.
        if (!m_connection.isOpen())
            m_connection.close();
        // One line: libpq's messages carry hints on further lines, and a down endpoint is one
        // line of `tenantctl top` and one cell of the dashboard.
        return MetricSample::down(m_target.endpoint.id, QDateTime::currentMSecsSinceEpoch(), error.message().simplified());
    }
}

static double ratio(qint64 hit, qint64 read)
{
    return hit + read > 0 ? double(hit) / double(hit + read) : 1.0;
}

void EndpointSampler::readTick(const PgResult& result, Clock::time_point at, MetricSample& sample)
{
    const double elapsed = std::chrono::duration<double>(at - m_previousAt).count();
    sample.hasRates = !m_previousDatabases.isEmpty() && elapsed > 0;
    sample.elapsedSeconds = sample.hasRates ? elapsed : 0;

    QHash<QString, Counters> databases;
    Counters total;  // deltas over the interval
    Counters lifetime;  // cumulative, for the hit ratio of an interval that read nothing
    for (int row = 0; row < result.rows(); ++row) {
        const QByteArrayView kind = result.bytes(row, 0);
        const QString name = result.text(row, 1);
        auto n = [&](int i) { return result.toInt(row, 1 + i); };
        if (kind == QByteArrayView("server")) {
            sample.inRecovery = name == QLatin1String("replica");
            sample.lockWaits = int(n(1));
            sample.oldestXactSeconds = double(n(2)) / 1000.0;
            sample.lagBytes = n(3);
            sample.lagSeconds = double(n(4)) / 1000.0;
            sample.streamingReplicas = int(n(5));
        } else if (kind == QByteArrayView("activity")) {
            sample.connectionsByState.append({name, int(n(1))});
            sample.connections += int(n(1));
        } else if (kind == QByteArrayView("database")) {
            const Counters now{n(1), n(2), n(3), n(4), n(5), n(6), n(7)};
            databases.insert(name, now);
            lifetime.blocksHit += now.blocksHit;
            lifetime.blocksRead += now.blocksRead;
            MetricSample::Database database{name};
            const auto previous = m_previousDatabases.constFind(name);
            if (sample.hasRates && previous != m_previousDatabases.constEnd()) {
                Counters delta{now.xacts - previous->xacts,           now.blocksHit - previous->blocksHit,
                               now.blocksRead - previous->blocksRead, now.tuplesRead - previous->tuplesRead,
                               now.tuplesWritten - previous->tuplesWritten, now.tempBytes - previous->tempBytes,
                               now.deadlocks - previous->deadlocks};
                if (name == m_target.tenantDatabase)
                    delta.xacts = qMax<qint64>(0, delta.xacts - m_ownStatements);
                // A negative delta means the counters were reset (pg_stat_reset, a crash restart):
                // this database has no rate until the next sample.
                if (delta.xacts >= 0 && delta.blocksHit >= 0 && delta.tuplesRead >= 0 && delta.tuplesWritten >= 0) {
                    total.xacts += delta.xacts;
                    total.blocksHit += delta.blocksHit;
                    total.blocksRead += qMax<qint64>(0, delta.blocksRead);
                    total.tuplesRead += delta.tuplesRead;
                    total.tuplesWritten += delta.tuplesWritten;
                    total.tempBytes += qMax<qint64>(0, delta.tempBytes);
                    total.deadlocks += qMax<qint64>(0, delta.deadlocks);
                    database.tps = double(delta.xacts) / elapsed;
                    database.tuplesReadPerSec = double(delta.tuplesRead) / elapsed;
                    database.tuplesWrittenPerSec = double(delta.tuplesWritten) / elapsed;
                }
            }
            sample.databases.append(database);
        }
    }
    if (sample.hasRates) {
        sample.tps = double(total.xacts) / elapsed;
        sample.tuplesReadPerSec = double(total.tuplesRead) / elapsed;
        sample.tuplesWrittenPerSec = double(total.tuplesWritten) / elapsed;
        sample.tempBytesPerSec = double(total.tempBytes) / elapsed;
        sample.deadlocks = total.deadlocks;
    }
    sample.cacheHitRatio = total.blocksHit + total.blocksRead > 0 ? ratio(total.blocksHit, total.blocksRead)
                                                                   : ratio(lifetime.blocksHit, lifetime.blocksRead);
    if (sample.hasRates) {
        for (const MetricSample::Database& database : std::as_const(sample.databases)) {
            const auto tenant = m_databaseTenants.constFind(database.name);
            if (tenant == m_databaseTenants.constEnd())
                continue;
            MetricSample::Tenant& entry = tenantEntry(sample, m_target.tenants.at(*tenant));
            entry.hasRates = true;
            entry.tuplesReadPerSec = database.tuplesReadPerSec;
            entry.tuplesWrittenPerSec = database.tuplesWrittenPerSec;
        }
    }
    m_previousDatabases = std::move(databases);
    m_previousAt = at;
}

void EndpointSampler::readTenants(const PgResult& result, Clock::time_point at, MetricSample& sample)
{
    const double elapsed = std::chrono::duration<double>(at - m_previousTenantsAt).count();
    const bool hasRates = m_hasPreviousTenants && elapsed > 0;
    sample.hasSchemaTenants = true;
    QHash<QString, TupleCounters> schemas;
    for (int row = 0; row < result.rows(); ++row) {
        if (result.bytes(row, 0) == QByteArrayView("schema"))
            schemas.insert(result.text(row, 1), {result.toInt(row, 2), result.toInt(row, 3)});
    }
    // Listed with the schema tenants, as often: shared-table tenants cannot be measured.
    for (const MetricTenant& tenant : std::as_const(m_target.tenants)) {
        if (tenant.model == IsolationModel::Shared)
            tenantEntry(sample, tenant).measurable = false;
    }
    for (auto it = schemas.constBegin(); hasRates && it != schemas.constEnd(); ++it) {
        const auto tenant = m_schemaTenants.constFind(it.key());
        const auto previous = m_previousSchemas.constFind(it.key());
        if (tenant == m_schemaTenants.constEnd() || previous == m_previousSchemas.constEnd())
            continue;
        const qint64 read = it->read - previous->read;
        const qint64 written = it->written - previous->written;
        if (read < 0 || written < 0)
            continue;  // counters reset
        MetricSample::Tenant& entry = tenantEntry(sample, m_target.tenants.at(*tenant));
        entry.hasRates = true;
        entry.tuplesReadPerSec = double(read) / elapsed;
        entry.tuplesWrittenPerSec = double(written) / elapsed;
    }
    m_previousSchemas = std::move(schemas);
    m_previousTenantsAt = at;
    m_hasPreviousTenants = true;
}

void EndpointSampler::readSizes(const PgResult& result)
{
    m_sizes.clear();
    for (int row = 0; row < result.rows(); ++row) {
        if (result.bytes(row, 0) == QByteArrayView("size"))
            m_sizes.insert(result.text(row, 1), result.toInt(row, 2, -1));
    }
    m_sizesAtMs = QDateTime::currentMSecsSinceEpoch();
}

void EndpointSampler::addSizes(MetricSample& sample)
{
    if (m_sizesAtMs == 0)
        return;
    sample.sizesAtMs = m_sizesAtMs;
    sample.totalSizeBytes = 0;
    for (MetricSample::Database& database : sample.databases) {
        database.sizeBytes = m_sizes.value(database.name, -1);
        sample.totalSizeBytes += qMax<qint64>(0, database.sizeBytes);
    }
    for (auto it = m_databaseTenants.constBegin(); it != m_databaseTenants.constEnd(); ++it) {
        const qint64 size = m_sizes.value(it.key(), -1);
        if (size >= 0)
            tenantEntry(sample, m_target.tenants.at(it.value())).sizeBytes = size;
    }
}

MetricSample::Tenant& EndpointSampler::tenantEntry(MetricSample& sample, const MetricTenant& tenant)
{
    auto it = m_tenantEntries.constFind(tenant.slug);
    if (it == m_tenantEntries.constEnd()) {
        it = m_tenantEntries.insert(tenant.slug, sample.tenants.size());
        sample.tenants.append({tenant.slug, tenant.model});
    }
    return sample.tenants[*it];
}
