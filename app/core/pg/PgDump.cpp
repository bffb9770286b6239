#include "pg/PgDump.h"

#include "pg/PasswordFile.h"
#include "pg/PgInstallation.h"
#include "pg/SqlResource.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>

namespace {

PgError failure(const QString& message)
{
    return PgError(PgError::Kind::Query, message);
}

} // namespace

QString PgDump::exactPattern(const QString& name)
{
    return u'"' + QString(name).replace(u'"', QLatin1String("\"\"")) + u'"';
}

QStringList PgDump::adminExtensionArguments(PgConnection& live, QStringList& leftOut)
{
    QStringList kept{QStringLiteral("plpgsql")};
    const PgResult extensions = live.exec(SqlResource::text(QStringLiteral("pg/dump_extensions.sql")));
    for (int row = 0; row < extensions.rows(); ++row)
        (extensions.text(row, 1) == QLatin1String("t") ? leftOut : kept) << extensions.text(row, 0);
    QStringList arguments;
    if (!leftOut.isEmpty()) {
        for (const QString& name : std::as_const(kept))
            arguments << QStringLiteral("--extension=") + exactPattern(name);
    }
    return arguments;
}

void PgDump::run(PgConnection& live, const QStringList& arguments, const QString& what,
                 const std::function<void(const QByteArray&)>& sink, int timeoutMs)
{
    ConnectionParams params = live.params();
    // pg_dump sets its own timeouts; ours (withSafeDefaults) would cut a long dump short.
    params.set("options",
               // Through a transaction-pooling PgBouncer no options at all (PgBouncer refuses them).
               live.isPooled() ? QString()
                               : params.value("options")
                                     .remove(QRegularExpression(QStringLiteral("-c statement_timeout=\\d+")))
                                     .trimmed());
    params.set("application_name", QStringLiteral("TenantDesk pg_dump"));
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
        passfile.add(QStringLiteral("*"), live.port().toInt(), live.user(), QString::fromUtf8(PQpass(live.raw())));
        passfile.write(secrets.filePath(QStringLiteral("pgpass")));
        params.set("passfile", secrets.filePath(QStringLiteral("pgpass")));
    }
    // pg_dump turns statement_timeout off for itself: the bound on waiting for the server is ours.
    // A lock it cannot get, or a server that stops answering, ends it as any other statement would.
    const int silenceMs = live.replyTimeoutMs();
    const QStringList connection{QStringLiteral("--dbname=") + params.toConnectionString(),
                                 QStringLiteral("--no-password"),
                                 QStringLiteral("--lock-wait-timeout=%1").arg(qMax(1000, silenceMs - 2000))};

    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& key : environment.keys()) {
        if (key.startsWith(QLatin1String("PG")))
            environment.remove(key); // only what the conninfo says
    }
    process.setProcessEnvironment(environment);
    process.setReadChannel(QProcess::StandardOutput);
    process.start(PgInstallation::locate().programPath(QStringLiteral("pg_dump")), connection + arguments);
    if (!process.waitForStarted())
        throw failure(QStringLiteral("Cannot run pg_dump: %1").arg(process.errorString()));
    // Its output goes to the sink as it comes: pg_dump never opens a path itself. It writes as it
    // reads, so silence as long as a statement's bound means the server stopped answering.
    const QDeadlineTimer deadline(timeoutMs);
    QDeadlineTimer silence(silenceMs);
    QString givenUp;
    while (process.state() != QProcess::NotRunning || process.bytesAvailable() > 0) {
        if (process.bytesAvailable() > 0
            || process.waitForReadyRead(int(qMin<qint64>(silence.remainingTime(), 1000)))) {
            sink(process.readAllStandardOutput());
            silence.setRemainingTime(silenceMs);
            continue;
        }
        if (deadline.hasExpired())
            givenUp = QStringLiteral(" (it ran longer than %1 s)").arg(timeoutMs / 1000);
        else if (silence.hasExpired() && process.state() != QProcess::NotRunning)
            givenUp = QStringLiteral(" (the server sent nothing for %1 s)").arg(silenceMs / 1000.0, 0, 'g', 3);
        if (!givenUp.isEmpty()) {
            process.kill();
            process.waitForFinished();
            break;
        }
    }
    if (!givenUp.isEmpty() || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString output = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
        throw failure(QStringLiteral("pg_dump of %1 %2: %3")
                          .arg(what,
                               givenUp.isEmpty() ? QStringLiteral("failed") : QStringLiteral("was stopped") + givenUp,
                               output.isEmpty() ? process.errorString() : output));
    }
}
