#pragma once

#include <QString>

// The names every TenantDesk executable gives Qt: the organisation and its domain (under which
// QSettings keeps the profiles and preferences, so the GUI and tenantctl find the same ones), the
// version, and the executable's own name.
class AppIdentity {
public:
    // Sets them on the QCoreApplication (call after constructing it).
    static void apply(const QString& applicationName);
};
