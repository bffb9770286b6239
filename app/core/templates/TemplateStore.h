#pragma once

#include "pg/PgConnection.h"
#include "templates/TemplateDraft.h"

#include <QString>

// The template versions in the catalog (tenantdesk.templates): the DDL of a version, the next
// version number, and adding a version with its audit row. Blocking functions of a catalog
// connection; a version once stored is never changed or replaced here.
class TemplateStore {
public:
    // The DDL of one version. Throws InputError naming what the catalog has when it has not that.
    static QString ddl(PgConnection& catalog, const QString& name, IsolationModel model, int version);
    // The latest version of name for model; 0 when there is none.
    static int latestVersion(PgConnection& catalog, const QString& name, IsolationModel model);
    // Stores draft (version set) and its audit row in one transaction. Throws InputError when
    // that version exists already (added meanwhile by someone else): nothing is stored then.
    static void store(PgConnection& catalog, const TemplateDraft& draft);
    // Throws InputError when name is not one the catalog accepts: lower-case letters, digits,
    // '-' and '_', starting with a letter, at most 63 bytes.
    static void checkName(const QString& name);
};
