#include "sandbox/SandboxCatalog.h"

#include "catalog/CatalogMigrator.h"
#include "pg/LocalSettings.h"
#include "pg/SqlResource.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// Lists of rows travel as one JSON parameter, unpacked by jsonb_to_recordset on the server.
static QByteArray json(const QJsonArray& rows)
{
    return QJsonDocument(rows).toJson(QJsonDocument::Compact);
}

static QJsonArray shardRows(const QList<SandboxCatalog::Shard>& shards)
{
    QJsonArray rows;
    for (const SandboxCatalog::Shard& shard : shards) {
        QJsonArray endpoints;
        for (const SandboxCatalog::Endpoint& e : shard.endpoints)
            endpoints.append(QJsonObject{{QLatin1String("role"), e.role},
                                         {QLatin1String("host"), e.host},
                                         {QLatin1String("port"), e.port},
                                         {QLatin1String("pooling"), toString(e.pooling)}});
        rows.append(QJsonObject{{QLatin1String("name"), shard.name},
                                {QLatin1String("tenant_database"), shard.tenantDatabase},
                                {QLatin1String("capacity"), shard.capacity},
                                {QLatin1String("endpoints"), endpoints}});
    }
    return rows;
}

static QJsonArray templateRows()
{
    const QString store = SqlResource::text("sandbox/store.sql");
    const QString description = QStringLiteral("Online store: customers, items with the tenant's own prices, orders");
    return {QJsonObject{{QLatin1String("isolation_model"), toString(IsolationModel::Schema)},
                        {QLatin1String("ddl"), store},
                        {QLatin1String("description"), description}},
            QJsonObject{{QLatin1String("isolation_model"), toString(IsolationModel::Database)},
                        {QLatin1String("ddl"), store},
                        {QLatin1String("description"), description}},
            QJsonObject{
                {QLatin1String("isolation_model"), toString(IsolationModel::Shared)},
                {QLatin1String("ddl"), SqlResource::text("sandbox/shared_store.sql")},
                {QLatin1String("description"), QString(description + QLatin1String(", in shared tables under RLS"))}}};
}

static QJsonArray tenantRows(const QList<SandboxTenant>& tenants)
{
    QJsonArray rows;
    for (const SandboxTenant& t : tenants) {
        QJsonObject row{{QLatin1String("slug"), t.slug},
                        {QLatin1String("display_name"), t.displayName},
                        {QLatin1String("isolation_model"), toString(t.model)},
                        {QLatin1String("shard"), t.shardName()}};
        if (!t.schemaName.isEmpty())
            row.insert(QLatin1String("schema_name"), t.schemaName);
        if (!t.databaseName.isEmpty())
            row.insert(QLatin1String("database_name"), t.databaseName);
        if (!t.key.isNull())
            row.insert(QLatin1String("tenant_key"), t.key.toString(QUuid::WithoutBraces));
        rows.append(row);
    }
    return rows;
}

static QJsonArray domainRows(const QList<SandboxTenant>& tenants)
{
    QJsonArray rows;
    for (const SandboxTenant& t : tenants) {
        for (const SandboxTenant::Domain& d : t.domains) {
            QJsonObject row{{QLatin1String("slug"), t.slug}, {QLatin1String("host"), d.host}};
            if (d.port)
                row.insert(QLatin1String("port"), d.port);
            if (!d.pathPrefix.isEmpty())
                row.insert(QLatin1String("path_prefix"), d.pathPrefix);
            rows.append(row);
        }
    }
    return rows;
}

void SandboxCatalog::write(PgConnection& admin, const QList<Shard>& shards, const QList<SandboxTenant>& tenants)
{
    CatalogMigrator::migrate(admin);
    const QString templateName = QLatin1String(SandboxTenant::templateName);
    admin.transaction(
        [&] {
            admin.execScript(SqlResource::text("sandbox/catalog_grants.sql"));
            admin.exec(SqlResource::text("sandbox/catalog_shards.sql"), {json(shardRows(shards))});
            admin.exec(SqlResource::text("sandbox/catalog_templates.sql"),
                       {templateName, SandboxTenant::templateVersion, json(templateRows())});
            admin.exec(SqlResource::text("sandbox/catalog_tenants.sql"),
                       {json(tenantRows(tenants)), templateName, SandboxTenant::templateVersion});
            admin.exec(SqlResource::text("sandbox/catalog_domains.sql"), {json(domainRows(tenants))});
        },
        LocalSettings::beginPinned());
}

void SandboxCatalog::addBenchTenants(PgConnection& admin, int count)
{
    admin.transaction(
        [&] {
            admin.exec(SqlResource::text("sandbox/catalog_bench_tenants.sql"),
                       {count, QLatin1String(SandboxTenant::templateName), SandboxTenant::templateVersion});
        },
        LocalSettings::beginPinned());
    admin.execScript(SqlResource::text("sandbox/vacuum_tenants.sql"));
}
