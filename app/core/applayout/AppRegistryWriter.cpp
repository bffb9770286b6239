#include "applayout/AppRegistryWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// Statements are built from quoted parts: the app's names may hold %1, quotes or comment markers.

namespace {

QString placeholder(PgParams& params, const QVariant& value)
{
    params.append(value);
    return u'$' + QString::number(params.size());
}

} // namespace

AppRegistryWriter::AppRegistryWriter(const PgConnection& q, AppLayout layout)
    : m_q(q)
    , m_layout(std::move(layout))
{
}

QString AppRegistryWriter::column(const QString& name) const
{
    return m_q.quoteIdentifier(name);
}

QString AppRegistryWriter::tenantTable() const
{
    return AppLayout::quoted(m_q, m_layout.tenantTable);
}

QString AppRegistryWriter::domainTable() const
{
    return AppLayout::quoted(m_q, m_layout.domainTable);
}

QString AppRegistryWriter::condition(const AppTenantKey& key, PgParams& params, const QString& alias) const
{
    const QString prefix = alias + u'.';
    if (!m_layout.databaseTenants())
        return u'(' + prefix + column(m_layout.schemaColumn) + QStringLiteral(" = ")
               + placeholder(params, key.schemaName) + u')';
    const QString id = prefix + column(m_layout.idColumn) + QStringLiteral("::text");
    const QString database = placeholder(params, key.databaseName);
    return u'(' + id + QStringLiteral(" = ")
           + placeholder(params, key.appId.isEmpty() ? QVariant() : QVariant(key.appId)) + QStringLiteral(" OR ")
           + prefix + column(m_layout.dataColumn) + QStringLiteral("::jsonb ->> 'tenancy_db_name' = ") + database
           + QStringLiteral(" OR ") + placeholder(params, m_layout.databasePrefix) + QStringLiteral(" || ") + id
           + QStringLiteral(" || ") + placeholder(params, m_layout.databaseSuffix) + QStringLiteral(" = ") + database
           + u')';
}

AppStatements AppRegistryWriter::insert(const AppTenantKey& key, const QString& name, const QStringList& domains) const
{
    if (!m_layout.hasRegistry())
        return {};
    QStringList columns;
    PgParams params;
    QStringList values;
    auto set = [&](const QString& c, const QVariant& value) {
        columns.append(column(c));
        values.append(placeholder(params, value));
    };
    if (m_layout.databaseTenants()) {
        set(m_layout.idColumn, key.appId);
        QJsonObject data{{QLatin1String("tenancy_db_name"), key.databaseName}};
        if (!m_layout.nameColumn.isEmpty())
            data.insert(m_layout.nameColumn, name);
        set(m_layout.dataColumn, QJsonDocument(data).toJson(QJsonDocument::Compact));
    } else {
        set(m_layout.schemaColumn, key.schemaName);
        if (!m_layout.nameColumn.isEmpty())
            set(m_layout.nameColumn, name);
    }
    if (!m_layout.activeColumn.isEmpty())
        set(m_layout.activeColumn, true);
    // VALUES gives each value its column's type; a unique key already there is left as it is.
    AppStatements statements{{QStringLiteral("INSERT INTO ") + tenantTable() + QStringLiteral(" (")
                                  + columns.join(QLatin1String(", ")) + QStringLiteral(") VALUES (")
                                  + values.join(QLatin1String(", ")) + QStringLiteral(") ON CONFLICT DO NOTHING"),
                              params}};
    if (!m_layout.hasDomains() || domains.isEmpty())
        return statements;
    PgParams dp;
    const QString list = placeholder(dp,
                                     QJsonDocument(QJsonArray::fromStringList(domains)).toJson(QJsonDocument::Compact));
    const bool primary = !m_layout.primaryColumn.isEmpty();
    QString sql = QStringLiteral("INSERT INTO ") + domainTable() + QStringLiteral(" (") + column(m_layout.domainColumn)
                  + QStringLiteral(", ") + column(m_layout.domainTenantColumn)
                  + (primary ? QStringLiteral(", ") + column(m_layout.primaryColumn) : QString())
                  + QStringLiteral(") SELECT x.d, t.") + column(m_layout.idColumn)
                  + (primary ? QStringLiteral(", x.n = 1") : QString())
                  + QStringLiteral(" FROM jsonb_array_elements_text(") + list
                  + QStringLiteral("::jsonb) WITH ORDINALITY AS x (d, n), ") + tenantTable()
                  + QStringLiteral(" t WHERE ") + condition(key, dp, QStringLiteral("t"))
                  + QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM ") + domainTable() + QStringLiteral(" e WHERE e.")
                  + column(m_layout.domainColumn) + QStringLiteral(" = x.d)");
    statements.append({sql, dp});
    return statements;
}

AppStatements AppRegistryWriter::rename(const AppTenantKey& key, const QString& name) const
{
    if (!m_layout.hasRegistry() || m_layout.nameColumn.isEmpty())
        return {};
    PgParams params;
    QString set;
    if (m_layout.databaseTenants()) {
        const QString data = column(m_layout.dataColumn);
        // A jsonb value, which a json column takes too (jsonb to json is an assignment cast).
        set = data + QStringLiteral(" = jsonb_set(coalesce(t.") + data + QStringLiteral("::jsonb, '{}'), ARRAY[")
              + placeholder(params, m_layout.nameColumn) + QStringLiteral("::text], to_jsonb(")
              + placeholder(params, name) + QStringLiteral("::text))");
    } else {
        set = column(m_layout.nameColumn) + QStringLiteral(" = ") + placeholder(params, name);
    }
    return {{QStringLiteral("UPDATE ") + tenantTable() + QStringLiteral(" t SET ") + set + QStringLiteral(" WHERE ")
                 + condition(key, params, QStringLiteral("t")),
             params}};
}

AppStatements AppRegistryWriter::setActive(const AppTenantKey& key, bool active) const
{
    if (!m_layout.hasRegistry() || m_layout.activeColumn.isEmpty())
        return {};
    PgParams params;
    const QString value = placeholder(params, active);
    return {{QStringLiteral("UPDATE ") + tenantTable() + QStringLiteral(" t SET ") + column(m_layout.activeColumn)
                 + QStringLiteral(" = ") + value + QStringLiteral(" WHERE ")
                 + condition(key, params, QStringLiteral("t")),
             params}};
}

AppStatements AppRegistryWriter::remove(const AppTenantKey& key) const
{
    if (!m_layout.hasRegistry())
        return {};
    AppStatements statements;
    if (m_layout.hasDomains()) {
        PgParams params;
        statements.append({QStringLiteral("DELETE FROM ") + domainTable() + QStringLiteral(" d WHERE d.")
                               + column(m_layout.domainTenantColumn) + QStringLiteral(" IN (SELECT t.")
                               + column(m_layout.idColumn) + QStringLiteral(" FROM ") + tenantTable()
                               + QStringLiteral(" t WHERE ") + condition(key, params, QStringLiteral("t")) + u')',
                           params});
    }
    PgParams params;
    statements.append({QStringLiteral("DELETE FROM ") + tenantTable() + QStringLiteral(" t WHERE ")
                           + condition(key, params, QStringLiteral("t")),
                       params});
    return statements;
}
