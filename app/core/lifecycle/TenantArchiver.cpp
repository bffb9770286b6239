#include "lifecycle/TenantArchiver.h"

#include "base/ShellWords.h"
#include "catalog/FleetRoles.h"
#include "lifecycle/SharedRowsScript.h"
#include "pg/PgDump.h"
#include "pg/SqlResource.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

namespace {

QString targetFile(const QString& target, const ManagedTenant& t)
{
    if (!QFileInfo(target).isDir())
        return target;
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString suffix = t.model == IsolationModel::Shared ? QStringLiteral(".sql") : QStringLiteral(".dump");
    return QDir(target).filePath(t.slug + u'-' + stamp + suffix);
}

// psql's and pg_restore's -d takes a name with '=' or a URI prefix as a connection string: such
// a name goes as dbname='...'.
QString databaseArgument(const QString& name)
{
    if (!name.contains(u'=') && !name.startsWith(QLatin1String("postgresql://"))
        && !name.startsWith(QLatin1String("postgres://")))
        return name;
    return QStringLiteral("dbname='%1'")
        .arg(QString(name).replace(u'\\', QLatin1String("\\\\")).replace(u'\'', QLatin1String("\\'")));
}

// How the archive at file goes back, run as the user who made it against the server it came from.
// Schema tenants are restored as their schema's owner (ownerRole), who may then give every object
// the owner recorded in the dump; a database tenant's database is created by the restoring user
// (CREATEDB), its objects owned as recorded in the dump.
QString restoreCommand(const PgConnection& live, const ManagedTenant& t, const QString& ownerRole, const QString& file)
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
              << QStringLiteral("--single-transaction") << QStringLiteral("--role=") + ownerRole << server << file;
        break;
    case IsolationModel::Database:
        // The database itself comes from the dump (--create), with its owner and privileges; -d is
        // only where pg_restore connects to create it.
        words << QStringLiteral("pg_restore") << QStringLiteral("--exit-on-error") << QStringLiteral("--create")
              << server << file;
        break;
    }
    return ShellWords::command(words);
}

} // namespace

TenantArchiver::Result TenantArchiver::dump(ShardConnections& shards, const ManagedTenant& t, const QString& target,
                                            OutputFile::Existing existing, int timeoutMs)
{
    Result result;
    result.path = QFileInfo(targetFile(target, t)).absoluteFilePath();
    OutputFile out(result.path, existing);
    PgConnection& live = shards.to(t.shard, t.dataDatabase());
    QString ownerRole = shards.roles(t.shard).owner;
    if (t.model == IsolationModel::Schema) {
        const PgResult owner = live.exec(SqlResource::text(QStringLiteral("provision/schema_owner.sql")),
                                         {t.schemaName});
        if (owner.rows() > 0)
            ownerRole = owner.text(0, 0);
    }
    result.restoreCommand = restoreCommand(live, t, ownerRole, result.path);
    if (t.model == IsolationModel::Shared) {
        SharedRowsScript::write(live, t, ownerRole, result.restoreCommand, out);
        result.method = QStringLiteral("INSERT statements of the tenant's rows (pg_dump cannot filter rows)");
    } else {
        const QStringList leftOut = runPgDump(live, t, out, timeoutMs);
        result.method = QStringLiteral("pg_dump --format=custom");
        if (!leftOut.isEmpty())
            result.method += QStringLiteral(", without the extensions only a superuser can create (%1: a superuser "
                                            "adds them after the restore)")
                                 .arg(leftOut.join(QStringLiteral(", ")));
    }
    out.commit();
    result.bytes = QFileInfo(result.path).size();
    return result;
}

QStringList TenantArchiver::runPgDump(PgConnection& live, const ManagedTenant& t, OutputFile& out, int timeoutMs)
{
    QStringList arguments{QStringLiteral("--format=custom")};
    QStringList leftOut;
    if (t.model == IsolationModel::Schema) {
        arguments << QStringLiteral("--schema=") + PgDump::exactPattern(t.schemaName);
    } else {
        // An admin restores what an admin can create.
        arguments << PgDump::adminExtensionArguments(live, leftOut);
    }
    try {
        PgDump::run(
            live, arguments, t.objectLabel(), [&out](const QByteArray& chunk) { out.write(chunk); }, timeoutMs);
    } catch (const PgError& e) {
        throw PgError(e.kind(), e.message() + QStringLiteral(" (nothing was written)"));
    }
    return leftOut;
}
