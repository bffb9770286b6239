#include "pg/ConnectionParams.h"

#include "base/InputError.h"

#include <libpq-fe.h>

#include <memory>

ConnectionParams ConnectionParams::parse(const QString& connectionString)
{
    char* errmsg = nullptr;
    const QByteArray utf8 = connectionString.trimmed().toUtf8();
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconninfoParse(utf8.constData(), &errmsg),
                                                                         &PQconninfoFree);
    if (!options) {
        QString message = errmsg ? QString::fromUtf8(errmsg).trimmed()
                                 : QStringLiteral("out of memory while parsing the connection string");
        PQfreemem(errmsg);
        throw InputError(QStringLiteral("Invalid connection string: ") + message);
    }
    ConnectionParams params;
    for (PQconninfoOption* option = options.get(); option->keyword; ++option) {
        if (option->val && *option->val)
            params.m_entries.append({QByteArray(option->keyword), QByteArray(option->val)});
    }
    return params;
}

void ConnectionParams::set(const QByteArray& keyword, const QString& value)
{
    remove(keyword);
    if (!value.isEmpty())
        m_entries.append({keyword, value.toUtf8()});
}

void ConnectionParams::remove(const QByteArray& keyword)
{
    m_entries.removeIf([&](const Entry& e) { return e.first == keyword; });
}

QString ConnectionParams::value(const QByteArray& keyword) const
{
    for (const Entry& e : m_entries) {
        if (e.first == keyword)
            return QString::fromUtf8(e.second);
    }
    return {};
}

bool ConnectionParams::contains(const QByteArray& keyword) const
{
    for (const Entry& e : m_entries) {
        if (e.first == keyword)
            return true;
    }
    return false;
}

Pooling poolingFromString(const QString& text)
{
    return text == QLatin1String("transaction") ? Pooling::Transaction : Pooling::None;
}

QString toString(Pooling pooling)
{
    return pooling == Pooling::Transaction ? QStringLiteral("transaction") : QStringLiteral("none");
}

ConnectionParams ConnectionParams::withEndpoint(const QString& host, int port, const QString& dbname,
                                                Pooling pooling) const
{
    ConnectionParams p = *this;
    p.m_pooling = pooling;
    // A service entry could name another host; the endpoint from the catalog decides.
    p.remove("service");
    p.remove("hostaddr");
    p.set("host", host);
    p.set("port", QString::number(port));
    p.set("dbname", dbname);
    return p;
}

ConnectionParams ConnectionParams::withSafeDefaults(int statementTimeoutMs) const
{
    ConnectionParams p = *this;
    auto setDefault = [&](const QByteArray& key, const QString& value) {
        if (!p.contains(key))
            p.set(key, value);
    };
    setDefault("connect_timeout", QStringLiteral("5"));
    setDefault("keepalives", QStringLiteral("1"));
    setDefault("keepalives_idle", QStringLiteral("10"));
    setDefault("keepalives_interval", QStringLiteral("5"));
    setDefault("keepalives_count", QStringLiteral("3"));
    // A half-open connection with unacknowledged data fails within this bound.
    setDefault("tcp_user_timeout", QStringLiteral("20000"));
    setDefault("application_name", QStringLiteral("TenantDesk"));
    if (statementTimeoutMs > 0) {
        const QString timeout = QStringLiteral("-c statement_timeout=%1").arg(statementTimeoutMs);
        const QString options = p.value("options");
        if (!options.contains(QLatin1String("statement_timeout")))
            p.set("options", options.isEmpty() ? timeout : options + u' ' + timeout);
    }
    return p;
}

static QString quoteConnValue(const QByteArray& value)
{
    QString v = QString::fromUtf8(value);
    v.replace(u'\\', QLatin1String("\\\\")).replace(u'\'', QLatin1String("\\'"));
    return u'\'' + v + u'\'';
}

QString ConnectionParams::toConnectionString() const
{
    QStringList parts;
    for (const Entry& e : m_entries) {
        if (e.first == "password")
            continue;
        const bool plain = !e.second.isEmpty() && std::all_of(e.second.begin(), e.second.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '/'
                   || c == '_' || c == '-' || c == ':';
        });
        parts << QString::fromLatin1(e.first) + u'=' + (plain ? QString::fromUtf8(e.second) : quoteConnValue(e.second));
    }
    return parts.join(u' ');
}

QString ConnectionParams::toDisplayString() const
{
    if (contains("service") && !contains("host"))
        return QStringLiteral("service ") + value("service");
    QString host = value("host");
    if (host.isEmpty())
        host = QStringLiteral("localhost");
    QString text = host;
    if (contains("port"))
        text += u':' + value("port");
    text += u'/' + (contains("dbname") ? value("dbname") : value("user"));
    if (contains("user"))
        text += QStringLiteral(" as ") + value("user");
    return text;
}
