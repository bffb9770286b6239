#pragma once

#include "pg/PgError.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

// How an endpoint is reached: directly, or through a pooler that gives each transaction to any of
// its server connections (PgBouncer's pool_mode = transaction). Nothing of a session survives a
// transaction there: no startup options, session SET, session advisory lock, LISTEN or named
// prepared statement (PgConnection keeps to that on such a connection).
enum class Pooling { None, Transaction };
// "none" / "transaction", as tenantdesk.endpoints.pooling spells it; anything else is None.
Pooling poolingFromString(const QString& text);
QString toString(Pooling pooling);

// libpq connection keywords and values, passed to PQconnectdbParams with expand_dbname = 0 so
// that a user-entered field is always taken literally, never re-parsed as a connection string.
// Never holds a password read from settings: passwords come from a prompt, the passfile or the
// service file, and are never written out by toConnectionString()/toDisplayString().
class ConnectionParams {
public:
    using Entry = std::pair<QByteArray, QByteArray>;

    ConnectionParams() = default;

    // Parses a libpq URI (postgresql://...) or key=value string with PQconninfoParse.
    // Throws InputError with libpq's explanation when it does not parse.
    static ConnectionParams parse(const QString& connectionString);

    void set(const QByteArray& keyword, const QString& value); // empty value removes it
    void remove(const QByteArray& keyword);
    QString value(const QByteArray& keyword) const;
    bool contains(const QByteArray& keyword) const;
    bool isEmpty() const { return m_entries.isEmpty(); }
    const QList<Entry>& entries() const { return m_entries; }

    // The same authentication and TLS settings aimed at another server and database: how a
    // catalog connection reaches a shard endpoint (the catalog stores no secrets). The pooling is
    // the endpoint's, from its catalog row.
    ConnectionParams withEndpoint(const QString& host, int port, const QString& dbname,
                                  Pooling pooling = Pooling::None) const;

    // Not a libpq keyword: how PgConnection talks to the endpoint (see Pooling).
    Pooling pooling() const { return m_pooling; }
    void setPooling(Pooling pooling) { m_pooling = pooling; }

    // Defaults that bound every wait: connect_timeout, TCP keepalives, tcp_user_timeout,
    // statement_timeout, application_name. Values the user set explicitly are kept.
    ConnectionParams withSafeDefaults(int statementTimeoutMs = 30000) const;

    // key='value' pairs, quoted for libpq, without any password. Suitable for printing.
    QString toConnectionString() const;
    // host:port/dbname as user, for status bars and titles.
    QString toDisplayString() const;

    bool operator==(const ConnectionParams&) const = default;

private:
    QList<Entry> m_entries;
    Pooling m_pooling = Pooling::None;
};
