#pragma once

#include "pg/PgConnection.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>

// pg_dump run against the server, database and user of a live connection (TenantArchiver's
// archives, TemplateImporter's DDL). It runs through QProcess with an argument list; when the
// live connection used a password (from a connection string, a prompt, PGPASSWORD or a passfile)
// pg_dump gets it in a temporary 0600 passfile, never in its arguments or environment, and none
// of our PG* variables. Its output goes to the sink as it comes.
class PgDump {
public:
    // A pg_dump name pattern (--schema, --extension, ...) that matches exactly name: quoted,
    // quotes doubled, so that *, ?, . and the like in a name are taken literally.
    static QString exactPattern(const QString& name);

    // The --extension arguments that keep pg_dump from dumping the extensions of live's database
    // that only a superuser can create (so that an admin can run what it writes), and those left
    // out; no arguments when none is. pg_dump 15 cannot exclude an extension, only name those to
    // dump; plpgsql, which is always there and never dumped, keeps that list from being empty
    // (which would mean all).
    static QStringList adminExtensionArguments(PgConnection& live, QStringList& leftOut);

    // Runs pg_dump with arguments (format and selection; the connection is added). Bounded by
    // timeoutMs overall and by the live connection's reply timeout of silence. Throws PgError
    // "pg_dump of <what> failed: <its message>" (or "was stopped (...)").
    static void run(PgConnection& live, const QStringList& arguments, const QString& what,
                    const std::function<void(const QByteArray&)>& sink, int timeoutMs);
};
