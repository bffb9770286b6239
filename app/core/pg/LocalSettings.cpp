#include "pg/LocalSettings.h"

namespace {

QString tenantSetting(const QString& value)
{
    return QStringLiteral("SELECT pg_catalog.set_config('app.tenant_id', ") + value + QStringLiteral(", true)");
}

} // namespace

QString LocalSettings::pinSearchPath()
{
    return QStringLiteral("SET LOCAL search_path = pg_catalog");
}

QString LocalSettings::beginPinned(const QString& begin)
{
    return begin + u';' + pinSearchPath();
}

void LocalSettings::pinSearchPath(PgConnection& c)
{
    c.execScript(pinSearchPath());
}

QString LocalSettings::searchPath(const PgConnection& c, const QStringList& schemas)
{
    QStringList quoted;
    for (const QString& schema : schemas)
        quoted << c.quoteIdentifier(schema);
    return QStringLiteral("SET LOCAL search_path = ") + quoted.join(QStringLiteral(", "));
}

QString LocalSettings::role(const PgConnection& c, const QString& role)
{
    return QStringLiteral("SET LOCAL ROLE ") + c.quoteIdentifier(role);
}

QString LocalSettings::tenantStatement()
{
    return tenantSetting(QStringLiteral("$1"));
}

QString LocalSettings::tenantScript(const PgConnection& c, const QString& tenantKey)
{
    return tenantSetting(QString::fromUtf8(c.quoteLiteral(tenantKey.toUtf8())));
}

void LocalSettings::setTenant(PgConnection& c, const QString& tenantKey)
{
    c.exec(tenantStatement(), {tenantKey});
}

QString LocalSettings::appRolesStatement()
{
    return QStringLiteral("SELECT pg_catalog.set_config('tenantdesk.app_roles', $1, true)");
}
