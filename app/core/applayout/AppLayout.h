#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

class PgConnection;

// A table of the application, as "schema.table" in the options (schema public when none is given).
struct AppTable {
    QString schema;
    QString name;

    bool isEmpty() const { return name.isEmpty(); }
    QString text() const { return schema + u'.' + name; }
    // "public.customers_client" -> {public, customers_client}; the first '.' separates them.
    static AppTable parse(const QString& text);
};

// The application's own tenant registry on a shard, as tenantdesk.app_layouts records it: which
// library's layout (django-tenants, stancl/tenancy, Apartment, or none), the database its tables
// are in, and the names of its tables and columns. The options are the keys of app_layouts.options:
//
//   tenant_table, domain_table        "schema.table"
//   id_column                         the tenant table's key (django-tenants: id, stancl: id, Apartment: id)
//   schema_column                     the schema name (django-tenants: schema_name, Apartment: tenant_name)
//   name_column                       the display name ("" for none; stancl: the data key "name")
//   data_column                       stancl's json column of attributes (data)
//   active_column                     a boolean column false while suspended ("" for none)
//   domain_column, domain_tenant_column, primary_column   the domain table's columns
//   database_prefix, database_suffix  stancl: a tenant's database is prefix + id + suffix
//
// A plain value: it crosses threads.
struct AppLayout {
    enum class Kind { Plain, DjangoTenants, Stancl, Apartment };

    Kind kind = Kind::Plain;
    QString database; // where the application's tables live on the shard
    AppTable tenantTable;
    AppTable domainTable;
    QString idColumn;
    QString schemaColumn;
    QString nameColumn;
    QString dataColumn;
    QString activeColumn;
    QString domainColumn;
    QString domainTenantColumn;
    QString primaryColumn;
    QString databasePrefix;
    QString databaseSuffix;

    // The library's own defaults for kind, in database.
    static AppLayout defaults(Kind kind, const QString& database);
    // An option of options (a key above) overriding the defaults; keys not named stay as they are.
    AppLayout withOptions(const QJsonObject& options) const;
    QJsonObject options() const;

    // Whether the application has tenant (and domain) tables TenantDesk reads and writes.
    bool hasRegistry() const { return kind != Kind::Plain; }
    bool hasDomains() const { return hasRegistry() && !domainTable.isEmpty(); }
    // Its tenants are databases (stancl) rather than schemas.
    bool databaseTenants() const { return kind == Kind::Stancl; }

    // "schema"."table", quoted by q.
    static QString quoted(const PgConnection& q, const AppTable& table);

    // The layout recorded for shard shardId, if any (none before catalog version 5).
    static std::optional<AppLayout> load(PgConnection& catalog, int shardId);
};

// The catalog's spelling: plain, django-tenants, stancl, apartment.
QString toString(AppLayout::Kind kind);
std::optional<AppLayout::Kind> appLayoutKindFromString(const QString& text);
