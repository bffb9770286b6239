#include "catalog/TenantNames.h"

static const QString databasePrefix = QStringLiteral("tenant_");

QString TenantNames::identifier(const QString& slug)
{
    return QString(slug).replace(u'-', u'_');
}

QString TenantNames::schemaName(const QString& slug)
{
    return identifier(slug);
}

QString TenantNames::databaseName(const QString& slug)
{
    return databasePrefix + identifier(slug);
}

QString TenantNames::identifierOfDatabase(const QString& databaseName)
{
    if (!databaseName.startsWith(databasePrefix) || isTemplateDatabase(databaseName))
        return {};
    return databaseName.mid(databasePrefix.size());
}

bool TenantNames::isTemplateDatabase(const QString& databaseName)
{
    const QString copiedFrom = databasePrefix + QStringLiteral("template");
    return databaseName == copiedFrom || databaseName.startsWith(copiedFrom + u'_')
           || databaseName.startsWith(QLatin1String("tdbuild_"));
}

QString TenantNames::templateDatabase(const QString& templateName, int version)
{
    return QStringLiteral("tenant_template_%1_v%2").arg(identifier(templateName), QString::number(version));
}

QString TenantNames::templateBuildDatabase(const QString& templateName, int version)
{
    // Not tenant_...: a build left behind by a crash must not look like a tenant database.
    return QStringLiteral("tdbuild_%1_v%2").arg(identifier(templateName), QString::number(version));
}

QString TenantNames::lockKey(const QString& slug)
{
    return QStringLiteral("tenantdesk.tenant:") + identifier(slug);
}

QString TenantNames::tableSchema(IsolationModel model, const QString& schemaName)
{
    switch (model) {
    case IsolationModel::Schema:
        return schemaName;
    case IsolationModel::Database:
        return QStringLiteral("public");
    case IsolationModel::Shared:
        return sharedSchema();
    }
    Q_UNREACHABLE();
}
