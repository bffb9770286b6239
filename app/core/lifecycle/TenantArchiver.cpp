#include "lifecycle/TenantArchiver.h"

#include "pg/PasswordFile.h"
#include "pg/PgInstallation.h"
#include "catalog/FleetRoles.h"
#include "lifecycle/SharedRowsScript.h"
#include "pg/SqlResource.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>

namespace {

PgError failure(const QString& message)
{
    return PgError(PgError::Kind::Query, message);
}

QString targetFile(const QString& target, const ManagedTenant& t)
{
    if (!QFileInfo(target).isDir())
        return target;
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString suffix =
        t.model == IsolationModel::Shared ? QStringLiteral(".sql") : QStringLiteral(".dump");
    return QDir(target).filePath(t.slug + u'-' + stamp + suffix);
}

// A pg_dump name pattern that matches exactly name: quoted, quotes doubled.
QString exactPattern(const QString& name)
{
    return u'"' + QString(name).replace(u'"', QLatin1String("\"\"")) + u'"';
}

// One word for a POSIX shell: as it is when nothing in it is special, else in single quotes.
QString shellWord(const QString& word)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./:=@%+,-]+$"));
    if (plain.match(word).hasMatch())
        return word;
    return u'\'' + QString(word).replace(u'\'', QLatin1String("'\\''")) + u'\'';
}

// psql's and pg_restore's -d takes a name with '=' or a URI prefix as a connection string: such
// a name goes as dbname='...'.
QString databaseArgument(const QString& name)
{
    if (!name.contains(u'=') && !name.startsWith(QLatin1String("postgresql://")) &&
        !name.startsWith(QLatin1String("postgres://")))
        return name;
    return QStringLiteral("dbname='%1'")
        .arg(QString(name).replace(u'\\', QLatin1String("\\\\")).replace(u'\'', QLatin1String("\\'")));
}

// How the archive at file goes back, run as the user who made it against the server it came from.
// Schema tenants are restored as tenantdesk_owner, like provisioning creates them; a database tenant's
// database is created by the restoring user (CREATEDB), its objects owned as recorded in the dump.
QString restoreCommand(const PgConnection& live, const ManagedTenant& t, const QString& file)
{
    const QStringList server{
        QStringLiteral("-h"), live.host(), QStringLiteral("-p"), live.port(),
        QStringLiteral("-U"), live.user(), QStringLiteral("-d"), databaseArgument(t.shard.tenantDatabase)};
    QStringList words;
    switch (t.model) {
    case IsolationModel::Shared:
        words << QStringLiteral("psql") << QStringLiteral("-X") << QStringLiteral("-v")
              << QStringLiteral("ON_ERROR_STOP=1") << server << QStringLiteral("-f") << file;
        break;
    case IsolationModel::Schema:
        words << QStringLiteral("pg_restore") << QStringLiteral("--exit-on-error")
              << QStringLiteral("--single-transaction") << QStringLiteral("--role=") + FleetRoles::standard().owner
              << server << file;
        break;
    case IsolationModel::Database:
        // The database itself comes from the dump (--create), with its owner and privileges; -d is
        // only where pg_restore connects to create it.
        words << QStringLiteral("pg_restore") << QStringLiteral("--exit-on-error")
              << QStringLiteral("--create") << server << file;
        break;
    }
    QStringList quoted;
    for (const QString& word : std::as_const(words))
        quoted << shellWord(word);
    return quoted.join(u' ');
}

} // namespace

TenantArchiver::Result TenantArchiver::dump(ShardConnections& shards, const ManagedTenant& t,
                                            const QString& target, OutputFile::Existing existing,
                                            int timeoutMs)
{
    Result result;
    result.path = QFileInfo(targetFile(target, t)).absoluteFilePath();
    OutputFile out(result.path, existing);
    PgConnection& live = shards.to(t.shard, t.dataDatabase());
    result.restoreCommand = restoreCommand(live, t, result.path);
    if (t.model == IsolationModel::Shared) {
        SharedRowsScript::write(live, t, result.restoreCommand, out);
        result.method = QStringLiteral("INSERT statements of the tenant's rows (pg_dump cannot filter rows)");
    } else {
        const QStringList leftOut = runPgDump(live, t, out, timeoutMs);
        result.method = QStringLiteral("pg_dump --format=custom");
        if (!leftOut.isEmpty())
            result.method +=
                QStringLiteral(", without the extensions only a superuser can create (%1: a superuser "
                               "adds them after the restore)")
                    .arg(leftOut.join(QStringLiteral(", ")));
    }
    out.commit();
    result.bytes = QFileInfo(result.path).size();
    return result;
}

