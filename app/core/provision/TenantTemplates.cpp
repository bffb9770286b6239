#include "provision/TenantTemplates.h"

#include "pg/SqlResource.h"

#include <algorithm>
#include <iterator>

QList<TenantTemplate> TenantTemplates::all(PgConnection& catalog)
{
    QList<TenantTemplate> templates;
    const PgResult r = catalog.exec(SqlResource::text("provision/templates.sql"));
    for (int row = 0; row < r.rows(); ++row) {
        const std::optional<IsolationModel> model = isolationModelFromString(r.bytes(row, 1));
        if (!model)
            continue; // a model this build does not know cannot be provisioned by it
        templates.append({r.text(row, 0), *model, int(r.toInt(row, 2)), r.text(row, 3), r.toBool(row, 4),
                          QDateTime::fromString(r.text(row, 5), Qt::ISODate), r.toInt(row, 6)});
    }
    return templates;
}

QStringList TenantTemplates::names(const QList<TenantTemplate>& templates)
{
    QStringList names;
    for (const TenantTemplate& t : templates) {
        if (!names.contains(t.name))
            names.append(t.name);
    }
    return names;
}

QStringList TenantTemplates::names(const QList<TenantTemplate>& templates, IsolationModel model)
{
    QList<TenantTemplate> ofModel;
    std::copy_if(templates.cbegin(), templates.cend(), std::back_inserter(ofModel),
                 [model](const TenantTemplate& t) { return t.model == model; });
    return names(ofModel);
}

QList<int> TenantTemplates::versions(const QList<TenantTemplate>& templates, const QString& name, IsolationModel model)
{
    QList<int> versions;
    for (const TenantTemplate& t : templates) {
        if (t.name == name && t.model == model)
            versions.append(t.version);
    }
    return versions;
}
