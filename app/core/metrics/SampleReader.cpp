#include "metrics/SampleReader.h"

#include "pg/PgResult.h"

#include <QDateTime>

SampleReader::SampleReader(MetricTarget target)
{
    setTarget(std::move(target));
}

void SampleReader::setTarget(MetricTarget target)
{
    m_target = std::move(target);
    m_schemaTenants.clear();
    m_databaseTenants.clear();
    for (int i = 0; i < m_target.tenants.size(); ++i) {
        const MetricTenant& tenant = m_target.tenants.at(i);
        if (tenant.model == IsolationModel::Schema)
            m_schemaTenants.insert(tenant.objectName, i);
        else if (tenant.model == IsolationModel::Database)
            m_databaseTenants.insert(tenant.objectName, i);
    }
}

void SampleReader::restart()
{
    m_previousDatabases.clear();
    m_previousSchemas.clear();
    m_hasPreviousTenants = false;
    m_tick = 0;
}

SampleReader::Tick SampleReader::nextTick()
{
    Tick tick;
    tick.tenants = m_tick <= 1 || m_tick % m_tenantsEvery == 0;
    tick.sizes = m_tick % m_sizesEvery == 0;
    ++m_tick;
    return tick;
}

MetricSample SampleReader::read(Tick tick, const std::vector<PgResult>& results)
{
    Q_ASSERT(results.size() == size_t(tick.statements()));
    m_tenantEntries.clear();
    MetricSample sample;
    sample.endpointId = m_target.endpoint.id;
    sample.up = true;
    sample.timestampMs = QDateTime::currentMSecsSinceEpoch();
    const Clock::time_point at = Clock::now();
    size_t next = 0;
    readTick(results[next++], at, sample);
    if (tick.tenants)
        readTenants(results[next++], at, sample);
    if (tick.sizes)
        readSizes(results[next++]);
    addSizes(sample);
    m_ownStatements = tick.statements();
    return sample;
}

MetricSample SampleReader::down(const QString& error) const
{
    return MetricSample::down(m_target.endpoint.id, QDateTime::currentMSecsSinceEpoch(), error.simplified());
}

static double ratio(qint64 hit, qint64 read)
{
    return hit + read > 0 ? double(hit) / double(hit + read) : 1.0;
}

void SampleReader::readTick(const PgResult& result, Clock::time_point at, MetricSample& sample)
{
    const double elapsed = std::chrono::duration<double>(at - m_previousAt).count();
    sample.hasRates = !m_previousDatabases.isEmpty() && elapsed > 0;
    sample.elapsedSeconds = sample.hasRates ? elapsed : 0;

    QHash<QString, Counters> databases;
    Counters total;    // deltas over the interval
    Counters lifetime; // cumulative, for the hit ratio of an interval that read nothing
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
                Counters delta{now.xacts - previous->xacts,
                               now.blocksHit - previous->blocksHit,
                               now.blocksRead - previous->blocksRead,
                               now.tuplesRead - previous->tuplesRead,
                               now.tuplesWritten - previous->tuplesWritten,
                               now.tempBytes - previous->tempBytes,
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

void SampleReader::readTenants(const PgResult& result, Clock::time_point at, MetricSample& sample)
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
            continue; // counters reset
        MetricSample::Tenant& entry = tenantEntry(sample, m_target.tenants.at(*tenant));
        entry.hasRates = true;
        entry.tuplesReadPerSec = double(read) / elapsed;
        entry.tuplesWrittenPerSec = double(written) / elapsed;
    }
    m_previousSchemas = std::move(schemas);
    m_previousTenantsAt = at;
    m_hasPreviousTenants = true;
}

void SampleReader::readSizes(const PgResult& result)
{
    m_sizes.clear();
    for (int row = 0; row < result.rows(); ++row) {
        if (result.bytes(row, 0) == QByteArrayView("size"))
            m_sizes.insert(result.text(row, 1), result.toInt(row, 2, -1));
    }
    m_sizesAtMs = QDateTime::currentMSecsSinceEpoch();
}

void SampleReader::addSizes(MetricSample& sample)
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

MetricSample::Tenant& SampleReader::tenantEntry(MetricSample& sample, const MetricTenant& tenant)
{
    auto it = m_tenantEntries.constFind(tenant.slug);
    if (it == m_tenantEntries.constEnd()) {
        it = m_tenantEntries.insert(tenant.slug, sample.tenants.size());
        sample.tenants.append({tenant.slug, tenant.model});
    }
    return sample.tenants[*it];
}
