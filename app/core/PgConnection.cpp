#include "PgConnection.h"

#include <QDateTime>
#include <QVector>

PgConnection::~PgConnection()
{
    close();
}

void PgConnection::open(const ConnectionParams& params)
{
    close();
    m_params = params;
    QVector<const char*> keywords;
    QVector<const char*> values;
    for (const auto& [key, value] : params.entries()) {
        keywords.append(key.constData());
        values.append(value.constData());
    }
    keywords.append(nullptr);
    values.append(nullptr);
    m_conn = PQconnectdbParams(keywords.constData(), values.constData(), 0);
    if (!m_conn)
        throw PgError(PgError::Kind::Connection, QStringLiteral("out of memory while connecting"));
    if (PQstatus(m_conn) != CONNECTION_OK) {
        PgError error = connectionError();
        close();
        throw error;
    }
    PQsetClientEncoding(m_conn, "UTF8");
    m_backendPid = PQbackendPID(m_conn);
    std::lock_guard lock(m_cancelMutex);
    m_cancel = PQgetCancel(m_conn);
}

void PgConnection::close()
{
    {
        std::lock_guard lock(m_cancelMutex);
        if (m_cancel)
            PQfreeCancel(m_cancel);
        m_cancel = nullptr;
    }
    if (m_conn)
        PQfinish(m_conn);
    m_conn = nullptr;
}

bool PgConnection::isOpen() const
{
    return m_conn && PQstatus(m_conn) == CONNECTION_OK;
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
    if (!m_conn)
        throw PgError(PgError::Kind::Connection, QStringLiteral("not connected"));
    QVector<QByteArray> storage;
    const QVector<const char*> values = encodeParams(params, storage);
    const QByteArray text = sql.toUtf8();
    return checked(PgResult(PQexecParams(m_conn, text.constData(), int(values.size()), nullptr, values.constData(),
                                         nullptr, nullptr, 0)));
}

void PgConnection::prepare(const QByteArray& name, const QString& sql)
{
    if (!m_conn)
        throw PgError(PgError::Kind::Connection, QStringLiteral("not connected"));
    checked(PgResult(PQprepare(m_conn, name.constData(), sql.toUtf8().constData(), 0, nullptr)));
}

PgResult PgConnection::execPrepared(const QByteArray& name, const PgParams& params)
{
    if (!m_conn)
        throw PgError(PgError::Kind::Connection, QStringLiteral("not connected"));
    QVector<QByteArray> storage;
    const QVector<const char*> values = encodeParams(params, storage);
    return checked(PgResult(PQexecPrepared(m_conn, name.constData(), int(values.size()), values.constData(),
                                           nullptr, nullptr, 0)));
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
    if (!m_conn)
        throw PgError(PgError::Kind::Connection, QStringLiteral("not connected"));
    // PQexec runs a multi-statement string; keep only the last result, but fail on the first error.
    if (!PQsendQuery(m_conn, sql.toUtf8().constData()))
        throw connectionError();
    PgError firstError;
    bool failed = false;
    while (PGresult* raw = PQgetResult(m_conn)) {
        PgResult result(raw);
        const ExecStatusType status = PQresultStatus(raw);
        if (!failed && status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
            firstError = errorFrom(raw);
            failed = true;
        }
    }
    if (failed)
        throw firstError;
}

void PgConnection::commit()
{
    try {
        execScript(QStringLiteral(
            "SELECT pg_catalog.set_config('synchronous_commit', 'on', true) "
            "WHERE pg_catalog.current_setting('synchronous_commit') NOT IN ('on', 'remote_apply');\n"
            "COMMIT"));
    } catch (const PgError& e) {
        // Only an error the server sent on a connection that still works says "not committed".
        if (e.kind() != PgError::Kind::Connection && isOpen())
            throw;
        throw e.asUnknownOutcome(QStringLiteral("COMMIT"));
    }
}

void PgConnection::cancel()
{
    std::lock_guard lock(m_cancelMutex);
    if (!m_cancel)
        return;
    char errbuf[256];
    PQcancel(m_cancel, errbuf, sizeof errbuf);
}

QString PgConnection::quoteIdentifier(const QString& name) const
{
    if (!m_conn)
        throw PgError(PgError::Kind::Connection, QStringLiteral("not connected"));
    const QByteArray utf8 = name.toUtf8();
    char* quoted = PQescapeIdentifier(m_conn, utf8.constData(), size_t(utf8.size()));
    if (!quoted)
        throw PgError::usage(QStringLiteral("Invalid identifier: ") + QString::fromUtf8(PQerrorMessage(m_conn)));
    QString result = QString::fromUtf8(quoted);
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

QString PgConnection::user() const { return m_conn ? QString::fromUtf8(PQuser(m_conn)) : QString(); }
QString PgConnection::host() const { return m_conn ? QString::fromUtf8(PQhost(m_conn)) : QString(); }
QString PgConnection::port() const { return m_conn ? QString::fromUtf8(PQport(m_conn)) : QString(); }
QString PgConnection::database() const { return m_conn ? QString::fromUtf8(PQdb(m_conn)) : QString(); }

bool PgConnection::inTransaction() const
{
    return m_conn && PQtransactionStatus(m_conn) != PQTRANS_IDLE;
}

PgError PgConnection::errorFrom(const PGresult* result) const
{
    if (!result || PQstatus(m_conn) == CONNECTION_BAD)
        return connectionError();
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

PgError PgConnection::connectionError() const
{
    QString message = m_conn ? QString::fromUtf8(PQerrorMessage(m_conn)).trimmed() : QString();
    if (message.isEmpty())
        message = QStringLiteral("the connection to the server was lost");
    return PgError(PgError::Kind::Connection, message);
}

void PgConnection::rollbackQuietly()
{
    if (!m_conn || PQstatus(m_conn) != CONNECTION_OK)
        return;
    PGresult* r = PQexec(m_conn, "ROLLBACK");
    PQclear(r);
}
