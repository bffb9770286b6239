#include "FaultProxy.h"

#include <QDir>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtEndian>
#include <chrono>

namespace {

// Request codes of the untyped packets a client may send before its startup message.
constexpr qint32 CancelRequestCode = 80877102;
constexpr qint32 SslRequestCode = 80877103;
constexpr qint32 GssEncRequestCode = 80877104;

qint32 int32At(const QByteArray& bytes, qsizetype offset)
{
    return qFromBigEndian<qint32>(bytes.constData() + offset);
}

// Takes one complete message off the front of buffer, or returns an empty array when the buffer
// does not hold one yet. Typed messages are a type byte and a length that counts itself; the
// untyped packets before startup are only the length.
QByteArray takeMessage(QByteArray& buffer, bool typed)
{
    const qsizetype header = typed ? 5 : 8;
    if (buffer.size() < header)
        return {};
    const qsizetype length = (typed ? 1 : 0) + int32At(buffer, typed ? 1 : 0);
    if (length < header - 1 || buffer.size() < length)
        return {};
    QByteArray message = buffer.left(length);
    buffer.remove(0, length);
    return message;
}

// The SQL text of a simple Query ('Q': text) or a Parse ('P': statement name, text); else empty.
QString statementText(const QByteArray& message)
{
    if (message.startsWith('Q'))
        return QString::fromUtf8(message.constData() + 5);
    if (message.startsWith('P')) {
        const char* name = message.constData() + 5;
        return QString::fromUtf8(name + qstrlen(name) + 1);
    }
    return {};
}

// One client connection and its own connection to the server, on the proxy's thread.
class ProxiedConnection : public QObject {
public:
    ProxiedConnection(QTcpSocket* client, const QString& host, quint16 port, FaultProxy::Shared& shared,
                      QObject* parent)
        : QObject(parent)
        , m_client(client)
        , m_server(new QTcpSocket(this))
        , m_shared(shared)
    {
        m_client->setParent(this);
        connect(m_client, &QTcpSocket::readyRead, this, &ProxiedConnection::fromClient);
        connect(m_server, &QTcpSocket::readyRead, this, &ProxiedConnection::fromServer);
        connect(m_client, &QTcpSocket::disconnected, this, [this] { finish(); });
        connect(m_server, &QTcpSocket::disconnected, this, [this] { finish(); });
        connect(m_server, &QTcpSocket::errorOccurred, this, [this] { finish(); });
        // Writes made while connecting are buffered by QAbstractSocket and sent once connected.
        m_server->connectToHost(host, port);
    }

private:
    void fromClient()
    {
        m_fromClient += m_client->readAll();
        while (!m_done) {
            const QByteArray message = takeMessage(m_fromClient, m_startedUp);
            if (message.isEmpty())
                return;
            if (m_startedUp)
                clientMessage(message);
            else
                startupPacket(message);
        }
    }

    void startupPacket(const QByteArray& packet)
    {
        const qint32 code = int32At(packet, 4);
        if (code == SslRequestCode || code == GssEncRequestCode) {
            m_client->write("N"); // no encryption: the proxy must read what passes
            return;
        }
        if (code == CancelRequestCode && currentMode() == FaultProxy::Mode::StallAfterLogin) {
            swallowed();
            return;
        }
        m_startedUp = true;
        m_server->write(packet);
    }

    void clientMessage(const QByteArray& message)
    {
        if (m_loggedIn && !m_cutPending) {
            std::lock_guard lock(m_shared.mutex);
            FaultProxy::Fault& fault = m_shared.fault;
            if (fault.mode == FaultProxy::Mode::StallFromStatement && fault.statementsToGo > 0
                && fault.statement.match(statementText(message)).hasMatch() && --fault.statementsToGo == 0)
                fault.mode = FaultProxy::Mode::StallAfterLogin; // from this statement on, silence
            if (fault.mode == FaultProxy::Mode::StallAfterLogin) {
                ++fault.swallowed;
                m_shared.changed.notify_all();
                return;
            }
            if (fault.mode == FaultProxy::Mode::CutAfterStatement && fault.statementsToGo > 0
                && fault.statement.match(statementText(message)).hasMatch() && --fault.statementsToGo == 0)
                m_cutPending = true; // the server runs it; its reply is dropped
        }
        m_server->write(message);
    }

