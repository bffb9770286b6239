#include "pg/AsyncPgConnection.h"

#include "pg/PgConnection.h"

#include <QSocketNotifier>

#include <algorithm>
#include <climits>

AsyncPgConnection::AsyncPgConnection(QObject* parent)
    : QObject(parent)
{
    m_deadline.setSingleShot(true);
    m_deadline.setTimerType(Qt::PreciseTimer);
    connect(&m_deadline, &QTimer::timeout, this, &AsyncPgConnection::deadlinePassed);
}

AsyncPgConnection::~AsyncPgConnection()
{
    close();
}

void AsyncPgConnection::close()
{
    m_deadline.stop();
    dropNotifiers();
    if (m_conn)
        PQfinish(m_conn); // sends Terminate: the server ends the session at once
    m_conn = nullptr;
    m_phase = Phase::Idle;
    ++m_exchange;
    m_opened = nullptr;
    m_answered = nullptr;
    m_kept = PgResult();
}

bool AsyncPgConnection::isOpen() const
{
    return m_conn && m_phase != Phase::Connecting && PQstatus(m_conn) == CONNECTION_OK;
}

void AsyncPgConnection::armDeadline(const QDeadlineTimer& deadline)
{
    const qint64 remaining = std::clamp<qint64>(deadline.remainingTime(), 0, INT_MAX);
    m_boundMs = remaining;
    m_deadline.start(int(remaining));
}

void AsyncPgConnection::open(const ConnectionParams& params, const QDeadlineTimer& deadline, Opened done)
{
    close();
    m_opened = std::move(done);
    m_phase = Phase::Connecting;
    ++m_exchange;
    armDeadline(deadline);
    m_conn = PgConnection::startConnecting(params);
    if (!m_conn || PQstatus(m_conn) == CONNECTION_BAD) {
        // Reported from the event loop, as every outcome is.
        failLater(PgConnection::connectionErrorOf(m_conn));
        return;
    }
    // libpq's rule: before the first PQconnectPoll, wait as if it had answered "writing".
    m_connectState = PGRES_POLLING_WRITING;
    watch(false, true);
}

void AsyncPgConnection::dropNotifiers()
{
    // Later, not now: this may run inside one of their own signals.
    for (QSocketNotifier* notifier : {m_reader, m_writer}) {
        if (notifier) {
            notifier->setEnabled(false);
            notifier->deleteLater();
        }
    }
    m_reader = m_writer = nullptr;
}

void AsyncPgConnection::watch(bool read, bool write)
{
    const int socket = m_conn ? PQsocket(m_conn) : -1;
    if (m_reader && m_reader->socket() != socket)
        dropNotifiers(); // libpq moved to another socket (the next address of a host, a retry without TLS)
    if (socket < 0)
        return;
    if (!m_reader) {
        m_reader = new QSocketNotifier(socket, QSocketNotifier::Read, this);
        m_writer = new QSocketNotifier(socket, QSocketNotifier::Write, this);
        connect(m_reader, &QSocketNotifier::activated, this, &AsyncPgConnection::onReadable);
        connect(m_writer, &QSocketNotifier::activated, this, &AsyncPgConnection::onWritable);
    }
    m_reader->setEnabled(read);
    m_writer->setEnabled(write);
}

void AsyncPgConnection::onReadable()
{
    switch (m_phase) {
    case Phase::Connecting:
        pollConnect();
        break;
    case Phase::Sending:
        // libpq's rule for a non-blocking flush: read what the server sent meanwhile.
        if (!PQconsumeInput(m_conn))
            return fail(PgConnection::connectionErrorOf(m_conn));
        flush();
        break;
    case Phase::Receiving:
        receive();
        break;
    case Phase::Idle:
        // Between exchanges: a notice, or the server closing the connection (a shutdown, an
        // administrator's pg_terminate_backend). Read it, so the next exchange knows.
        if (!PQconsumeInput(m_conn) || PQstatus(m_conn) == CONNECTION_BAD)
            close();
        break;
    }
}

void AsyncPgConnection::onWritable()
{
    if (m_phase == Phase::Connecting)
        pollConnect();
    else if (m_phase == Phase::Sending)
        flush();
    else
        watch(true, false);
}

void AsyncPgConnection::pollConnect()
{
    m_connectState = PQconnectPoll(m_conn);
    switch (m_connectState) {
    case PGRES_POLLING_OK:
        // Sends never block either: a large statement goes out as the socket takes it.
        PQsetnonblocking(m_conn, 1);
        // libpq writes notices to stderr (e.g. "terminating connection due to immediate shutdown");
        // what matters reaches the caller as an error.
        PQsetNoticeProcessor(
            m_conn, [](void*, const char*) {}, nullptr);
        watch(true, false);
        finishOpen({});
        break;
    case PGRES_POLLING_READING:
        watch(true, false);
        break;
    case PGRES_POLLING_WRITING:
        watch(false, true);
        break;
    default:
        fail(PgConnection::connectionErrorOf(m_conn));
        break;
    }
}

void AsyncPgConnection::sendPrepared(const QByteArray& name, const QDeadlineTimer& deadline, Answered done)
{
    send(m_conn ? PQsendQueryPrepared(m_conn, name.constData(), 0, nullptr, nullptr, nullptr, 0) : 0, deadline,
         std::move(done));
}

