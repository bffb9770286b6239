#pragma once

#include <QString>
#include <QStringList>

#include <optional>

// One tenant as the application's own tenant table has it: its id there, the schema or database
// it names, its display name, its domains (the primary first) and, when the layout has an active
// column, whether it is active. A plain value: it crosses threads.
struct AppTenantRow {
    QString appId;
    QString objectName; // the schema (django-tenants, Apartment) or database (stancl)
    QString name;
    QStringList domains;
    std::optional<bool> active;
};

// Which row of the application's tenant table a catalog tenant is: by its schema (django-tenants,
// Apartment) or by its id there (stancl).
struct AppTenantKey {
    QString appId;
    QString schemaName;
    QString databaseName;
};
