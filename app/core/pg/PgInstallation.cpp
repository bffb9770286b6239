#include "pg/PgInstallation.h"

#include <QCollator>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <algorithm>
#include <memory>
#include <stdexcept>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

static const QString serverSystemUser = QStringLiteral("postgres");

static bool isRoot()
{
#ifdef Q_OS_UNIX
    return geteuid() == 0;
#else
    return false;
#endif
}

static QString withInitdb(const QString& dir)
{
    return !dir.isEmpty() && QFileInfo(QDir(dir).filePath(QStringLiteral("initdb"))).isExecutable() ? dir : QString();
}

static QString pgConfigBinDir()
{
    const QString pgConfig = QStandardPaths::findExecutable(QStringLiteral("pg_config"));
    if (pgConfig.isEmpty())
        return {};
    QProcess process;
    process.start(pgConfig, {QStringLiteral("--bindir")});
    if (!process.waitForFinished(10000) || process.exitCode() != 0)
        return {};
    return QString::fromLocal8Bit(process.readAllStandardOutput()).trimmed();
}

static QString newestDebianBinDir()
{
    QStringList versions = QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCollator numeric;
    numeric.setNumericMode(true);
    std::sort(versions.begin(), versions.end(),
              [&](const QString& a, const QString& b) { return numeric.compare(a, b) > 0; });
    for (const QString& version : versions) {
        if (QString dir = withInitdb(QStringLiteral("/usr/lib/postgresql/%1/bin").arg(version)); !dir.isEmpty())
            return dir;
    }
    return {};
}

PgInstallation::PgInstallation(QString binDir)
    : m_binDir(std::move(binDir))
    , m_asOtherUser(isRoot())
{
}

PgInstallation PgInstallation::locate()
{
    if (const QString fromEnv = qEnvironmentVariable("TENANTDESK_PG_BINDIR"); !fromEnv.isEmpty())
        return at(fromEnv);
    QString dir = withInitdb(pgConfigBinDir());
    if (dir.isEmpty())
        dir = newestDebianBinDir();
    if (dir.isEmpty())
        dir = withInitdb(QFileInfo(QStandardPaths::findExecutable(QStringLiteral("initdb"))).path());
    if (dir.isEmpty())
        throw std::runtime_error("no PostgreSQL server programs (initdb) found: install PostgreSQL or set "
                                 "TENANTDESK_PG_BINDIR to the directory that holds initdb");
    return at(dir);
}

PgInstallation PgInstallation::at(const QString& binDir)
{
    if (withInitdb(binDir).isEmpty())
        throw std::runtime_error(
            QStringLiteral("%1 holds no PostgreSQL server programs (no initdb)").arg(binDir).toStdString());
    PgInstallation installation(binDir);
#ifdef Q_OS_UNIX
    if (installation.m_asOtherUser && !getpwnam(serverSystemUser.toLocal8Bit().constData()))
        throw std::runtime_error("PostgreSQL refuses to run as root and there is no 'postgres' system user to "
                                 "run it as: create one, or run as a normal user");
#endif
    return installation;
}

QString PgInstallation::programPath(const QString& program) const
{
    return QDir(m_binDir).filePath(program);
}

bool PgInstallation::hasProgram(const QString& program) const
{
    return QFileInfo(programPath(program)).isExecutable();
}

QString PgInstallation::extensionDir() const
{
    if (!hasProgram(QStringLiteral("pg_config")))
        return {};
    const QString shareDir =
        QString::fromLocal8Bit(
            run({QStringLiteral("pg_config"), {QStringLiteral("--sharedir")}, {}, QStringLiteral("pg_config")}, 10000))
            .trimmed();
    return QDir(shareDir).filePath(QStringLiteral("extension"));
}

void PgInstallation::handOver(const QString& path) const
{
#ifdef Q_OS_UNIX
    if (!m_asOtherUser)
        return;
    const passwd* pw = getpwnam(serverSystemUser.toLocal8Bit().constData());
    if (!pw || chown(QFile::encodeName(path).constData(), pw->pw_uid, pw->pw_gid) != 0)
        throw std::runtime_error(
            QStringLiteral("cannot give %1 to the %2 user").arg(path, serverSystemUser).toStdString());
#else
    Q_UNUSED(path);
#endif
}