    void fromServer()
    {
        m_fromServer += m_server->readAll();
        QByteArray forward;
        while (!m_done) {
            const QByteArray message = takeMessage(m_fromServer, true);
            if (message.isEmpty())
                break;
            if (m_cutPending) {
                if (message.startsWith('Z')) // the statement has run to its end: cut now
                    return cut({});
                continue;
            }
            if (!m_loggedIn) {
                m_loggedIn = message.startsWith('Z');
                forward += message;
                continue;
            }
            if (const qint64 limit = byteLimit(); limit >= 0 && m_serverBytes + forward.size() + message.size() > limit)
                return cut(forward + message.left(limit - m_serverBytes - forward.size()));
            forward += message;
        }
        if (m_loggedIn)
            m_serverBytes += forward.size();
        m_client->write(forward);
    }

    qint64 byteLimit()
    {
        std::lock_guard lock(m_shared.mutex);
        return m_shared.fault.mode == FaultProxy::Mode::CutAfterServerBytes ? m_shared.fault.serverBytes : -1;
    }

    FaultProxy::Mode currentMode()
    {
        std::lock_guard lock(m_shared.mutex);
        return m_shared.fault.mode;
    }

    void swallowed()
    {
        std::lock_guard lock(m_shared.mutex);
        ++m_shared.fault.swallowed;
        m_shared.changed.notify_all();
    }

    // Sends last (what the client may still see), then closes both sides.
    void cut(const QByteArray& last)
    {
        m_client->write(last);
        {
            std::lock_guard lock(m_shared.mutex);
            ++m_shared.fault.cuts;
            m_shared.changed.notify_all();
        }
        finish();
    }

    // Either side went away (or the fault cut): close the other, after what was written to it.
    // The sockets stay until the proxy goes, so that what was written still reaches its peer.
    void finish()
    {
        if (m_done)
            return;
        m_done = true;
        m_client->disconnectFromHost();
        m_server->disconnectFromHost();
    }

    QTcpSocket* m_client;
    QTcpSocket* m_server;
    FaultProxy::Shared& m_shared;
    QByteArray m_fromClient;
    QByteArray m_fromServer;
    bool m_startedUp = false;  // the startup message went through; typed messages follow
    bool m_loggedIn = false;   // the server sent its first ReadyForQuery
    bool m_cutPending = false; // the triggering statement went to the server
    bool m_done = false;
    qint64 m_serverBytes = 0; // forwarded to the client after login
};

// Passfile fields are separated by ':'; a backslash escapes the next character.
QStringList passfileFields(const QString& line)
{
    QStringList fields(1);
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (line[i] == u'\\' && i + 1 < line.size())
            fields.last() += line[++i];
        else if (line[i] == u':')
            fields.append(QString());
        else
            fields.last() += line[i];
    }
    return fields;
}

QString passfileField(QString field)
{
    return field.replace(u'\\', QLatin1String("\\\\")).replace(u':', QLatin1String("\\:"));
}

} // namespace

FaultProxy::FaultProxy(const ConnectionParams& upstream)
    : m_upstream(upstream)
{
    const QString host = upstream.value("host");
    const quint16 upstreamPort = quint16(upstream.value("port").toUInt());
    if (host.isEmpty() || host.startsWith(u'/') || upstreamPort == 0)
        qFatal("FaultProxy needs a TCP host and port upstream");
    m_thread.setObjectName(QStringLiteral("FaultProxy"));
    m_thread.start();
    m_anchor = new QObject;
    m_anchor->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_anchor, &QObject::deleteLater);
    QMetaObject::invokeMethod(
        m_anchor,
        [this, host, upstreamPort] {
            auto* listener = new QTcpServer(m_anchor);
            if (!listener->listen(QHostAddress::LocalHost))
                return;
            QObject::connect(listener, &QTcpServer::newConnection, m_anchor, [this, listener, host, upstreamPort] {
                while (QTcpSocket* client = listener->nextPendingConnection()) {
                    {
                        std::lock_guard lock(m_shared.mutex);
                        ++m_shared.fault.connections;
                        if (m_shared.fault.refuseAfterCut && m_shared.fault.cuts > 0) {
                            client->abort(); // a server gone after the cut: the reconnect fails at once
                            client->deleteLater();
                            continue;
                        }
                    }
                    new ProxiedConnection(client, host, upstreamPort, m_shared, m_anchor);
                }
            });
            m_port = listener->serverPort();
        },
        Qt::BlockingQueuedConnection);
    if (m_port == 0)
        qFatal("FaultProxy cannot listen on 127.0.0.1");
    writePassfile(upstream);
}

