#include "applayout/AppRegistryReader.h"

#include "base/InputError.h"
#include "pg/PgConnection.h"
#include "pg/SqlResource.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace {

QSet<QString> columnsOf(PgConnection& c, const AppTable& table)
{
    const PgResult r = c.exec(SqlResource::text(QStringLiteral("applayout/columns.sql")), {table.schema, table.name});
    QSet<QString> columns;
    for (int row = 0; row < r.rows(); ++row)
        columns.insert(r.text(row, 0));
    return columns;
}

QString tableProblem(const AppTable& table, const QString& database, const QString& option)
{
    return QStringLiteral("The application's table %1 does not exist in the database %2: name it with %3 "
                          "(\"schema.table\"), or choose another layout.")
        .arg(table.text(), database, option);
}

QString columnProblem(const AppTable& table, const QString& column, const QString& option)
{
    return QStringLiteral("The application's table %1 has no column \"%2\": name it with %3.")
        .arg(table.text(), column, option);
}

// The first problem of the layout's tables in appDb, or empty; clears optional columns not there.
QString problemOf(PgConnection& appDb, AppLayout& l)
{
    const QSet<QString> tenant = columnsOf(appDb, l.tenantTable);
    if (tenant.isEmpty())
        return tableProblem(l.tenantTable, l.database, QStringLiteral("--tenant-table"));
    // The id is needed where domains or database names hang on it (django-tenants, stancl/tenancy).
    // Apartment prescribes no tenant table: the app's table may have no id, and its tenants then
    // have no application id (tenants.app_tenant_id NULL); they are found by schema name.
    if (!l.hasDomains() && !l.databaseTenants() && !tenant.contains(l.idColumn))
        l.idColumn.clear();
    const QList<std::pair<QString, QString>> required{{l.idColumn, QStringLiteral("--id-column")},
                                                      {l.schemaColumn, QStringLiteral("--schema-column")},
                                                      {l.dataColumn, QStringLiteral("--data-column")},
                                                      {l.activeColumn, QStringLiteral("--active-column")}};
    for (const auto& [column, option] : required) {
        if (!column.isEmpty() && !tenant.contains(column))
            return columnProblem(l.tenantTable, column, option);
    }
    if (l.dataColumn.isEmpty() && !tenant.contains(l.nameColumn))
        l.nameColumn.clear(); // a name column is optional; stancl's name is a key of data
    if (!l.hasDomains())
        return {};
    const QSet<QString> domain = columnsOf(appDb, l.domainTable);
    if (domain.isEmpty())
        return tableProblem(l.domainTable, l.database, QStringLiteral("--domain-table"));
    for (const auto& [column, option] :
         QList<std::pair<QString, QString>>{{l.domainColumn, QStringLiteral("--domain-column")},
                                            {l.domainTenantColumn, QStringLiteral("--domain-tenant-column")}}) {
        if (!domain.contains(column))
            return columnProblem(l.domainTable, column, option);
    }
    if (!domain.contains(l.primaryColumn))
        l.primaryColumn.clear();
    return {};
}

} // namespace

AppLayout AppRegistryReader::checked(PgConnection& appDb, const AppLayout& layout)
{
    AppLayout l = layout;
    if (!l.hasRegistry())
        return l;
    if (const QString problem = problemOf(appDb, l); !problem.isEmpty())
        throw InputError(problem);
    return l;
}

bool AppRegistryReader::fits(PgConnection& appDb, const AppLayout& layout)
{
    AppLayout l = layout;
    return problemOf(appDb, l).isEmpty();
}

QList<AppTenantRow> AppRegistryReader::read(PgConnection& appDb, const AppLayout& l)
{
    if (!l.hasRegistry())
        return {};
    const PgConnection& q = appDb;
    // Statements are built from quoted parts: a name may hold %1, quotes or comment markers.
    auto col = [&](const char* alias, const QString& column) -> QString {
        return QLatin1String(alias) + u'.' + q.quoteIdentifier(column);
    };
    PgParams params;
    auto bind = [&](const QVariant& value) -> QString {
        params.append(value);
        return u'$' + QString::number(params.size());
    };
    QString object;
    QString name = QStringLiteral("NULL::text");
    if (l.databaseTenants()) {
        // stancl: the database its data names (tenancy_db_name), else prefix + id + suffix.
        const QString data = col("t", l.dataColumn) + QStringLiteral("::jsonb");
        object = QStringLiteral("coalesce(") + data + QStringLiteral(" ->> 'tenancy_db_name', ")
                 + bind(l.databasePrefix) + QStringLiteral(" || ") + col("t", l.idColumn) + QStringLiteral("::text || ")
                 + bind(l.databaseSuffix) + u')';
        if (!l.nameColumn.isEmpty())
            name = data + QStringLiteral(" ->> ") + bind(l.nameColumn);
    } else {
        object = col("t", l.schemaColumn) + QStringLiteral("::text");
        if (!l.nameColumn.isEmpty())
            name = col("t", l.nameColumn) + QStringLiteral("::text");
    }
    QString active = QStringLiteral("NULL::boolean");
    if (!l.activeColumn.isEmpty())
        active = col("t", l.activeColumn) + QStringLiteral("::boolean");
    QString domains = QStringLiteral("'[]'");
    if (l.hasDomains()) {
        QString order = col("d", l.domainColumn);
        if (!l.primaryColumn.isEmpty())
            order.prepend(col("d", l.primaryColumn) + QStringLiteral(" DESC, "));
        domains = QStringLiteral("coalesce((SELECT json_agg(") + col("d", l.domainColumn)
                  + QStringLiteral("::text ORDER BY ") + order + QStringLiteral(") FROM ")
                  + AppLayout::quoted(q, l.domainTable) + QStringLiteral(" d WHERE ") + col("d", l.domainTenantColumn)
                  + QStringLiteral("::text = ") + col("t", l.idColumn) + QStringLiteral("::text), '[]')");
    }
    const QString id = l.idColumn.isEmpty() ? QStringLiteral("NULL::text")
                                            : col("t", l.idColumn) + QStringLiteral("::text");
    const QString sql = QStringLiteral("SELECT ") + id + QStringLiteral(", ") + object + QStringLiteral(", ") + name
                        + QStringLiteral(", ") + active + QStringLiteral(", ") + domains
                        + QStringLiteral("::text FROM ") + AppLayout::quoted(q, l.tenantTable)
                        + QStringLiteral(" t ORDER BY 1, 2");
    const PgResult r = appDb.exec(sql, params);
    QList<AppTenantRow> rows;
    for (int row = 0; row < r.rows(); ++row) {
        AppTenantRow t;
        t.appId = r.text(row, 0);
        t.objectName = r.text(row, 1);
        t.name = r.text(row, 2);
        if (!r.isNull(row, 3))
            t.active = r.toBool(row, 3);
        for (const QJsonValue& d : QJsonDocument::fromJson(r.text(row, 4).toUtf8()).array())
            t.domains.append(d.toString());
        rows.append(t);
    }
    return rows;
}
