#pragma once

#include "applayout/AppLayout.h"
#include "applayout/AppStatement.h"
#include "applayout/AppTenantRow.h"

// The statements that keep the application's own tenant and domain tables in step with a tenant
// TenantDesk creates, renames, suspends or deletes, so that the application keeps routing to it.
// Each is idempotent (a row already there is left, a row already gone is no error), with every
// value bound and every name quoted by q. A layout without a registry (plain) needs none.
//
// django-tenants and Apartment rows are found by their schema column; stancl rows by id, or by
// the database they name. A new stancl tenant gets the id key.appId and records its database as
// data.tenancy_db_name, stancl's own key for a database not named prefix + id + suffix.
class AppRegistryWriter {
public:
    AppRegistryWriter(const PgConnection& q, AppLayout layout);

    AppStatements insert(const AppTenantKey& key, const QString& name, const QStringList& domains) const;
    AppStatements rename(const AppTenantKey& key, const QString& name) const;
    // Empty when the layout has no active column: the application is then not told.
    AppStatements setActive(const AppTenantKey& key, bool active) const;
    AppStatements remove(const AppTenantKey& key) const;

private:
    // "(<the row of key>)" on the tenant table aliased alias, appending its values to params.
    QString condition(const AppTenantKey& key, PgParams& params, const QString& alias) const;
    QString column(const QString& name) const;
    QString tenantTable() const;
    QString domainTable() const;

    const PgConnection& m_q;
    AppLayout m_layout;
};
