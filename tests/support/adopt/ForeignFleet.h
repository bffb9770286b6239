#pragma once

#include "pg/ConnectionParams.h"

#include <QString>
#include <QStringList>

// An application's fleet that TenantDesk did not make, built for one test on the sandbox's shard-1
// server as its superuser: an application role with a hostile name, a database of its own (where
// the application keeps its tables and, for schema-per-tenant apps, its tenant schemas), and a
// catalog shard "adopt-<purpose>-<random>" on that server whose tenant database it is. Everything
// goes when the object goes: the shard's catalog tenants and layout, the shard, the databases the
// test made, the role. The sandbox is shared by parallel tests, so every name is unique.
class ForeignFleet {
public:
    explicit ForeignFleet(const QString& purpose);
    ~ForeignFleet();
    ForeignFleet(const ForeignFleet&) = delete;
    ForeignFleet& operator=(const ForeignFleet&) = delete;

    const QString& shard() const { return m_shard; }
    const QString& database() const { return m_database; }
    const QString& appRole() const { return m_role; }
    // A name unique to this fleet: base + its random part.
    QString unique(const QString& base) const { return base + m_suffix; }

    // Runs script on database as the superuser; with asApp, as the application's role.
    void run(const QString& database, const QString& script, bool asApp = false) const;
    // One value of a query as the superuser ("" for NULL or no row).
    QString value(const QString& database, const QString& sql) const;
    // A database owned by the application's role, dropped with the fleet.
    void createDatabase(const QString& name);
    // What the sandbox's fleet roles need on the application's tables in database (default: the
    // fleet's): TenantDesk reads and writes them.
    void grantAppTables(const QString& database = {}) const;
    // A shard tenant's model and object in the catalog, as "model:object", by slug ("" if none).
    static QString catalogObject(const QString& slug);
    static qint64 catalogTenantCount(const QString& shard);
    // The slug of some tenant of the catalog: one a new tenant collides with.
    static QString anyCatalogSlug();

    static ConnectionParams catalogAdmin();

private:
    QString m_suffix;
    QString m_shard;
    QString m_database;
    QString m_role;
    QStringList m_databases;
};