FaultProxy::~FaultProxy()
{
    // The listener and the connections belong to the proxy's thread: deleted there as it finishes.
    m_thread.quit();
    m_thread.wait();
}

void FaultProxy::writePassfile(const ConnectionParams& upstream)
{
    const QString passfile = upstream.value("passfile");
    if (passfile.isEmpty())
        return;
    QFile in(passfile);
    if (!in.open(QIODevice::ReadOnly))
        qFatal("FaultProxy cannot read the passfile %s", qPrintable(passfile));
    // Every upstream line stays, so that the file serves the other servers of the upstream's
    // fleet too (a catalog connection through the proxy still reaches the shards directly).
    QStringList lines;
    for (const QString& line : QString::fromUtf8(in.readAll()).split(u'\n')) {
        if (!line.isEmpty())
            lines << line;
        QStringList fields = passfileFields(line);
        if (fields.size() != 5 || fields[0] != upstream.value("host") || fields[1] != upstream.value("port"))
            continue;
        fields[1] = QString::number(m_port);
        for (QString& field : fields)
            field = passfileField(field);
        lines << fields.join(u':');
    }
    QFile out(QDir(m_dir.path()).filePath(QStringLiteral("passfile")));
    if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || out.write((lines.join(u'\n') + u'\n').toUtf8()) < 0 || !out.flush())
        qFatal("FaultProxy cannot write its passfile");
}

ConnectionParams FaultProxy::params() const
{
    ConnectionParams p = m_upstream;
    p.set("host", QStringLiteral("127.0.0.1"));
    p.remove("hostaddr");
    p.set("port", QString::number(m_port));
    p.set("sslmode", QStringLiteral("disable"));
    if (m_upstream.contains("passfile"))
        p.set("passfile", QDir(m_dir.path()).filePath(QStringLiteral("passfile")));
    return p;
}

void FaultProxy::setFault(Mode mode, const QRegularExpression& statement, int n, qint64 bytes)
{
    std::lock_guard lock(m_shared.mutex);
    m_shared.fault.mode = mode;
    m_shared.fault.statement = statement;
    m_shared.fault.statementsToGo = n;
    m_shared.fault.serverBytes = bytes;
}

void FaultProxy::passThrough()
{
    setFault(Mode::PassThrough);
}

void FaultProxy::stallAfterLogin()
{
    setFault(Mode::StallAfterLogin);
}

void FaultProxy::cutAfterCommit(int n)
{
    static const QRegularExpression commit(QStringLiteral(R"((^|;)\s*COMMIT\s*(;|$))"),
                                           QRegularExpression::CaseInsensitiveOption);
    cutWhenClientSends(commit, n);
}

void FaultProxy::cutWhenClientSends(const QRegularExpression& sql, int n)
{
    setFault(Mode::CutAfterStatement, sql, n);
}

void FaultProxy::stallWhenClientSends(const QRegularExpression& sql, int n)
{
    setFault(Mode::StallFromStatement, sql, n);
}

void FaultProxy::refuseAfterCut()
{
    std::lock_guard lock(m_shared.mutex);
    m_shared.fault.refuseAfterCut = true;
}

void FaultProxy::cutAfterServerBytes(qint64 n)
{
    setFault(Mode::CutAfterServerBytes, {}, 0, n);
}

int FaultProxy::connections() const
{
    std::lock_guard lock(m_shared.mutex);
    return m_shared.fault.connections;
}

int FaultProxy::cuts() const
{
    std::lock_guard lock(m_shared.mutex);
    return m_shared.fault.cuts;
}

int FaultProxy::swallowedMessages() const
{
    std::lock_guard lock(m_shared.mutex);
    return m_shared.fault.swallowed;
}

bool FaultProxy::waitForCuts(int count, int timeoutMs) const
{
    std::unique_lock lock(m_shared.mutex);
    return m_shared.changed.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                                     [&] { return m_shared.fault.cuts >= count; });
}
