#include "metrics/PolledEndpoint.h"

#include "metrics/HostLookup.h"
#include "pg/ParallelRunner.h"

PolledEndpoint::PolledEndpoint(MetricTarget target, const ConnectionParams& base, ParallelRunner& lookups,
                               Deliver deliver, std::function<void()> connected)
    : m_reader(std::move(target))
    , m_params(EndpointSampler::connectionParams(base, m_reader.target()))
    , m_deliver(std::move(deliver))
    , m_connectEnded(std::move(connected))
    , m_lookups(lookups)
{
    m_lookupDeadline.setSingleShot(true);
    QObject::connect(&m_lookupDeadline, &QTimer::timeout, &m_connection, [this] { lookupTimedOut(); });
}

void PolledEndpoint::sample(int deadlineMs)
{
    m_busy = true;
    if (!needsConnection()) {
        m_deadline = QDeadlineTimer(deadlineMs);
        runTick();
        return;
    }
    m_ready = false;
    m_connecting = true;
    m_reader.restart();
    m_deadline = QDeadlineTimer(qMax(deadlineMs, connectDeadlineMs));
    if (!m_addresses.isEmpty() || !HostLookup::needed(m_params))
        return connectNow();
    m_awaitingAddress = true;
    m_lookupDeadline.start(int(qMax<qint64>(0, m_deadline.remainingTime())));
    if (!m_lookingUp)
        lookUp();
}

void PolledEndpoint::connectNow()
{
    const ConnectionParams params = m_addresses.isEmpty() ? m_params : HostLookup::at(m_params, m_addresses);
    m_connection.open(params, m_deadline, [this](Outcome<void> opened) { connected(std::move(opened)); });
}

void PolledEndpoint::lookUp()
{
    m_lookingUp = true;
    const QString host = m_params.value("host");
    const QString port = m_params.value("port");
    // m_connection is the context: a lookup that ends after this endpoint went reports to nobody.
    m_lookups.run<QStringList>(
        host, [host, port] { return HostLookup::resolve(host, port); }, &m_connection,
        [this](Outcome<QStringList> found) { addressFound(std::move(found)); });
}

void PolledEndpoint::addressFound(Outcome<QStringList> found)
{
    m_lookingUp = false;
    if (found.ok())
        m_addresses = *found.value;
    if (!m_awaitingAddress)
        return; // its tick ended at its deadline; the next one connects to the address
    m_awaitingAddress = false;
    m_lookupDeadline.stop();
    if (!found.ok())
        return connectFailed(found.error->message());
    connectNow();
}

void PolledEndpoint::lookupTimedOut()
{
    if (!m_awaitingAddress)
        return;
    m_awaitingAddress = false;
    connectFailed(QStringLiteral("The host name %1 did not resolve within %2 s.")
                      .arg(m_params.value("host"))
                      .arg(m_lookupDeadline.interval() / 1000.0, 0, 'g', 3));
}

void PolledEndpoint::connectFailed(const QString& error)
{
    m_connecting = false;
    m_connectEnded();
    fail(error);
}

void PolledEndpoint::connected(Outcome<void> opened)
{
    if (!opened.ok()) {
        m_addresses.clear(); // the name may point elsewhere now: the next attempt resolves it again
        return connectFailed(opened.error->message());
    }
    m_connecting = false;
    m_connectEnded();
    if (target().pooled) {
        m_ready = true; // nothing to prepare: nothing named may outlive a transaction there
        return runTick();
    }
    static const QByteArray setup = EndpointSampler::setupScript();
    m_connection.sendScript(setup, m_deadline, [this](Outcome<PgResult> done) {
        if (!done.ok())
            return fail(done.error->message());
        m_ready = true;
        runTick();
    });
}

void PolledEndpoint::runTick()
{
    m_tick = m_reader.nextTick();
    m_statements = EndpointSampler::statements(m_tick);
    m_results.clear();
    sendNext();
}

void PolledEndpoint::sendNext()
{
    const EndpointSampler::Statement& next = m_statements.at(qsizetype(m_results.size()));
    auto answer = [this](Outcome<PgResult> result) { answered(std::move(result)); };
    if (target().pooled)
        m_connection.sendStatement(next.text, m_deadline, answer);
    else
        m_connection.sendPrepared(next.name, m_deadline, answer);
}

void PolledEndpoint::answered(Outcome<PgResult> result)
{
    if (!result.ok())
        return fail(result.error->message());
    m_results.push_back(std::move(*result.value));
    if (m_results.size() < size_t(m_statements.size()))
        return sendNext();
    const MetricSample sample = m_reader.read(m_tick, m_results);
    m_results.clear();
    deliver(sample);
}

void PolledEndpoint::fail(const QString& error)
{
    m_results.clear();
    if (!m_connection.isOpen())
        m_ready = false;
    deliver(m_reader.down(error));
}

void PolledEndpoint::deliver(const MetricSample& sample)
{
    m_busy = false;
    m_deliver(sample);
}
