#include "browse/SupportGrantHint.h"

#include "pg/Ddl.h"

QString SupportGrantHint::explain(const PgConnection& c, const TenantTarget& target, const PgError& error)
{
    const TenantDetails& tenant = target.tenant;
    const QString support = c.user();
    const QString schema = tenant.tableSchema();
    const Ddl ddl(c);
    QStringList grants;
    if (tenant.model == IsolationModel::Database)
        grants << ddl.grant("CONNECT", Ddl::On::Database, tenant.databaseName, support);
    grants << ddl.grant("USAGE", Ddl::On::Schema, schema, support)
           << ddl.grant("SELECT", Ddl::On::AllTablesInSchema, schema, support);
    return QStringLiteral("The support role \"%1\" may not read tenant %2 (%3). The owner of its objects (or a "
                          "superuser) must grant it:\n%4;\n`tenantctl shards prepare %5` grants this, and default "
                          "privileges for the tables to come, when TenantDesk's admin role is a member of the owning "
                          "role; `tenantctl shards check %5` says what is missing. Nothing was read.")
        .arg(support, tenant.slug, error.message().trimmed(), grants.join(QLatin1String(";\n")), tenant.shard.name);
}
