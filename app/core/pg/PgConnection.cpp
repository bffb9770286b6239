#include "pg/PgConnection.h"

#include "base/InputError.h"
#include "pg/PoolerDetection.h"
#include "pg/SqlResource.h"

#include <QDateTime>
#include <QVector>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <future>
#include <thread>

#ifdef _WIN32
#include <winsock2.h>
#else
#include <cerrno>
#include <poll.h>
#endif

namespace {

// Waits until socket is readable (or writable too, when asked) or the deadline passes; false only
// when it passed. A failing poll counts as ready: the libpq call that follows reports the error.
bool waitForSocket(int socket, bool orWritable, const QDeadlineTimer& deadline)
{
    auto remainingMs = [&] { return int(std::clamp<qint64>(deadline.remainingTime(), 0, INT_MAX)); };
#ifdef _WIN32
    WSAPOLLFD fd{SOCKET(socket), short(POLLRDNORM | (orWritable ? POLLWRNORM : 0)), 0};
    return WSAPoll(&fd, 1, remainingMs()) != 0;
#else
    pollfd fd{socket, short(POLLIN | (orWritable ? POLLOUT : 0)), 0};
    for (;;) {
        const int ready = poll(&fd, 1, remainingMs());
        if (ready >= 0 || errno != EINTR)
            return ready != 0;
    }
#endif
}

// The value of keyword as libpq took it: from the parameters, the service file or the environment.
QString effectiveOption(PGconn* conn, const char* keyword)
{
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconninfo(conn), &PQconninfoFree);
    for (const PQconninfoOption* o = options.get(); o && o->keyword; ++o) {
        if (qstrcmp(o->keyword, keyword) == 0)
            return QString::fromUtf8(o->val);
    }
    return {};
}

// Where a message of severity stands in client_min_messages' order (INFO always goes out).
int noticeRank(const QByteArray& severity)
{
    const QByteArray s = severity.toUpper();
    return s.startsWith("DEBUG") ? 0 : s == "LOG" ? 1 : s == "NOTICE" ? 2 : s == "WARNING" ? 3 : s == "INFO" ? 9 : 4;
}

QString seconds(int ms)
{
    return QString::number(ms / 1000.0);
}

} // namespace

std::future<bool> PgConnection::sendCancel(std::shared_ptr<PGcancel> request)
{
    auto taken = std::make_shared<std::promise<bool>>();
    std::future<bool> answer = taken->get_future();
    std::thread([request = std::move(request), taken] {
        char errbuf[256];
        taken->set_value(PQcancel(request.get(), errbuf, sizeof errbuf) == 1);
    }).detach();
    return answer;
}

PGconn* PgConnection::startConnecting(const ConnectionParams& params)
{
    QVector<const char*> keywords;
    QVector<const char*> values;
    for (const auto& [key, value] : params.entries()) {
        if (key == "client_encoding")
            continue;
        keywords.append(key.constData());
        values.append(value.constData());
    }
    // Asked for in the startup packet: no statement (PQsetClientEncoding) after the login.
    keywords.append("client_encoding");
    values.append("UTF8");
    keywords.append(nullptr);
    values.append(nullptr);
    return PQconnectStartParams(keywords.constData(), values.constData(), 0);
}

PgConnection::~PgConnection()
{
    close();
}

void PgConnection::open(const ConnectionParams& params)
{
    close();
    if (params.pooling() == Pooling::Transaction || PoolerDetection::isPooled(params)) {
        openPooled(params);
        return;
    }
    try {
        connect(params);
    } catch (const PgError& e) {
        if (!PoolerDetection::refusedOptions(e))
            throw;
        PoolerDetection::remember(params);
        openPooled(params);
        return;
    }
    m_statementTimeoutMs = StartupSettings::parse(effectiveOption(m_conn, "options")).statementTimeoutMs();
}