void PgInstallation::checkReachable(const QString& dir) const
{
    if (!m_asOtherUser)
        return;
    for (QString path = QFileInfo(dir).absolutePath();; path = QFileInfo(path).absolutePath()) {
        const QFileInfo above(path);
        if (above.exists() && !(above.permissions() & QFileDevice::ExeOther))
            throw std::runtime_error(QStringLiteral("the servers run as the %1 user, who cannot enter %2: choose a "
                                                    "--dir it can reach, such as one under %3")
                                         .arg(serverSystemUser, path, QDir::tempPath())
                                         .toStdString());
        if (above.isRoot())
            return;
    }
}

// A process for command, not started yet.
static std::unique_ptr<QProcess> prepare(const PgInstallation& installation, const PgCommand& command)
{
    auto process = std::make_unique<QProcess>();
    process->setProgram(installation.programPath(command.program));
    process->setArguments(command.arguments);
    // The server user may not be able to read our working directory; every path we pass is absolute.
    process->setWorkingDirectory(QDir::tempPath());
    // PGDATA, PGPORT, PGOPTIONS... of the caller must not redirect or alter what the programs do.
    QProcessEnvironment env;
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    for (const QString& key : system.keys()) {
        if (!key.startsWith(QLatin1String("PG")))
            env.insert(key, system.value(key));
    }
    for (const auto& [key, value] : command.environment)
        env.insert(key, value);
    process->setProcessEnvironment(env);
    process->setStandardInputFile(QProcess::nullDevice());
    return process;
}

static std::unique_ptr<QProcess> startCommand(const PgInstallation& installation, const PgCommand& command)
{
    std::unique_ptr<QProcess> process = prepare(installation, command);
    process->setProcessChannelMode(QProcess::MergedChannels);
    if (installation.runsAsOtherUser()) {
        process->setArguments(
            QStringList{QStringLiteral("-u"), serverSystemUser, QStringLiteral("--"), process->program()}
            + command.arguments);
        process->setProgram(QStringLiteral("runuser"));
    }
    process->start();
    return process;
}

static QByteArray finish(QProcess& process, const PgCommand& command, int timeoutMs)
{
    const bool finished = process.waitForFinished(timeoutMs);
    const QByteArray output = process.readAll();
    if (finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0)
        return output;
    QString reason;
    if (process.error() == QProcess::FailedToStart) {
        reason = QStringLiteral("could not be started: ") + process.errorString();
    } else if (!finished) {
        process.kill();
        process.waitForFinished(5000);
        reason = QStringLiteral("did not finish within %1 s").arg(timeoutMs / 1000);
    } else {
        reason = QStringLiteral("failed (exit code %1)").arg(process.exitCode());
    }
    throw std::runtime_error(
        QString(command.what + u' ' + reason + u'\n' + QString::fromLocal8Bit(output).trimmed()).toStdString());
}

void PgInstallation::runAll(const QList<PgCommand>& commands, int timeoutMs) const
{
    std::vector<std::unique_ptr<QProcess>> processes;
    for (const PgCommand& command : commands)
        processes.push_back(startCommand(*this, command));
    std::exception_ptr firstFailure;
    for (size_t i = 0; i < processes.size(); ++i) {
        try {
            finish(*processes[i], commands[qsizetype(i)], timeoutMs);
        } catch (...) {
            if (!firstFailure)
                firstFailure = std::current_exception();
        }
    }
    if (firstFailure)
        std::rethrow_exception(firstFailure);
}

QByteArray PgInstallation::run(const PgCommand& command, int timeoutMs) const
{
    const std::unique_ptr<QProcess> process = startCommand(*this, command);
    return finish(*process, command, timeoutMs);
}

qint64 PgInstallation::startDetached(const PgCommand& command, const QString& logFile) const
{
    const std::unique_ptr<QProcess> process = prepare(*this, command);
    process->setStandardOutputFile(logFile, QIODevice::Append);
    process->setStandardErrorFile(logFile, QIODevice::Append);
    qint64 pid = 0;
    if (!process->startDetached(&pid))
        throw std::runtime_error(
            QString(command.what + QLatin1String(" could not be started: ") + process->errorString()).toStdString());
    return pid;
}
