#pragma once

#include "catalog/TenantEnums.h"

#include <QJsonObject>
#include <QString>

// A template version about to be added to the catalog: what `tenantctl templates add` and
// `import` (and the Templates window) hand to TemplateAdder. A plain value that crosses threads.
struct TemplateDraft {
    QString name;
    IsolationModel model = IsolationModel::Schema;
    int version = 0;    // 0: the next one (the latest of name and model + 1)
    QString ddl;        // the whole DDL: what a new tenant of this version gets
    QString upgradeDdl; // empty: none; else what brings a tenant of version - 1 to this one
    QString description;
    QString auditAction;      // "template.add", "template.import"
    QJsonObject auditDetails; // where it came from (file, tenant), for the audit row
};
