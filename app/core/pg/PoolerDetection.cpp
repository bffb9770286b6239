#include "pg/PoolerDetection.h"

#include <QSet>

#include <mutex>

namespace {

struct Detected {
    std::mutex mutex;
    QSet<QString> endpoints;
    PoolerDetection::Reporter reporter;
};

Detected& detected()
{
    static Detected d;
    return d;
}

QString endpointOf(const ConnectionParams& params)
{
    const QString host = params.value("host");
    return (host.isEmpty() ? QStringLiteral("localhost") : host) + u':'
           + (params.contains("port") ? params.value("port") : QStringLiteral("5432"));
}

} // namespace

bool PoolerDetection::refusedOptions(const PgError& error)
{
    return error.kind() == PgError::Kind::Connection
           && error.message().contains(QLatin1String("unsupported startup parameter: options"));
}

bool PoolerDetection::isPooled(const ConnectionParams& params)
{
    Detected& d = detected();
    std::lock_guard lock(d.mutex);
    return d.endpoints.contains(endpointOf(params));
}

void PoolerDetection::remember(const ConnectionParams& params)
{
    const QString endpoint = endpointOf(params);
    Detected& d = detected();
    std::lock_guard lock(d.mutex);
    if (d.endpoints.contains(endpoint))
        return;
    d.endpoints.insert(endpoint);
    if (d.reporter)
        d.reporter(endpoint);
}

QString PoolerDetection::explanation(const QString& endpoint)
{
    return QStringLiteral("%1 refused the startup parameter \"options\": it is a transaction-pooling PgBouncer. "
                          "Connecting without options, with the settings set in each transaction, for the rest of "
                          "this run; mark the endpoint pooled (pooling 'transaction') in the catalog to skip this.")
        .arg(endpoint);
}

void PoolerDetection::setReporter(Reporter reporter)
{
    Detected& d = detected();
    std::lock_guard lock(d.mutex);
    d.reporter = std::move(reporter);
}
