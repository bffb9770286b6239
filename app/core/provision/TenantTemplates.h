#pragma once

#include "pg/PgConnection.h"
#include "provision/TenantTemplate.h"

#include <QList>
#include <QStringList>

// The templates the catalog offers, for the provision wizard, the upgrade dialog and the Templates
// window.
class TenantTemplates {
public:
    // By name, model and version.
    static QList<TenantTemplate> all(PgConnection& catalog);
    // The names, and the versions of one name for one model, from a list all() returned.
    static QStringList names(const QList<TenantTemplate>& templates);
    // The names that have a version for model.
    static QStringList names(const QList<TenantTemplate>& templates, IsolationModel model);
    static QList<int> versions(const QList<TenantTemplate>& templates, const QString& name, IsolationModel model);
};