void PgConnection::openPooled(const ConnectionParams& params)
{
    const StartupSettings settings = StartupSettings::parse(params.value("options"));
    if (!settings.unsupported().isEmpty())
        throw InputError(
            QStringLiteral("%1 pools transactions: the connection option \"options\" can only carry settings "
                           "there (-c name=value), which are set in each transaction; remove \"%2\".")
                .arg(params.toDisplayString(), settings.unsupported().join(u' ')));
    ConnectionParams withoutOptions = params;
    withoutOptions.remove("options");
    try {
        connect(withoutOptions);
    } catch (const PgError& e) {
        if (!PoolerDetection::refusedOptions(e))
            throw;
        throw PgError(e.kind(), e.message()
                                    + QStringLiteral(" (TenantDesk sent no options: they come from the "
                                                     "PGOPTIONS environment variable or the service file)"));
    }
    m_params = params;
    m_params.setPooling(Pooling::Transaction);
    m_pooled = true;
    m_localSettings = settings;
    m_statementTimeoutMs = settings.statementTimeoutMs();
    // A statement that must run alone gets no settings; the notices it raises are still filtered.
    for (const auto& [name, value] : settings.settings()) {
        if (name == QLatin1String("client_min_messages"))
            m_pooledNoticeFloor = noticeRank(value.toUtf8());
    }
}

void PgConnection::receiveNotice(void* connection, const PGresult* notice)
{
    auto* self = static_cast<PgConnection*>(connection);
    const QByteArray severity = PQresultErrorField(notice, PG_DIAG_SEVERITY_NONLOCALIZED);
    // Pooled, client_min_messages is applied here (see openPooled()); otherwise it is 0: all that came.
    if (noticeRank(severity) < self->m_pooledNoticeFloor)
        return;
    self->m_notices.append({QString::fromUtf8(severity),
                            QString::fromUtf8(PQresultErrorField(notice, PG_DIAG_SQLSTATE)),
                            QString::fromUtf8(PQresultErrorField(notice, PG_DIAG_MESSAGE_PRIMARY))});
    fprintf(stderr, "%s", PQresultErrorMessage(notice)); // libpq's default
}

void PgConnection::connect(const ConnectionParams& params)
{
    m_params = params;
    m_conn = startConnecting(params);
    if (!m_conn)
        throw PgError(PgError::Kind::Connection, QStringLiteral("out of memory while connecting"));
    const int boundMs = connectTimeoutMs();
    const QDeadlineTimer deadline(boundMs);
    PostgresPollingStatusType state = PGRES_POLLING_WRITING;
    while (PQstatus(m_conn) != CONNECTION_BAD && state != PGRES_POLLING_OK && state != PGRES_POLLING_FAILED) {
        if (!waitForSocket(PQsocket(m_conn), state == PGRES_POLLING_WRITING, deadline)) {
            const QString where = endpoint();
            close();
            throw PgError(
                PgError::Kind::Connection,
                QStringLiteral("The server at %1 did not finish the connection within %2 s (timeout expired).")
                    .arg(where, seconds(boundMs)));
        }
        state = PQconnectPoll(m_conn);
    }
    if (state != PGRES_POLLING_OK || PQstatus(m_conn) != CONNECTION_OK) {
        PgError error = connectionError();
        close();
        throw error;
    }
    // Sends never block either: a large statement goes out as the socket takes it (see send()).
    PQsetnonblocking(m_conn, 1);
    PQsetNoticeReceiver(m_conn, receiveNotice, this);
    m_backendPid = PQbackendPID(m_conn);
    m_lostCommitXid = 0;
    std::lock_guard lock(m_cancelMutex);
    m_cancel.reset(PQgetCancel(m_conn), &PQfreeCancel);
}

int PgConnection::connectTimeoutMs() const
{
    // libpq's own rule: connect_timeout is per host tried, at least 2 s; 0 or none is no limit.
    const int perHost = effectiveOption(m_conn, "connect_timeout").toInt();
    const int hosts = int(std::max(effectiveOption(m_conn, "host").count(u','),
                                   effectiveOption(m_conn, "hostaddr").count(u',')))
                      + 1;
    return perHost > 0 ? std::max(perHost, 2) * 1000 * hosts : DefaultConnectTimeoutMs * hosts;
}

int PgConnection::replyTimeoutMs() const
{
    if (m_replyTimeoutOverrideMs > 0)
        return m_replyTimeoutOverrideMs;
    return (m_statementTimeoutMs > 0 ? m_statementTimeoutMs : DefaultStatementTimeoutMs) + ReplyMarginMs;
}

