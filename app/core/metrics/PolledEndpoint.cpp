#include "metrics/PolledEndpoint.h"

PolledEndpoint::PolledEndpoint(MetricTarget target, const ConnectionParams& base, Deliver deliver,
                               std::function<void()> connected)
    : m_reader(std::move(target))
    , m_params(EndpointSampler::connectionParams(base, m_reader.target()))
    , m_deliver(std::move(deliver))
    , m_connectEnded(std::move(connected))
{
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
    m_connection.open(m_params, m_deadline, [this](Outcome<void> opened) { connected(std::move(opened)); });
}

void PolledEndpoint::connected(Outcome<void> opened)
{
    m_connecting = false;
    m_connectEnded();
    if (!opened.ok())
        return fail(opened.error->message());
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
