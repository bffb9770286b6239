#include "TenantArchiver.h"

#include "PasswordFile.h"
#include "PgInstallation.h"
#include "TenantGrants.h"
#include "TenantShardObjects.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSaveFile>
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

} // namespace

TenantArchiver::Result TenantArchiver::dump(ShardConnections& shards, const ManagedTenant& t,
                                            const QString& target, int timeoutMs)
{
    Result result;
    result.path = QFileInfo(targetFile(target, t)).absoluteFilePath();
    if (t.model == IsolationModel::Shared) {
        copySharedRows(shards.to(t.shard, t.shard.tenantDatabase), t, result.path);
        result.method = QStringLiteral("COPY of the tenant's rows (pg_dump cannot filter rows)");
    } else {
        runPgDump(t.shard.params(shards.catalogParams(), t.dataDatabase()), t, result.path, timeoutMs);
        result.method = QStringLiteral("pg_dump --format=custom");
    }
    result.bytes = QFileInfo(result.path).size();
    return result;
}

void TenantArchiver::runPgDump(const ConnectionParams& connection, const ManagedTenant& t,
                               const QString& file, int timeoutMs)
{
    ConnectionParams params = connection;
    // pg_dump sets its own timeouts; ours (withSafeDefaults) would cut a long dump short.
    params.set("options", params.value("options")
                              .remove(QRegularExpression(QStringLiteral("-c statement_timeout=\\d+")))
                              .trimmed());
    params.set("application_name", QStringLiteral("TenantDesk archive"));
    QTemporaryDir secrets;
    if (params.contains("password")) {
        if (!secrets.isValid())
            throw failure(QStringLiteral("Cannot create a temporary directory for pg_dump's password file."));
        PasswordFile passfile;
        passfile.add(QStringLiteral("*"), 0, QStringLiteral("*"), params.value("password"));
        passfile.write(secrets.filePath(QStringLiteral("pgpass")));
        params.remove("password");
        params.set("passfile", secrets.filePath(QStringLiteral("pgpass")));
    }
    const QString partial = file + QStringLiteral(".part");
    QStringList arguments{QStringLiteral("--dbname=") + params.toConnectionString(),
                          QStringLiteral("--format=custom"), QStringLiteral("--no-password"),
                          QStringLiteral("--file=") + partial};
    if (t.model == IsolationModel::Schema)
        // A pattern: quoted, so that the name is matched exactly.
        arguments << QStringLiteral("--schema=\"%1\"")
                         .arg(QString(t.schemaName).replace(u'"', QLatin1String("\"\"")));

    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& key : environment.keys()) {
        if (key.startsWith(QLatin1String("PG")))
            environment.remove(key); // only what the conninfo says
    }
    process.setProcessEnvironment(environment);
    process.start(PgInstallation::locate().programPath(QStringLiteral("pg_dump")), arguments);
    const bool finished = process.waitForFinished(timeoutMs);
    if (!finished) {
        process.kill();
        process.waitForFinished();
    }
    if (!finished || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        QFile::remove(partial);
        const QString output = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
        throw failure(QStringLiteral("pg_dump of %1 failed%2: %3")
                          .arg(t.objectLabel(), finished ? QString() : QStringLiteral(" (timed out)"),
                               output.isEmpty() ? process.errorString() : output));
    }
    QFile::remove(file);
    if (!QFile::rename(partial, file))
        throw failure(QStringLiteral("Cannot move the dump into place at %1.").arg(file));
}

void TenantArchiver::copySharedRows(PgConnection& c, const ManagedTenant& t, const QString& file)
{
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        throw failure(QStringLiteral("Cannot write %1: %2").arg(file, out.errorString()));
    auto write = [&](const QByteArray& bytes) {
        if (out.write(bytes) != bytes.size())
            throw failure(QStringLiteral("Cannot write %1: %2").arg(file, out.errorString()));
    };
    write(QStringLiteral(
              "-- TenantDesk archive of the shared-table tenant %1 (key %2), from %3, database %4, at %5.\n"
              "-- Its rows of every shared table, as COPY blocks; restore with psql as tenantdesk_owner.\n"
              "BEGIN;\nSELECT pg_catalog.set_config('app.tenant_id', '%2', true);\n")
              .arg(t.slug, t.tenantKey, t.shard.label(), t.shard.tenantDatabase,
                   QDateTime::currentDateTimeUtc().toString(Qt::ISODate))
              .toUtf8());
    c.transaction(
        [&] {
            c.execScript(QStringLiteral("SET LOCAL search_path = pg_catalog;") + TenantGrants::actAsOwner(c));
            c.exec(QStringLiteral("SELECT pg_catalog.set_config('app.tenant_id', $1, true)"), {t.tenantKey});
            // Parents before children, so that the script restores without foreign-key errors.
            QList<std::pair<QString, QString>> tables = TenantShardObjects::sharedTables(c);
            std::reverse(tables.begin(), tables.end());
            for (const auto& [schema, table] : tables) {
                const QString name = c.quoteIdentifier(schema) + u'.' + c.quoteIdentifier(table);
                write(QStringLiteral("COPY %1 FROM stdin;\n").arg(name).toUtf8());
                // COPY takes no parameters: the filter reads the key from the setting made above.
                const QString sql =
                    QStringLiteral("COPY (SELECT * FROM %1 WHERE tenant_id = "
                                   "pg_catalog.current_setting('app.tenant_id')::uuid) TO STDOUT")
                        .arg(name);
                try {
                    c.copyOut(sql, [&](QByteArrayView rows) { write(rows.toByteArray()); });
                } catch (const PgError& e) {
                    if (e.sqlState().isEmpty())
                        throw; // not the server's refusal: a lost connection, or the file
                    throw failure(QStringLiteral("Reading the rows of %1 failed: %2").arg(name, e.message()));
                }
                write("\\.\n");
            }
        },
        "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    write("COMMIT;\n");
    if (!out.commit())
        throw failure(QStringLiteral("Cannot write %1: %2").arg(file, out.errorString()));
}
