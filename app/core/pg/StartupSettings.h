#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

// The server settings a connection's startup `options` carry ("-c statement_timeout=30000
// -c search_path=pg_catalog", "--lock_timeout=5s"), as name/value pairs. A direct connection
// sends them in its startup packet; a connection through a transaction-pooling PgBouncer may not
// (PgBouncer refuses the parameter, and a session setting would stay on whichever server
// connection it landed on), so PgConnection sets them with set_config(..., true) at the start of
// every transaction there instead (localSettingsSql()).
class StartupSettings {
public:
    using Setting = std::pair<QString, QString>;

    StartupSettings() = default;
    // Never throws: words that are not a setting are kept in unsupported().
    static StartupSettings parse(const QString& options);

    const QList<Setting>& settings() const { return m_settings; }
    bool isEmpty() const { return m_settings.isEmpty(); }
    // Words of the options that set nothing TenantDesk can re-apply (old-style flags such as -d 5).
    const QStringList& unsupported() const { return m_unsupported; }
    // statement_timeout in ms; 0 when not set (or set to 0, no limit).
    int statementTimeoutMs() const;

    // One statement setting every setting for the current transaction only; its one parameter is
    // jsonParameter(). default_transaction_read_only=on also makes the current transaction read
    // only, as it would have at BEGIN on a session that had it from the start.
    static QString localSettingsSql();
    QString jsonParameter() const;

private:
    QList<Setting> m_settings;
    QStringList m_unsupported;
};