void PgConnection::close()
{
    {
        std::lock_guard lock(m_cancelMutex);
        m_cancel.reset();
    }
    if (m_conn)
        PQfinish(m_conn);
    m_conn = nullptr;
    m_statementTimeoutMs = 0;
    m_pooled = false;
    m_pooledNoticeFloor = 0;
    m_notices.clear();
    m_localSettings = {};
    m_pooledStatements.clear();
}

bool PgConnection::isOpen() const
{
    return m_conn && PQstatus(m_conn) == CONNECTION_OK;
}

void PgConnection::requireOpen() const
{
    if (!m_conn)
        throw PgError(PgError::Kind::Connection, QStringLiteral("not connected"));
}

static QByteArray encodeParam(const QVariant& value)
{
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool() ? QByteArrayLiteral("t") : QByteArrayLiteral("f");
    case QMetaType::QByteArray:
        return value.toByteArray();
    case QMetaType::QDateTime:
        return value.toDateTime().toString(Qt::ISODateWithMs).toUtf8();
    default:
        return value.toString().toUtf8();
    }
}

// Text-format parameter values for libpq; storage keeps the encoded bytes alive.
static QVector<const char*> encodeParams(const PgParams& params, QVector<QByteArray>& storage)
{
    QVector<const char*> values;
    storage.reserve(params.size());
    values.reserve(params.size());
    for (const QVariant& param : params) {
        if (param.isNull()) {
            values.append(nullptr);
        } else {
            storage.append(encodeParam(param));
            values.append(storage.constLast().constData());
        }
    }
    return values;
}

PgResult PgConnection::exec(const QString& sql, const PgParams& params)
{
    return autocommitted([&] { return execParams(sql, params); });
}

PgResult PgConnection::execParams(const QString& sql, const PgParams& params)
{
    requireOpen();
    QVector<QByteArray> storage;
    const QVector<const char*> values = encodeParams(params, storage);
    const QByteArray text = sql.toUtf8();
    const QDeadlineTimer deadline(replyTimeoutMs());
    send(PQsendQueryParams(m_conn, text.constData(), int(values.size()), nullptr, values.constData(), nullptr, nullptr,
                           0),
         deadline);
    return checked(awaitResults(deadline));
}

void PgConnection::prepare(const QByteArray& name, const QString& sql)
{
    requireOpen();
    if (m_pooled) {
        // A named statement would stay on whichever server connection parsed it.
        m_pooledStatements.insert(name, sql);
        return;
    }
    const QDeadlineTimer deadline(replyTimeoutMs());
    send(PQsendPrepare(m_conn, name.constData(), sql.toUtf8().constData(), 0, nullptr), deadline);
    checked(awaitResults(deadline));
}

PgResult PgConnection::execPrepared(const QByteArray& name, const PgParams& params)
{
    requireOpen();
    if (m_pooled) {
        const auto statement = m_pooledStatements.constFind(name);
        if (statement == m_pooledStatements.constEnd())
            throw PgError(PgError::Kind::Query,
                          QStringLiteral("prepared statement \"%1\" does not exist").arg(QString::fromUtf8(name)));
        return exec(*statement, params);
    }
    QVector<QByteArray> storage;
    const QVector<const char*> values = encodeParams(params, storage);
    const QDeadlineTimer deadline(replyTimeoutMs());
    send(PQsendQueryPrepared(m_conn, name.constData(), int(values.size()), values.constData(), nullptr, nullptr, 0),
         deadline);
    return checked(awaitResults(deadline));
}

