#pragma once

#include <QString>
#include <QStringList>

// Splits a SQL script into its statements the way psql does, so that what pg_dump writes can be
// taken apart statement by statement: a ';' ends a statement only outside string literals
// (standard and E''), quoted identifiers, dollar quotes, comments (nested /* */ too) and the
// BEGIN ATOMIC ... END body of a function; comments and blank lines between statements are left
// out, and so is a psql meta-command line (pg_dump's \restrict), which is not SQL.
class SqlStatements {
public:
    // Each statement from its first character to its ';' (a last one without ';' as it is).
    static QStringList split(const QString& script);
};
