#include "catalog/TenantRecord.h"

#include "catalog/TenantNames.h"

QString TenantRecord::tableSchema() const
{
    switch (model) {
    case IsolationModel::Schema:
        return schemaName;
    case IsolationModel::Database:
        return QStringLiteral("public");
    case IsolationModel::Shared:
        return TenantNames::sharedSchema();
    }
    Q_UNREACHABLE();
}

QString TenantRecord::objectLabel() const
{
    switch (model) {
    case IsolationModel::Schema:
        return QStringLiteral("schema %1").arg(schemaName);
    case IsolationModel::Database:
        return QStringLiteral("database %1").arg(databaseName);
    case IsolationModel::Shared:
        return QStringLiteral("rows of key %1 in the shared tables").arg(tenantKey);
    }
    Q_UNREACHABLE();
}