PgResult PgConnection::checked(PgResult result) const
{
    const ExecStatusType status = result.raw() ? PQresultStatus(result.raw()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        throw errorFrom(result.raw());
    return result;
}

void PgConnection::execScript(const QString& sql)
{
    const bool opensTransaction = m_pooled && !inTransaction();
    runScript(sql);
    if (opensTransaction && inTransaction())
        applyLocalSettings();
}

void PgConnection::applyLocalSettings()
{
    if (m_localSettings.isEmpty())
        return;
    try {
        execParams(StartupSettings::localSettingsSql(), {m_localSettings.jsonParameter()});
    } catch (...) {
        rollback();
        throw;
    }
}

void PgConnection::runScript(const QString& sql)
{
    requireOpen();
    const QDeadlineTimer deadline(replyTimeoutMs());
    send(PQsendQuery(m_conn, sql.toUtf8().constData()), deadline);
    const PgResult result = awaitResults(deadline);
    const ExecStatusType status = result.raw() ? PQresultStatus(result.raw()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)
        throw errorFrom(result.raw());
}

void PgConnection::send(int sent, const QDeadlineTimer& deadline)
{
    m_notices.clear();
    if (!sent)
        throw connectionError();
    // libpq's rule for a non-blocking flush: wait until the socket can be written or read, and
    // read what the server sent meanwhile, so that neither side waits on a full buffer.
    int pending = 0;
    while ((pending = PQflush(m_conn)) == 1) {
        awaitSocket(Ready::ReadOrWrite, deadline);
        if (!PQconsumeInput(m_conn))
            throw connectionError();
    }
    if (pending < 0)
        throw connectionError();
}

PgResult PgConnection::nextResult(const QDeadlineTimer& deadline)
{
    while (PQisBusy(m_conn)) {
        awaitSocket(Ready::Read, deadline);
        if (!PQconsumeInput(m_conn))
            throw connectionError();
    }
    return PgResult(PQgetResult(m_conn));
}

PgResult PgConnection::awaitResults(const QDeadlineTimer& deadline)
{
    PgResult kept;
    bool failed = false;
    for (PgResult result = nextResult(deadline); result.raw(); result = nextResult(deadline)) {
        const ExecStatusType status = PQresultStatus(result.raw());
        if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH)
            return result; // no further result until a COPY is done, and TenantDesk runs none here
        if (failed)
            continue;
        failed = status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE;
        kept = std::move(result);
    }
    return kept;
}

void PgConnection::awaitSocket(Ready ready, const QDeadlineTimer& deadline)
{
    if (!waitForSocket(PQsocket(m_conn), ready == Ready::ReadOrWrite, deadline))
        giveUp();
}

QStringList PgConnection::awaitNotifications(int timeoutMs)
{
    requireOpen();
    QStringList payloads;
    auto take = [&] {
        while (PGnotify* notify = PQnotifies(m_conn)) {
            payloads.append(QString::fromUtf8(notify->extra));
            PQfreemem(notify);
        }
    };
    take();
    if (payloads.isEmpty() && waitForSocket(PQsocket(m_conn), false, QDeadlineTimer(timeoutMs))) {
        if (!PQconsumeInput(m_conn))
            throw connectionError();
        take();
    }
    return payloads;
}

void PgConnection::giveUp()
{
    const QString where = endpoint();
    const int boundMs = replyTimeoutMs();
    cancel();
    close();
    throw PgError(PgError::Kind::Connection,
                  QStringLiteral("The server at %1 did not answer within %2 s; the query was cancelled and the "
                                 "connection closed.")
                      .arg(where, seconds(boundMs)));
}

QString PgConnection::endpoint() const
{
    const QString host = QString::fromUtf8(PQhost(m_conn));
    return (host.isEmpty() ? m_params.value("host") : host) + u':' + QString::fromUtf8(PQport(m_conn));
}

void PgConnection::commit()
{
    // The transaction's id is learnt before the COMMIT is sent, in a round trip of its own: when
    // the COMMIT's answer is lost, the server can still be asked what became of that id
    // (OutcomeReadBack), from any session, through a pooler too. Until the COMMIT is sent nothing
    // can commit, so a connection lost before it is an ordinary failure.
    const qint64 xid = exec(SqlResource::text("pg/commit_prepare.sql")).toInt(0, 0);
    try {
        execScript(QStringLiteral("COMMIT"));
    } catch (const PgError& e) {
        // Only an error the server sent on a connection that still works says "not committed".
        if (e.kind() != PgError::Kind::Connection && isOpen())
            throw;
        m_lostCommitXid = xid;
        throw e.asUnknownOutcome(QStringLiteral("COMMIT"));
    }
}

void PgConnection::cancel()
{
    std::shared_ptr<PGcancel> request;
    {
        std::lock_guard lock(m_cancelMutex);
        request = m_cancel;
    }
    if (!request)
        return;
    // The caller waits CancelGraceMs at most for the server to take the request.
    std::future<bool> taken = sendCancel(std::move(request));
    taken.wait_for(std::chrono::milliseconds(CancelGraceMs));
}

