#include "catalog/TenantRecord.h"

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