QStringList TenantArchiver::runPgDump(PgConnection& live, const ManagedTenant& t, OutputFile& out,
                                      int timeoutMs)
{
    ConnectionParams params = live.params();
    // pg_dump sets its own timeouts; ours (withSafeDefaults) would cut a long dump short.
    params.set("options", params.value("options")
                              .remove(QRegularExpression(QStringLiteral("-c statement_timeout=\\d+")))
                              .trimmed());
    params.set("application_name", QStringLiteral("TenantDesk archive"));
    // Where and as whom the live connection is, whatever supplied it (a URI, a service, defaults):
    // pg_dump sees none of our PG* variables, so it is told exactly.
    for (const char* keyword : {"service", "hostaddr", "password", "passfile"})
        params.remove(keyword);
    params.set("host", live.host());
    params.set("port", live.port());
    params.set("user", live.user());
    params.set("dbname", live.database());
    QTemporaryDir secrets;
    if (PQconnectionUsedPassword(live.raw())) {
        if (!secrets.isValid())
            throw failure(QStringLiteral("Cannot create a temporary directory for pg_dump's password file."));
        // Any host: the conninfo names exactly one, and libpq matches a socket directory as
        // "localhost" or by its path, depending on where it is.
        PasswordFile passfile;
        passfile.add(QStringLiteral("*"), live.port().toInt(), live.user(),
                     QString::fromUtf8(PQpass(live.raw())));
        passfile.write(secrets.filePath(QStringLiteral("pgpass")));
        params.set("passfile", secrets.filePath(QStringLiteral("pgpass")));
    }
    // pg_dump turns statement_timeout off for itself: the bound on waiting for the server is ours.
    // A lock it cannot get, or a server that stops answering, ends it as any other statement would.
    const int silenceMs = live.replyTimeoutMs();
    QStringList arguments{QStringLiteral("--dbname=") + params.toConnectionString(),
                          QStringLiteral("--format=custom"), QStringLiteral("--no-password"),
                          QStringLiteral("--lock-wait-timeout=%1").arg(qMax(1000, silenceMs - 2000))};
    QStringList leftOut;
    if (t.model == IsolationModel::Schema) {
        arguments << QStringLiteral("--schema=") + exactPattern(t.schemaName);
    } else {
        // An admin restores what an admin can create. pg_dump 15 cannot exclude an extension, only
        // name those to dump; plpgsql, which is always there and never dumped, keeps that list from
        // being empty (which would mean all).
        QStringList kept{QStringLiteral("plpgsql")};
        const PgResult extensions =
            live.exec(SqlResource::text("provision/archive_extensions.sql"));
        for (int row = 0; row < extensions.rows(); ++row)
            (extensions.text(row, 1) == QLatin1String("t") ? leftOut : kept) << extensions.text(row, 0);
        if (!leftOut.isEmpty()) {
            for (const QString& name : std::as_const(kept))
                arguments << QStringLiteral("--extension=") + exactPattern(name);
        }
    }

    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& key : environment.keys()) {
        if (key.startsWith(QLatin1String("PG")))
            environment.remove(key); // only what the conninfo says
    }
    process.setProcessEnvironment(environment);
    process.setReadChannel(QProcess::StandardOutput);
    process.start(PgInstallation::locate().programPath(QStringLiteral("pg_dump")), arguments);
    if (!process.waitForStarted())
        throw failure(QStringLiteral("Cannot run pg_dump: %1").arg(process.errorString()));
    // Its output goes into our file as it comes: pg_dump never opens a path itself. It writes as it
    // reads, so silence as long as a statement's bound means the server stopped answering.
    const QDeadlineTimer deadline(timeoutMs);
    QDeadlineTimer silence(silenceMs);
    QString givenUp;
    while (process.state() != QProcess::NotRunning || process.bytesAvailable() > 0) {
        if (process.bytesAvailable() > 0 ||
            process.waitForReadyRead(int(qMin<qint64>(silence.remainingTime(), 1000)))) {
            out.write(process.readAllStandardOutput());
            silence.setRemainingTime(silenceMs);
            continue;
        }
        if (deadline.hasExpired())
            givenUp = QStringLiteral(" (it ran longer than %1 s)").arg(timeoutMs / 1000);
        else if (silence.hasExpired() && process.state() != QProcess::NotRunning)
            givenUp =
                QStringLiteral(" (the server sent nothing for %1 s)").arg(silenceMs / 1000.0, 0, 'g', 3);
        if (!givenUp.isEmpty()) {
            process.kill();
            process.waitForFinished();
            break;
        }
    }
    if (!givenUp.isEmpty() || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString output = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
        throw failure(
            QStringLiteral("pg_dump of %1 %2; nothing was written: %3")
                .arg(t.objectLabel(),
                     givenUp.isEmpty() ? QStringLiteral("failed") : QStringLiteral("was stopped") + givenUp,
                     output.isEmpty() ? process.errorString() : output));
    }
    return leftOut;
}
