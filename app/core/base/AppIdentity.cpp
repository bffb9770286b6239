#include "base/AppIdentity.h"

#include <QCoreApplication>

void AppIdentity::apply(const QString& applicationName)
{
    QCoreApplication::setApplicationName(applicationName);
    QCoreApplication::setOrganizationName(QStringLiteral("TenantDesk"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("tenantdesk.io"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TENANTDESK_VERSION));
}
