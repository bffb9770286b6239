#include "catalog/CatalogMigrator.h"

#include "base/InputError.h"
#include "catalog/CatalogGate.h"
#include "pg/AdvisoryLock.h"
#include "pg/LocalSettings.h"
#include "pg/SqlResource.h"

#include <QDir>
#include <QRegularExpression>

const QList<CatalogMigrator::Migration>& CatalogMigrator::migrations()
{
    static const QList<Migration> all = [] {
        QList<Migration> list;
        static const QRegularExpression name(QStringLiteral("^(\\d{3})_(\\w+)\\.sql$"));
        const QStringList files = QDir(QStringLiteral(":/sql/catalog")).entryList(QDir::Files, QDir::Name);
        for (const QString& file : files) {
            const QRegularExpressionMatch m = name.match(file);
            if (m.hasMatch())
                list.append(
                    {m.captured(1).toInt(), m.captured(2).replace(u'_', u' '), QStringLiteral("catalog/") + file});
        }
        return list;
    }();
    return all;
}

int CatalogMigrator::latestVersion()
{
    return migrations().isEmpty() ? 0 : migrations().constLast().version;
}

int CatalogMigrator::currentVersion(PgConnection& connection)
{
    const PgResult r = connection.exec(SqlResource::text("catalog_queries/catalog_version.sql"));
    if (!r.toBool(0, 0))
        return 0;
    if (!r.toBool(0, 1))
        throw InputError(
            QStringLiteral("This database has a schema named \"tenantdesk\" but no catalog version table: it is not a "
                           "TenantDesk catalog, or it is damaged. Nothing was changed."));
    return int(connection.exec(SqlResource::text("catalog_queries/catalog_version_number.sql")).toInt(0, 0));
}

CatalogMigrator::Result CatalogMigrator::migrate(PgConnection& connection, int targetVersion)
{
    if (targetVersion < 1 || targetVersion > latestVersion())
        throw InputError(QStringLiteral("There is no catalog version %1 (this build knows 1 to %2).")
                             .arg(targetVersion)
                             .arg(latestVersion()));
    // Locked before the transaction begins: a transaction that waits for the lock inside itself
    // keeps the catalog cache of its start, and may miss the schema that the holder just created
    // ("schema tenantdesk already exists"). BEGIN after the lock sees everything committed before.
    const AdvisoryLock lock(connection, QStringLiteral("tenantdesk.catalog.migrate"), AdvisoryLock::Wait);
    return connection.transaction(
        [&] {
            const int current = currentVersion(connection);
            if (current > latestVersion())
                throw CatalogGate::newerCatalogError(current);
            for (const Migration& m : migrations()) {
                if (m.version <= current || m.version > targetVersion)
                    continue;
                connection.execScript(SqlResource::text(m.resourcePath));
                connection.exec(SqlResource::text("catalog_queries/record_migration.sql"), {m.version, m.description});
            }
            return Result{current, std::max(current, targetVersion)};
        },
        LocalSettings::beginPinned());
}
