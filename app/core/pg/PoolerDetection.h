#pragma once

#include "pg/ConnectionParams.h"
#include "pg/PgError.h"

#include <QString>
#include <functional>

// Endpoints found, at connection time, to be a PgBouncer in transaction pooling mode although
// the catalog did not say so: PgBouncer refuses the startup parameter `options` ("unsupported
// startup parameter: options"). PgConnection then connects again without it and treats the
// endpoint (host and port) as pooled for the rest of the process. Thread-safe.
namespace PoolerDetection {
// Told the endpoint ("host:port") found to be pooled.
using Reporter = std::function<void(const QString& endpoint)>;

// The error is PgBouncer refusing the startup options.
bool refusedOptions(const PgError& error);
// params' host and port were found to be pooled earlier in this process.
bool isPooled(const ConnectionParams& params);
// Remembers params' host and port as pooled and tells the reporter, once per endpoint.
void remember(const ConnectionParams& params);
// Who hears of a detected endpoint: tenantctl writes explanation() to stderr, the GUI says it in
// its status bar. Called on the thread that connected.
void setReporter(Reporter reporter);
// What detecting endpoint means, in one line.
QString explanation(const QString& endpoint);
} // namespace PoolerDetection
