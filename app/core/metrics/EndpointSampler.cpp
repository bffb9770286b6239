#include "metrics/EndpointSampler.h"

#include "pg/SqlResource.h"

#include <optional>

const QByteArray EndpointSampler::tickStatement = QByteArrayLiteral("tenantdesk_metrics_tick");
const QByteArray EndpointSampler::tenantsStatement = QByteArrayLiteral("tenantdesk_metrics_tenants");
const QByteArray EndpointSampler::sizesStatement = QByteArrayLiteral("tenantdesk_metrics_sizes");

EndpointSampler::EndpointSampler(MetricTarget target, const ConnectionParams& base)
    : m_reader(std::move(target))
    , m_params(connectionParams(base, m_reader.target()))
{
}

// The options without any statement_timeout ("-c statement_timeout=30000" or
// "--statement_timeout=30000"), so that ours applies.
static QString withoutStatementTimeout(const QString& options)
{
    QStringList kept;
    const QStringList words = options.split(u' ', Qt::SkipEmptyParts);
    for (const QString& word : words) {
        if (word.startsWith(QLatin1String("statement_timeout=")) && !kept.isEmpty()
            && kept.last() == QLatin1String("-c"))
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
    if (target.pooled) {
        // PgBouncer refuses the startup parameter "options" ("unsupported startup parameter").
        p.remove("options");
        return p;
    }
    // Statistics read straight from shared memory, without building a per-transaction cache:
    // the cheapest way, and one statement needs no consistency with another.
    QString options = withoutStatementTimeout(p.value("options"));
    options += QStringLiteral("%1-c stats_fetch_consistency=none")
                   .arg(options.isEmpty() ? QString() : QStringLiteral(" "));
    p.set("options", options);
    return p.withSafeDefaults(statementTimeoutMs);
}

static QByteArray statementText(const char* file)
{
    return SqlResource::text(QString::fromLatin1(file)).toUtf8();
}

QByteArray EndpointSampler::setupScript()
{
    // PREPARE creates the same named statements as the protocol's Parse, in a single message.
    // The texts end on a line of SQL or a comment: each PREPARE ends on a line of its own.
    QByteArray script;
    for (const Statement& s : statements({true, true}))
        script += "PREPARE " + s.name + " AS\n" + s.text + "\n;\n";
    return script + statementText("metrics/flush.sql");
}

QList<EndpointSampler::Statement> EndpointSampler::statements(SampleReader::Tick tick)
{
    static const QByteArray tickText = statementText("metrics/sample.sql");
    static const QByteArray tenantsText = statementText("metrics/tenants.sql");
    static const QByteArray sizesText = statementText("metrics/sizes.sql");
    QList<Statement> list{{tickStatement, tickText}};
    if (tick.tenants)
        list.append({tenantsStatement, tenantsText});
    if (tick.sizes)
        list.append({sizesStatement, sizesText});
    return list;
}

void EndpointSampler::connect()
{
    m_ready = false;
    m_reader.restart();
    m_connection.open(m_params);
    // libpq writes notices to stderr, e.g. "terminating connection due to immediate shutdown"
    // in the middle of `tenantctl top`; a server going away is reported as the endpoint down.
    PQsetNoticeProcessor(
        m_connection.raw(), [](void*, const char*) {}, nullptr);
    if (m_reader.target().pooled) {
        // No statement_timeout on the server there: the wait for a reply is bounded here.
        m_connection.setReplyTimeout(statementTimeoutMs + PgConnection::ReplyMarginMs);
    } else {
        m_connection.execScript(QString::fromUtf8(setupScript()));
    }
    m_ready = true;
}

MetricSample EndpointSampler::sample()
{
    try {
        if (!m_ready || !m_connection.isOpen())
            connect();
        const SampleReader::Tick tick = m_reader.nextTick();
        std::vector<PgResult> results;
        for (const Statement& s : statements(tick)) {
            results.push_back(m_reader.target().pooled ? m_connection.exec(QString::fromUtf8(s.text))
                                                       : m_connection.execPrepared(s.name));
        }
        return m_reader.read(tick, results);
    } catch (const PgError& error) {
        // A statement that timed out leaves a working connection; keep it (and its counters)
        // rather than add a reconnect to the load of a struggling server.
        if (!m_connection.isOpen())
            m_connection.close();
        return m_reader.down(error.message());
    }
}
