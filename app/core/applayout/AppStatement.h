#pragma once

#include "pg/PgConnection.h"

#include <QList>
#include <QString>

// One statement on the application's tables, with its values bound: what AppRegistryWriter
// writes out, run by provisioning inside its own plan and by the lifecycle actions.
struct AppStatement {
    QString sql;
    PgParams params;
};

using AppStatements = QList<AppStatement>;

// Runs statements on c, in the caller's transaction.
inline void execute(PgConnection& c, const AppStatements& statements)
{
    for (const AppStatement& s : statements)
        c.exec(s.sql, s.params);
}