QString PgConnection::quoteIdentifier(const QString& name) const
{
    if (!m_conn)
        throw PgError(PgError::Kind::Connection, QStringLiteral("not connected"));
    const QByteArray utf8 = name.toUtf8();
    char* quoted = PQescapeIdentifier(m_conn, utf8.constData(), size_t(utf8.size()));
    if (!quoted)
        throw InputError(QStringLiteral("Invalid identifier: ") + QString::fromUtf8(PQerrorMessage(m_conn)));
    QString result = QString::fromUtf8(quoted);
    PQfreemem(quoted);
    return result;
}

QByteArray PgConnection::quoteLiteral(QByteArrayView value) const
{
    if (!m_conn)
        throw PgError(PgError::Kind::Connection, QStringLiteral("not connected"));
    char* quoted = PQescapeLiteral(m_conn, value.data(), size_t(value.size()));
    if (!quoted)
        throw InputError(QStringLiteral("Cannot quote a value: ") + QString::fromUtf8(PQerrorMessage(m_conn)));
    QByteArray result(quoted);
    PQfreemem(quoted);
    return result;
}

int PgConnection::serverVersion() const
{
    return m_conn ? PQserverVersion(m_conn) : 0;
}

QString PgConnection::serverVersionText() const
{
    const int v = serverVersion();
    return v >= 100000 ? QStringLiteral("%1.%2").arg(v / 10000).arg(v % 10000)
                       : QStringLiteral("%1.%2.%3").arg(v / 10000).arg(v / 100 % 100).arg(v % 100);
}

QString PgConnection::user() const
{
    return m_conn ? QString::fromUtf8(PQuser(m_conn)) : QString();
}
QString PgConnection::host() const
{
    return m_conn ? QString::fromUtf8(PQhost(m_conn)) : QString();
}
QString PgConnection::port() const
{
    return m_conn ? QString::fromUtf8(PQport(m_conn)) : QString();
}
QString PgConnection::database() const
{
    return m_conn ? QString::fromUtf8(PQdb(m_conn)) : QString();
}

bool PgConnection::inTransaction() const
{
    return m_conn && PQtransactionStatus(m_conn) != PQTRANS_IDLE;
}

PgError PgConnection::errorFrom(const PGresult* result) const
{
    return resultErrorOf(m_conn, result);
}

PgError PgConnection::connectionError() const
{
    return connectionErrorOf(m_conn);
}

PgError PgConnection::resultErrorOf(const PGconn* conn, const PGresult* result)
{
    if (!result || PQstatus(conn) == CONNECTION_BAD)
        return connectionErrorOf(conn);
    auto field = [&](int code) { return QString::fromUtf8(PQresultErrorField(result, code)); };
    const QString sqlState = field(PG_DIAG_SQLSTATE);
    QString message = field(PG_DIAG_MESSAGE_PRIMARY);
    if (message.isEmpty())
        message = QString::fromUtf8(PQresultErrorMessage(result));
    PgError::Kind kind = PgError::Kind::Query;
    if (sqlState == QLatin1String("57014"))
        kind = message.contains(QLatin1String("timeout")) ? PgError::Kind::Timeout : PgError::Kind::Cancelled;
    else if (sqlState == QLatin1String("55P03"))
        kind = PgError::Kind::Timeout;
    else if (sqlState.startsWith(QLatin1String("08")) || sqlState == QLatin1String("57P01"))
        kind = PgError::Kind::Connection;
    return PgError(kind, message, sqlState, field(PG_DIAG_MESSAGE_DETAIL), field(PG_DIAG_MESSAGE_HINT));
}

PgError PgConnection::connectionErrorOf(const PGconn* conn)
{
    QString message = conn ? QString::fromUtf8(PQerrorMessage(conn)).trimmed() : QString();
    if (message.isEmpty())
        message = QStringLiteral("the connection to the server was lost");
    return PgError(PgError::Kind::Connection, message);
}

void PgConnection::commitReadOnly()
{
    execScript(QStringLiteral("COMMIT"));
}

void PgConnection::rollback()
{
    if (!isOpen() || !inTransaction())
        return;
    try {
        execScript(QStringLiteral("ROLLBACK"));
    } catch (const PgError&) {
        // The error that made us roll back is the one to report.
    }
}