void AsyncPgConnection::sendStatement(const QByteArray& sql, const QDeadlineTimer& deadline, Answered done)
{
    send(m_conn ? PQsendQueryParams(m_conn, sql.constData(), 0, nullptr, nullptr, nullptr, nullptr, 0) : 0, deadline,
         std::move(done));
}

void AsyncPgConnection::sendScript(const QByteArray& sql, const QDeadlineTimer& deadline, Answered done)
{
    send(m_conn ? PQsendQuery(m_conn, sql.constData()) : 0, deadline, std::move(done));
}

void AsyncPgConnection::send(int sent, const QDeadlineTimer& deadline, Answered done)
{
    m_answered = std::move(done);
    m_kept = PgResult();
    m_failedResult = false;
    m_phase = Phase::Sending;
    ++m_exchange;
    armDeadline(deadline);
    if (!sent) {
        failLater(PgConnection::connectionErrorOf(m_conn));
        return;
    }
    // Flushed from the event loop: the callback never runs inside this call.
    watch(true, true);
}

void AsyncPgConnection::flush()
{
    const int pending = PQflush(m_conn);
    if (pending < 0)
        return fail(PgConnection::connectionErrorOf(m_conn));
    if (pending == 1)
        return watch(true, true);
    m_phase = Phase::Receiving;
    watch(true, false);
    // The answer may already be in libpq's buffer (read while flushing).
    if (!PQisBusy(m_conn))
        receive();
}

void AsyncPgConnection::receive()
{
    if (!PQconsumeInput(m_conn))
        return fail(PgConnection::connectionErrorOf(m_conn));
    while (!PQisBusy(m_conn)) {
        PgResult result(PQgetResult(m_conn));
        if (!result.raw()) {
            // Every result is in: the first error, else the last result.
            const ExecStatusType status = m_kept.raw() ? PQresultStatus(m_kept.raw()) : PGRES_FATAL_ERROR;
            if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
                return fail(PgConnection::resultErrorOf(m_conn, m_kept.raw()));
            Outcome<PgResult> outcome;
            outcome.value.emplace(std::move(m_kept));
            return finishExchange(std::move(outcome));
        }
        if (m_failedResult)
            continue;
        const ExecStatusType status = PQresultStatus(result.raw());
        m_failedResult = status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE;
        m_kept = std::move(result);
    }
}

void AsyncPgConnection::deadlinePassed()
{
    if (m_phase == Phase::Idle)
        return;
    const bool connecting = m_phase == Phase::Connecting;
    const QString where = endpoint();
    if (!connecting && m_conn) {
        // The server may be busy rather than gone: ask it to stop, without waiting for it to take
        // the request (a server that answers nothing would never take it).
        if (PGcancel* request = PQgetCancel(m_conn))
            PgConnection::sendCancel(std::shared_ptr<PGcancel>(request, &PQfreeCancel));
    }
    const QString seconds = QString::number(double(m_boundMs) / 1000.0);
    fail(PgError(PgError::Kind::Connection,
                 connecting ? QStringLiteral("The server at %1 did not finish the connection within %2 s (timeout "
                                             "expired).")
                                  .arg(where, seconds)
                            : QStringLiteral("The server at %1 did not answer within %2 s; the query was cancelled "
                                             "and the connection closed.")
                                  .arg(where, seconds)));
}

void AsyncPgConnection::failLater(const PgError& error)
{
    // Reported from the event loop, as every outcome is; dropped if this exchange ended by then.
    QMetaObject::invokeMethod(
        this,
        [this, error, exchange = m_exchange] {
            if (exchange == m_exchange && m_phase != Phase::Idle)
                fail(error);
        },
        Qt::QueuedConnection);
}

void AsyncPgConnection::fail(const PgError& error)
{
    if (m_phase == Phase::Connecting) {
        finishOpen({error});
        return;
    }
    Outcome<PgResult> outcome;
    outcome.error = error;
    finishExchange(std::move(outcome));
}

void AsyncPgConnection::finishOpen(Outcome<void> outcome)
{
    Opened done = std::exchange(m_opened, nullptr);
    m_deadline.stop();
    if (outcome.ok())
        m_phase = Phase::Idle;
    else
        close();
    if (done)
        done(std::move(outcome));
}

void AsyncPgConnection::finishExchange(Outcome<PgResult> outcome)
{
    Answered done = std::exchange(m_answered, nullptr);
    m_deadline.stop();
    m_kept = PgResult();
    // A server's error leaves a working connection (a statement timeout, a missing relation);
    // anything else leaves one whose state is unknown, which is closed.
    const bool usable = m_conn && PQstatus(m_conn) == CONNECTION_OK && !PQisBusy(m_conn)
                        && (outcome.ok() || !outcome.error->is(PgError::Kind::Connection));
    if (usable) {
        m_phase = Phase::Idle;
        watch(true, false);
    } else {
        close();
    }
    if (done)
        done(std::move(outcome));
}

QString AsyncPgConnection::endpoint() const
{
    if (!m_conn)
        return QStringLiteral("(not connected)");
    return QString::fromUtf8(PQhost(m_conn)) + u':' + QString::fromUtf8(PQport(m_conn));
}
