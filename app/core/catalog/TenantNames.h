#pragma once

#include "catalog/TenantEnums.h"

#include <QString>

// The naming convention of provisioned tenants, the same one the sandbox seeds with: a tenant's
// identifier is its slug with '-' as '_' (tenant-a and tenant_a are therefore the same tenant);
// a schema tenant's schema is that identifier, a database tenant's database is tenant_<identifier>.
// The reconciler recognises tenant objects by this convention, so every part of TenantDesk that
// names a tenant object asks here.
class TenantNames {
public:
    // PostgreSQL silently truncates longer names (NAMEDATALEN - 1), in bytes of UTF-8.
    static constexpr int MaxIdentifierBytes = 63;

    static QString identifier(const QString& slug);
    static QString schemaName(const QString& slug);
    static QString databaseName(const QString& slug);
    // The identifier a tenant database name was derived from, or empty when the name does not
    // follow the convention or is one of TenantDesk's template databases (isTemplateDatabase).
    static QString identifierOfDatabase(const QString& databaseName);
    // Whether databaseName is a database TenantDesk copies tenants from or builds one in
    // (templateDatabase, templateBuildDatabase, the sandbox's tenant_template): never a tenant,
    // though tenant_template_... begins like one (slugs template... are refused for that reason).
    static bool isTemplateDatabase(const QString& databaseName);

    // The template database that database tenants of a template version are copied from
    // (tenant_template_<name>_v<version>), and the name it is built under before it is renamed
    // into place, so that a half-built template is never copied.
    static QString templateDatabase(const QString& templateName, int version);
    static QString templateBuildDatabase(const QString& templateName, int version);

    // The advisory-lock key of a tenant on the catalog, by identifier, so that tenant-a and
    // tenant_a cannot be worked on at the same time: hashtext() of this text.
    static QString lockKey(const QString& slug);

    // The schema holding TenantDesk's own records on a shard database (template versions, the
    // deny list of suspended shared tenants), and the schema of the shared tables.
    static QString shardSchema() { return QStringLiteral("tenantdesk_shard"); }
    static QString sharedSchema() { return QStringLiteral("shared"); }

    // The schema a tenant's tables are in: its own schema (schemaName), public of its own
    // database, or the shared schema.
    static QString tableSchema(IsolationModel model, const QString& schemaName);
};
