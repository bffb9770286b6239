#include "adopt/AdoptOptionNames.h"

QString AdoptOptionName::commandLine() const
{
    return QString(key).replace(u'_', u'-');
}

const QList<AdoptOptionName>& AdoptOptionName::all()
{
    static const QList<AdoptOptionName> names{
        {QStringLiteral("tenant_table"), QStringLiteral("The application's tenant table, schema.table.")},
        {QStringLiteral("domain_table"), QStringLiteral("The application's domain table, schema.table (empty: none).")},
        {QStringLiteral("id_column"), QStringLiteral("The tenant table's key column.")},
        {QStringLiteral("schema_column"), QStringLiteral("The column naming each tenant's schema.")},
        {QStringLiteral("name_column"), QStringLiteral("The display name's column (stancl: its key in data).")},
        {QStringLiteral("data_column"), QStringLiteral("stancl: the json column of attributes.")},
        {QStringLiteral("active_column"), QStringLiteral("A boolean column, false while suspended.")},
        {QStringLiteral("domain_column"), QStringLiteral("The domain table's domain column.")},
        {QStringLiteral("domain_tenant_column"), QStringLiteral("The domain table's tenant column.")},
        {QStringLiteral("primary_column"), QStringLiteral("The domain table's is-primary column.")},
        {QStringLiteral("database_prefix"), QStringLiteral("stancl: tenant databases are prefix + id + suffix.")},
        {QStringLiteral("database_suffix"), QStringLiteral("stancl: see database_prefix.")}};
    return names;
}
